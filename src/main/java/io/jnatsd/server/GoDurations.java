package io.jnatsd.server;

import java.time.Duration;

/** Writes durations as Go's {@code time.Duration.String} does ("10s", "1m30s", "250ms"), for log lines and JSON. */
public final class GoDurations {

    private GoDurations() {
    }

    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            return sb.append(subSecond(nanos)).toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        long secondNanos = nanos % 60_000_000_000L;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        return sb.append(decimal(secondNanos, 1_000_000_000L)).append('s').toString();
    }

    private static String subSecond(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return decimal(nanos, 1_000) + "µs";
        }
        return decimal(nanos, 1_000_000) + "ms";
    }

    /** {@code value/unit} with the fraction's trailing zeros dropped, as Go prints it. */
    private static String decimal(long value, long unit) {
        long whole = value / unit;
        long fraction = value % unit;
        if (fraction == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + fraction).substring(1).replaceAll("0+$", "");
        return whole + "." + digits;
    }
}
