package io.jnatsd.jetstream.stream;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Go's {@code time.Time} JSON form (RFC 3339 with nanoseconds, trailing zeros dropped, UTC "Z") for JetStream
 * timestamps, and its zero value {@code 0001-01-01T00:00:00Z}.
 *
 * <p>Threading: stateless.
 */
public final class GoTime {
    /** What Go prints for a zero {@code time.Time}. */
    public static final String ZERO = "0001-01-01T00:00:00Z";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private GoTime() {
    }

    /**
     * @param epochNanos nanoseconds since the epoch; 0 prints the zero time
     * @return the RFC 3339 text
     */
    public static String format(long epochNanos) {
        if (epochNanos == 0) {
            return ZERO;
        }
        long secs = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        return io.jnatsd.server.GoTimes.format(Instant.ofEpochSecond(secs, nanos));
    }

    /**
     * @param text an RFC 3339 time
     * @return nanoseconds since the epoch (0 for Go's zero time)
     * @throws DateTimeParseException when it is not one
     */
    public static long parse(String text) {
        if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) {
            return 0;
        }
        Instant t = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        return t.getEpochSecond() * NANOS_PER_SECOND + t.getNano();
    }

    /** @return now in nanoseconds since the epoch */
    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
    }
}
