package io.jnatsd.jetstream.stream;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code server/cron.go}: the next time a six-field cron pattern ({@code second minute hour day-of-month
 * month day-of-week}) fires after a given instant. Each field is a comma-separated list of {@code *}, {@code ?},
 * {@code n}, {@code n-m}, with an optional {@code /step}; months and weekdays also take their three-letter names.
 * As in the reference, when either day field is a star both must match, otherwise either may, and no match within
 * five years is an error.
 *
 * <p>Stateless and thread-safe.
 */
final class CronSpec {
    /** Set in a field's bits when the field was written as a star (without a step above 1). */
    private static final long STAR_BIT = 1L << 63;
    private static final int YEARS_SEARCHED = 5;

    private record Bounds(int min, int max, Map<String, Integer> names) {
    }

    private static final Bounds SECONDS = new Bounds(0, 59, Map.of());
    private static final Bounds MINUTES = new Bounds(0, 59, Map.of());
    private static final Bounds HOURS = new Bounds(0, 23, Map.of());
    private static final Bounds DAYS_OF_MONTH = new Bounds(1, 31, Map.of());
    private static final Bounds MONTHS = new Bounds(1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
        Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
        Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12)));
    private static final Bounds DAYS_OF_WEEK = new Bounds(0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3,
        "thu", 4, "fri", 5, "sat", 6));

    private CronSpec() {
    }

    /**
     * @param pattern    six whitespace-separated fields
     * @param zone       the zone the fields are read in, null for UTC
     * @param afterNanos nanoseconds since the epoch; the result is at least the next whole second after it
     * @return the next time the pattern fires, in {@code zone}
     * @throws IllegalArgumentException when the pattern is not valid or never fires within five years
     */
    static ZonedDateTime next(String pattern, ZoneId zone, long afterNanos) {
        String[] fields = pattern.trim().isEmpty() ? new String[0] : pattern.trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("pattern requires 6 fields, got " + fields.length);
        }
        long second = field(fields[0], SECONDS);
        long minute = field(fields[1], MINUTES);
        long hour = field(fields[2], HOURS);
        long dayOfMonth = field(fields[3], DAYS_OF_MONTH);
        long month = field(fields[4], MONTHS);
        long dayOfWeek = field(fields[5], DAYS_OF_WEEK);
        ZoneId z = zone == null ? ZoneOffset.UTC : zone;
        ZonedDateTime t = ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(
            Math.floorDiv(afterNanos, 1_000_000_000L) + 1), z);
        return search(t, new long[] {second, minute, hour, dayOfMonth, month, dayOfWeek}, z);
    }

    /** Walks forward field by field, largest first, restarting when a field wraps (the reference's WRAP label). */
    private static ZonedDateTime search(ZonedDateTime start, long[] bits, ZoneId z) {
        ZonedDateTime t = start;
        boolean truncated = false;
        int yearLimit = t.getYear() + YEARS_SEARCHED;
        wrap:
        while (true) {
            if (t.getYear() > yearLimit) {
                throw new IllegalArgumentException("pattern exceeds maximum range");
            }
            while (!has(bits[4], t.getMonthValue())) {
                if (!truncated) {
                    truncated = true;
                    t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), 1, 0, 0, 0, 0, z);
                }
                t = t.plusMonths(1);
                if (t.getMonthValue() == 1) {
                    continue wrap;
                }
            }
            while (!dayMatches(bits[3], bits[5], t)) {
                if (!truncated) {
                    truncated = true;
                    t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), 0, 0, 0, 0, z);
                }
                t = t.plusDays(1);
                if (t.getDayOfMonth() == 1) {
                    continue wrap;
                }
            }
            while (!has(bits[2], t.getHour())) {
                if (!truncated) {
                    truncated = true;
                    t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), 0, 0, 0, z);
                }
                t = t.plusHours(1);
                if (t.getHour() == 0) {
                    continue wrap;
                }
            }
            while (!has(bits[1], t.getMinute())) {
                if (!truncated) {
                    truncated = true;
                    t = t.truncatedTo(ChronoUnit.MINUTES);
                }
                t = t.plusMinutes(1);
                if (t.getMinute() == 0) {
                    continue wrap;
                }
            }
            while (!has(bits[0], t.getSecond())) {
                if (!truncated) {
                    truncated = true;
                    t = t.truncatedTo(ChronoUnit.SECONDS);
                }
                t = t.plusSeconds(1);
                if (t.getSecond() == 0) {
                    continue wrap;
                }
            }
            return t;
        }
    }

    private static boolean has(long bits, int value) {
        return (bits & (1L << value)) != 0;
    }

    private static boolean dayMatches(long dayOfMonth, long dayOfWeek, ZonedDateTime t) {
        boolean domMatch = has(dayOfMonth, t.getDayOfMonth());
        boolean dowMatch = has(dayOfWeek, t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        if ((dayOfMonth & STAR_BIT) != 0 || (dayOfWeek & STAR_BIT) != 0) {
            return domMatch && dowMatch;
        }
        return domMatch || dowMatch;
    }

    /** A comma-separated list of ranges; empty items are skipped, as Go's FieldsFunc does. */
    private static long field(String field, Bounds b) {
        long bits = 0;
        for (String expr : field.split(",")) {
            if (!expr.isEmpty()) {
                bits |= range(expr, b);
            }
        }
        return bits;
    }

    /** {@code number | number "-" number} with an optional {@code "/" step}, or a star. */
    private static long range(String expr, Bounds b) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean single = lowAndHigh.length == 1;
        int start;
        int end;
        long extra = 0;
        if ("*".equals(lowAndHigh[0]) || "?".equals(lowAndHigh[0])) {
            start = b.min();
            end = b.max();
            extra = STAR_BIT;
        } else {
            start = intOrName(lowAndHigh[0], b.names());
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                end = intOrName(lowAndHigh[1], b.names());
            } else {
                throw new IllegalArgumentException("too many hyphens: " + expr);
            }
        }
        int step;
        if (rangeAndStep.length == 1) {
            step = 1;
        } else if (rangeAndStep.length == 2) {
            step = parseInt(rangeAndStep[1]);
            if (single) {
                end = b.max();
            }
            if (step > 1) {
                extra = 0;
            }
        } else {
            throw new IllegalArgumentException("too many slashes: " + expr);
        }
        if (start < b.min() || end > b.max() || start > end || step == 0) {
            throw new IllegalArgumentException("range out of bounds: " + expr);
        }
        long bits = 0;
        for (int i = start; i <= end; i += step) {
            bits |= 1L << i;
        }
        return bits | extra;
    }

    private static int intOrName(String expr, Map<String, Integer> names) {
        Integer named = names.get(expr.toLowerCase(Locale.ROOT));
        return named != null ? named : parseInt(expr);
    }

    private static int parseInt(String expr) {
        int n;
        try {
            n = Integer.parseInt(expr);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse int from " + expr, e);
        }
        if (n < 0) {
            throw new IllegalArgumentException("negative number (" + n + ") not allowed: " + expr);
        }
        return n;
    }
}
