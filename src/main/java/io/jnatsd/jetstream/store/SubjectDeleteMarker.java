package io.jnatsd.jetstream.store;

import java.nio.charset.StandardCharsets;

/**
 * Subject delete markers: when expiry removes the last message of a subject and the stream has
 * {@code subject_delete_marker_ttl}, a marker message takes its place, so that watchers see the subject end.
 * Twin of {@code handleRemovalOrSdm} in {@code server/memstore.go} and the {@code Nats-Marker-Reason} headers
 * of {@code server/stream.go}.
 *
 * <p>Threading: stateless; thread-safe.
 */
final class SubjectDeleteMarker {
    /** The header naming why the marker was written. */
    static final String MARKER_REASON = "Nats-Marker-Reason";
    private static final byte[] REASON_BYTES = (MARKER_REASON + ":").getBytes(StandardCharsets.US_ASCII);

    private SubjectDeleteMarker() {
    }

    /**
     * @param ttlSeconds the marker's TTL
     * @return the header block the reference writes for a max-age marker
     */
    static byte[] maxAgeHeaders(long ttlSeconds) {
        String h = "NATS/1.0\r\n" + MARKER_REASON + ": MaxAge\r\nNats-TTL: " + goDuration(ttlSeconds)
            + "\r\nNats-Rollup: sub\r\n\r\n";
        return h.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param headers a header block
     * @return true if it is a marker's (it carries {@value #MARKER_REASON})
     */
    static boolean isMarker(byte[] headers) {
        outer:
        for (int i = 0; i + REASON_BYTES.length <= headers.length; i++) {
            for (int j = 0; j < REASON_BYTES.length; j++) {
                if (headers[i + j] != REASON_BYTES[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * @param seconds a whole number of seconds
     * @return it as Go's {@code time.Duration.String} prints it ("10s", "5m0s", "1h0m0s")
     */
    static String goDuration(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h" + m + "m" + s + "s";
        }
        if (m > 0) {
            return m + "m" + s + "s";
        }
        return s + "s";
    }
}
