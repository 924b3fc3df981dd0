package io.jnatsd.config;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Twin of the scalar conversions in {@code conf/parse.go}: the text of INTEGER, FLOAT and DATETIME tokens to
 * {@code Long}, {@code Double} and {@code Instant}.
 *
 * <p>Size suffixes, case-insensitive, as the reference defines them: {@code k m g t p e} are powers of 1000;
 * {@code kb ki kib}, {@code mb mi mib}, ... {@code eb ei eib} are powers of 1024. So {@code 1k} is 1000,
 * {@code 1kb} is 1024 and {@code 5m} is 5,000,000 (not five minutes: write durations as {@code "5m"} or
 * {@code 5m0s} strings). Where the reference silently wraps around on overflow or drops a value with an
 * unknown suffix such as {@code 1kbb}, this class refuses it. Stateless.
 */
public final class ConfNumbers {

    private static final Pattern INTEGER_DIGITS = Pattern.compile("-?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("-?[0-9]+\\.[0-9]+");
    private static final Pattern DATE_TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");

    private ConfNumbers() {
    }

    /**
     * Converts an integer token's text, such as {@code -12}, {@code 8k} or {@code 64MiB}.
     *
     * @param text     the token text
     * @param position where it stands, for errors
     * @return the value
     * @throws ConfException when it is out of the 64-bit range or has an unknown suffix
     */
    public static long parseInteger(String text, ConfPosition position) throws ConfException {
        int digitsEnd = 0;
        while (digitsEnd < text.length()) {
            char c = text.charAt(digitsEnd);
            if (c != '-' && !Character.isDigit(c)) {
                break;
            }
            digitsEnd++;
        }
        String digits = text.substring(0, digitsEnd);
        if (!INTEGER_DIGITS.matcher(digits).matches()) {
            throw new ConfException(position, "expected an integer", text);
        }
        long number;
        try {
            number = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ConfException(position, "integer is out of the 64-bit range", text);
        }
        String suffix = text.substring(digitsEnd).strip().toLowerCase(Locale.ROOT);
        long multiplier = multiplier(suffix);
        if (multiplier == 0) {
            throw new ConfException(position, "unknown size suffix '" + suffix + "' (use k, kb, ki, kib, m, mb,"
                    + " mi, mib, g, gb, ... up to e, eb, ei, eib)", text);
        }
        try {
            return Math.multiplyExact(number, multiplier);
        } catch (ArithmeticException e) {
            throw new ConfException(position, "integer with size suffix is out of the 64-bit range", text);
        }
    }

    /** {@return the multiplier of a lower-case suffix, 1 for none, 0 when unknown} */
    static long multiplier(String suffix) {
        if (suffix.isEmpty()) {
            return 1;
        }
        int power = switch (suffix.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            case 'p' -> 5;
            case 'e' -> 6;
            default -> 0;
        };
        String rest = suffix.substring(1);
        long base;
        if (rest.isEmpty()) {
            base = 1000;
        } else if (rest.equals("b") || rest.equals("i") || rest.equals("ib")) {
            base = 1024;
        } else {
            return 0;
        }
        long result = 1;
        for (int i = 0; i < power; i++) {
            result *= base;
        }
        return power == 0 ? 0 : result;
    }

    /**
     * Converts a float token's text such as {@code 0.5} or {@code -2.25}.
     *
     * @param text     the token text
     * @param position where it stands, for errors
     * @return the value
     * @throws ConfException when it is not a finite double
     */
    public static double parseFloat(String text, ConfPosition position) throws ConfException {
        if (!FLOAT.matcher(text).matches()) {
            throw new ConfException(position, "expected a float", text);
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new ConfException(position, "float is out of range", text);
        }
        return value;
    }

    /**
     * Converts a date-time token's text, {@code YYYY-MM-DDTHH:MM:SSZ}, checking that the date exists.
     *
     * @param text     the token text
     * @param position where it stands, for errors
     * @return the instant, in UTC
     * @throws ConfException when the text is not a valid Zulu date-time
     */
    public static Instant parseDateTime(String text, ConfPosition position) throws ConfException {
        if (!DATE_TIME.matcher(text).matches()) {
            throw new ConfException(position, "expected a Zulu date-time YYYY-MM-DDTHH:MM:SSZ", text);
        }
        try {
            return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                    number(text, 11, 13), number(text, 14, 16), number(text, 17, 19)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new ConfException(position, "invalid date-time: " + e.getMessage(), text);
        }
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }
}
