package io.jnatsd.jetstream.store;

/**
 * What {@link StoreEngine} keeps in memory for each live message: enough for limits, indexes and
 * expiry. The memory store's entry carries the bytes; the file store's entry carries where they are.
 */
public interface MsgEntry {
    /** @return the sequence */
    long seq();

    /** @return the subject */
    String subject();

    /** @return the store time in nanoseconds since the epoch */
    long timestampNanos();

    /** @return the per-message TTL in seconds (0 none, negative never expire) */
    long ttlSeconds();

    /** @return the accounted size in bytes */
    long sizeBytes();
}
