package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.errors.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Twin of the server half of the reference's publish check ({@code jetStream.limitsExceeded} and
 * {@code Server.resourcesExceededError} in {@code server/jetstream.go}): once the bytes stored by every account's
 * streams of one storage kind are past the server's {@code max_memory_store}/{@code max_file_store}, a publish to
 * a stream of that kind is refused with 10023 "insufficient resources", and the operator is told at most every ten
 * seconds.
 *
 * <p>Only a limit that is set is checked: jnatsd's default is no server limit (see {@link JetStreamEngine.Settings}).
 *
 * <p>Threading: thread-safe; one per engine.
 */
final class ServerLimitsCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLimitsCheck.class);
    private static final long ALERT_INTERVAL_NANOS = 10_000_000_000L;

    private final JetStreamEngine engine;
    private final AtomicLong lastAlertNanos = new AtomicLong(System.nanoTime() - ALERT_INTERVAL_NANOS - 1);

    ServerLimitsCheck(JetStreamEngine engine) {
        this.engine = engine;
    }

    /**
     * @param memory true for a memory stream, false for a file stream
     * @return null when the server has room, else the error of the PubAck
     */
    ApiError beforeStore(boolean memory) {
        JetStreamEngine.Settings s = engine.settings();
        long max = memory ? s.maxMemoryBytes() : s.maxFileBytes();
        if (max < 0 || engine.bytesUsed(memory) <= max) {
            return null;
        }
        alert(memory);
        return ApiError.INSUFFICIENT_RESOURCES;
    }

    private void alert(boolean memory) {
        long now = System.nanoTime();
        long last = lastAlertNanos.get();
        if (now - last > ALERT_INTERVAL_NANOS && lastAlertNanos.compareAndSet(last, now)) {
            LOG.error("JetStream {} resource limits exceeded for server", memory ? "memory" : "file");
        }
    }
}
