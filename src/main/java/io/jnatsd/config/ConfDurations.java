package io.jnatsd.config;

import java.time.Duration;

/**
 * Durations in configuration values, as the reference reads them ({@code parseDuration} in
 * {@code server/opts.go}): a string in Go's {@code time.ParseDuration} syntax, or, for backward compatibility,
 * an integer number of seconds (the reference accepts it with a warning that asks to convert it).
 *
 * <p>The string syntax is one or more decimal numbers, each with an optional fraction and a unit, with an
 * optional sign in front: {@code 300ms}, {@code -1.5h}, {@code 2h45m}, {@code 1m30.5s}. Units: {@code ns},
 * {@code us} (or {@code µs}, {@code μs}), {@code ms}, {@code s}, {@code m}, {@code h}. A lone {@code 0} needs
 * no unit. Values beyond about 292 years overflow and are refused. Stateless.
 */
public final class ConfDurations {

    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    private static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;
    /** 2^63 as an unsigned magnitude: the most a negative duration may hold. */
    private static final long MAGNITUDE_LIMIT = Long.MIN_VALUE;

    private ConfDurations() {
    }

    /**
     * Parses a duration string with Go's {@code time.ParseDuration} rules.
     *
     * @param text such as {@code 1m30s}
     * @return the duration, with nanosecond precision
     * @throws IllegalArgumentException with a message in the reference's words when the text is not valid
     */
    public static Duration parse(String text) {
        return Duration.ofNanos(parseNanos(text));
    }

    /**
     * Reads a duration option: a string is parsed by {@link #parse(String)}, an integer counts seconds.
     *
     * @param value the option value
     * @param field the option name, for the message
     * @return the duration
     * @throws ConfException naming the value's position when it is neither a valid string nor an integer
     */
    public static Duration fromValue(ConfValue value, String field) throws ConfException {
        Object v = value.value();
        if (v instanceof String s) {
            try {
                return parse(s);
            } catch (IllegalArgumentException e) {
                throw new ConfException(value.reportPosition(), "error parsing " + field + ": " + e.getMessage(), s);
            }
        }
        if (v instanceof Long seconds) {
            try {
                return Duration.ofNanos(Math.multiplyExact(seconds, NANOS_PER_SECOND));
            } catch (ArithmeticException e) {
                throw new ConfException(value.reportPosition(), field + " is out of range", seconds.toString());
            }
        }
        throw new ConfException(value.reportPosition(), "error parsing " + field + ": expected a duration string"
                + " such as \"2s\" but got " + value.typeName(), String.valueOf(v));
    }

    /**
     * Reads the TLS blocks' three forms of a timeout: whole seconds, fractional seconds, or a duration string.
     *
     * @param value        the option value
     * @param errorPrefix  the message before a bad string's reason, as the reference words it for that block
     * @return the duration, or null when the value is none of the three forms (the caller words that error)
     * @throws ConfException naming the value's position when the string is not a duration
     */
    public static Duration fromSecondsOrString(ConfValue value, String errorPrefix) throws ConfException {
        Object plain = value.plain();
        if (plain instanceof Long n) {
            return Duration.ofSeconds(n);
        }
        if (plain instanceof Double d) {
            return Duration.ofNanos((long) (d * NANOS_PER_SECOND));
        }
        if (plain instanceof String s) {
            try {
                return parse(s);
            } catch (IllegalArgumentException e) {
                throw new ConfException(value.reportPosition(), errorPrefix + e.getMessage(), s);
            }
        }
        return null;
    }

    /**
     * {@return true when the value is an integer number of seconds, the legacy form the reference warns about
     * with "FIELD should be converted to a duration"}
     *
     * @param value the option value
     */
    public static boolean isLegacySeconds(ConfValue value) {
        return value.value() instanceof Long;
    }

    /**
     * Parses a duration string to nanoseconds with Go's {@code time.ParseDuration} rules.
     *
     * @param text such as {@code 1m30s}
     * @return nanoseconds
     * @throws IllegalArgumentException when the text is not valid
     */
    public static long parseNanos(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        long total = 0;
        int i = 0;
        while (i < s.length()) {
            Component c = component(s, i, text);
            i = c.end;
            total += c.nanos;
            if (Long.compareUnsigned(total, MAGNITUDE_LIMIT) > 0 || Long.compareUnsigned(total, c.nanos) < 0) {
                throw invalid(text);
            }
        }
        if (negative) {
            return -total;
        }
        if (total < 0) {
            throw invalid(text);
        }
        return total;
    }

    /** One number-and-unit component; nanos is an unsigned magnitude up to 2^63. */
    private record Component(long nanos, int end) {
    }

    private static Component component(String s, int start, String text) {
        int i = start;
        char first = s.charAt(i);
        if (first != '.' && !isDigit(first)) {
            throw invalid(text);
        }
        long whole = 0;
        int digitsStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
            if (Long.compareUnsigned(whole, Long.divideUnsigned(MAGNITUDE_LIMIT, 10)) > 0) {
                throw invalid(text);
            }
            whole = whole * 10 + (s.charAt(i) - '0');
            if (Long.compareUnsigned(whole, MAGNITUDE_LIMIT) > 0) {
                throw invalid(text);
            }
            i++;
        }
        boolean hasWhole = i > digitsStart;
        long fraction = 0;
        double scale = 1;
        boolean hasFraction = false;
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            int fractionStart = i;
            boolean overflow = false;
            while (i < s.length() && isDigit(s.charAt(i))) {
                if (!overflow) {
                    long next = fraction * 10 + (s.charAt(i) - '0');
                    if (Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0
                            || Long.compareUnsigned(next, MAGNITUDE_LIMIT) > 0) {
                        overflow = true;
                    } else {
                        fraction = next;
                        scale *= 10;
                    }
                }
                i++;
            }
            hasFraction = i > fractionStart;
        }
        if (!hasWhole && !hasFraction) {
            throw invalid(text);
        }
        int unitStart = i;
        while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
            i++;
        }
        if (i == unitStart) {
            throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
        }
        String unitText = s.substring(unitStart, i);
        long unit = unit(unitText);
        if (unit == 0) {
            throw new IllegalArgumentException("time: unknown unit \"" + unitText + "\" in duration \"" + text + "\"");
        }
        if (Long.compareUnsigned(whole, Long.divideUnsigned(MAGNITUDE_LIMIT, unit)) > 0) {
            throw invalid(text);
        }
        long nanos = whole * unit;
        if (fraction != 0) {
            double fractionValue = fraction < 0 ? 0x1p63 : (double) fraction;
            nanos += (long) (fractionValue * ((double) unit / scale));
            if (Long.compareUnsigned(nanos, MAGNITUDE_LIMIT) > 0) {
                throw invalid(text);
            }
        }
        return new Component(nanos, i);
    }

    private static long unit(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "\u00b5s", "\u03bcs" -> NANOS_PER_MICRO;
            case "ms" -> NANOS_PER_MILLI;
            case "s" -> NANOS_PER_SECOND;
            case "m" -> NANOS_PER_MINUTE;
            case "h" -> NANOS_PER_HOUR;
            default -> 0;
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
}
