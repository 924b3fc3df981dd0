package io.jnatsd.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Times as Go's {@code time.RFC3339Nano} prints them in UTC ({@code 2026-11-27T02:42:47.1077796Z}:
 * trailing zeros of the fraction dropped, no fraction for whole seconds), the layout of every
 * time in the reference's JSON. Stateless; thread-safe.
 */
public final class GoTimes {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private GoTimes() {
    }

    /** {@code t} in Go's {@code time.RFC3339Nano}, UTC. */
    public static String format(Instant t) {
        StringBuilder sb = new StringBuilder(32).append(SECONDS.format(t));
        return appendFraction(sb, t.getNano()).append('Z').toString();
    }

    /** {@code t} in Go's {@code time.RFC3339Nano} in its own offset ("Z" for a zero offset). */
    public static String format(ZonedDateTime t) {
        StringBuilder sb = new StringBuilder(40).append(LOCAL_SECONDS.format(t));
        appendFraction(sb, t.getNano());
        int offset = t.getOffset().getTotalSeconds();
        return sb.append(offset == 0 ? "Z" : t.getOffset().getId()).toString();
    }

    private static StringBuilder appendFraction(StringBuilder sb, int nanos) {
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb;
    }
}
