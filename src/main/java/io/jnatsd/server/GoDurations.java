package io.jnatsd.server;

/**
 * Durations as the reference's monitoring shows them: {@code myUptime} in
 * {@code server/monitor.go} for uptime and idle ({@code 1y2d3h4m5s}, whole seconds), and Go's
 * {@code time.Duration.String} for round trips ({@code 1.176911ms}, {@code 0s}). Stateless.
 */
public final class GoDurations {

    private static final long MICRO = 1_000L;
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private GoDurations() {
    }

    /** The reference's {@code myUptime}: years, days, hours, minutes, seconds, leading zero units left out. */
    public static String uptime(long nanos) {
        long secs = Math.max(0, nanos) / SECOND;
        long mins = secs / 60;
        long hours = mins / 60;
        long days = hours / 24;
        long years = days / 365;
        if (years > 0) {
            return years + "y" + days % 365 + "d" + hours % 24 + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (days > 0) {
            return days + "d" + hours % 24 + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (hours > 0) {
            return hours + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (mins > 0) {
            return mins + "m" + secs % 60 + "s";
        }
        return secs + "s";
    }

    /** Go's {@code time.Duration.String} for a non-negative duration. */
    public static String string(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < MICRO) {
            return nanos + "ns";
        }
        if (nanos < MILLI) {
            return fraction(nanos, MICRO) + "µs";
        }
        if (nanos < SECOND) {
            return fraction(nanos, MILLI) + "ms";
        }
        long totalSecs = nanos / SECOND;
        long h = totalSecs / 3600;
        long m = totalSecs / 60 % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        return sb.append(fraction(nanos % (60 * SECOND), SECOND)).append('s').toString();
    }

    /** {@code value / unit} with the remainder as decimals, trailing zeros dropped. */
    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(unit).length() - 1;
        String frac = String.format("%0" + digits + "d", rest);
        int end = frac.length();
        while (frac.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + frac.substring(0, end);
    }
}
