package io.jnatsd.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as Go's {@code time.RFC3339Nano} prints them in UTC ({@code 2026-11-27T02:42:47.1077796Z}:
 * trailing zeros of the fraction dropped, no fraction for whole seconds), the layout of every
 * time in the reference's JSON. Stateless; thread-safe.
 */
public final class GoTimes {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private GoTimes() {
    }

    /** {@code t} in Go's {@code time.RFC3339Nano}, UTC. */
    public static String format(Instant t) {
        StringBuilder sb = new StringBuilder(32).append(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.append('Z').toString();
    }
}
