package io.jnatsd.tls;

/**
 * Twin of {@code server/rate_counter.go}: at most {@code limit} TLS connections in each window
 * of one second, the window starting at the first connection after the previous one ended; the
 * connections refused are counted until {@link #takeBlocked} reads them.
 *
 * <p>Thread-safe (one lock; taken once per TLS connection).
 */
public final class TlsRateCounter {

    /** The reference's interval: one second. */
    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final long limit;
    private long count;
    private long blocked;
    private long windowEndNanos;
    private boolean started;

    public TlsRateCounter(long limitPerSecond) {
        this.limit = limitPerSecond;
    }

    /** Whether one more connection may start TLS at {@code nowNanos} ({@link System#nanoTime()}). Thread-safe. */
    public synchronized boolean allow(long nowNanos) {
        if (!started || nowNanos - windowEndNanos > 0) {
            started = true;
            count = 0;
            windowEndNanos = nowNanos + INTERVAL_NANOS;
        } else {
            count++;
        }
        boolean allow = count < limit;
        if (!allow) {
            blocked++;
        }
        return allow;
    }

    /** The connections refused since the last call. Thread-safe. */
    public synchronized long takeBlocked() {
        long b = blocked;
        blocked = 0;
        return b;
    }
}
