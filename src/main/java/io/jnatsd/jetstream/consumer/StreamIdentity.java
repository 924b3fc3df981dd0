package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.stream.AckSubject;
import io.jnatsd.jetstream.stream.GoTime;
import io.jnatsd.jetstream.stream.Stream;

import java.nio.charset.StandardCharsets;

/**
 * Twin of {@code (*stream).identity} in {@code server/stream.go} and the {@code Nats-Stream-Identity} header of
 * {@code server/jetstream_api.go}: a stream's identity is the 8-character hash of its creation time (UTC, RFC 3339
 * with nanoseconds), so that a client can tell a stream recreated under the same name.
 *
 * <p>Stateless and thread-safe.
 */
public final class StreamIdentity {
    /** The request and response header. */
    public static final String HEADER = "Nats-Stream-Identity";

    private StreamIdentity() {
    }

    /**
     * @param createdNanos the stream's creation time, nanoseconds since the epoch
     * @return its identity
     */
    public static String of(long createdNanos) {
        return AckSubject.accountHash(GoTime.format(createdNanos));
    }

    /**
     * @param stream a stream
     * @return a header block carrying its identity
     */
    static byte[] header(Stream stream) {
        return ("NATS/1.0\r\n" + HEADER + ": " + of(stream.createdNanos()) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }
}
