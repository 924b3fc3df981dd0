package io.jnatsd.jetstream.store;

/**
 * The store's source of wall-clock time in nanoseconds since the epoch; tests inject a manual one.
 */
@FunctionalInterface
public interface StoreClock {
    /** The system clock. */
    StoreClock SYSTEM = () -> {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };

    /** @return nanoseconds since the Unix epoch */
    long nowNanos();
}
