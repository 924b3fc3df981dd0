package io.jnatsd.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-bucket latency histogram for /metrics: one striped counter per bucket, so that
 * recording from many event loops is a single uncontended add, and a reader sums only when
 * scraped. The bucket bounds (1 µs to 1 s, in steps of 1-2.5-5) suit in-server latencies.
 * Thread-safe.
 */
public final class LatencyHistogram {

    /** Upper bounds of the buckets, inclusive, in nanoseconds; one more bucket holds the rest. */
    private static final long[] BOUNDS_NANOS = {
        1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000,
        250_000_000, 500_000_000, 1_000_000_000,
    };

    private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records one observation. Any thread. */
    public void record(long nanos) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(nanos);
    }

    /** The bucket upper bounds in nanoseconds (a copy), without the last, unbounded one. */
    public long[] boundsNanos() {
        return BOUNDS_NANOS.clone();
    }

    /** Observations per bucket, not cumulative; the last entry is the unbounded bucket. */
    public long[] counts() {
        long[] out = new long[buckets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = buckets[i].sum();
        }
        return out;
    }

    public long sumNanos() {
        return sumNanos.sum();
    }
}
