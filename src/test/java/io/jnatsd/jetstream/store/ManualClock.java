package io.jnatsd.jetstream.store;

import java.util.concurrent.atomic.AtomicLong;

/** A store clock the test moves by hand. */
final class ManualClock implements StoreClock {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000_000_000L);

    @Override
    public long nowNanos() {
        return now.get();
    }

    void advanceNanos(long nanos) {
        now.addAndGet(nanos);
    }

    void advanceSeconds(long seconds) {
        advanceNanos(seconds * 1_000_000_000L);
    }
}
