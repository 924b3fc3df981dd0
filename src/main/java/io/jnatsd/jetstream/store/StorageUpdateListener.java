package io.jnatsd.jetstream.store;

/**
 * Twin of {@code StorageUpdateHandler} in {@code server/store.go}: told of every change of a store's contents,
 * so that limits, consumers and accounting can follow.
 *
 * <p>Called on the thread that made the change, after the store's lock is released, in the order of the
 * changes. It may call back into the store.
 */
@FunctionalInterface
public interface StorageUpdateListener {
    /**
     * @param msgsDelta  change in message count (+1 for a store, negative for removals)
     * @param bytesDelta change in accounted bytes
     * @param seq        the sequence for a single-message change, 0 for bulk changes
     * @param subject    the subject for a single-message change, "" for bulk changes
     */
    void onUpdate(long msgsDelta, long bytesDelta, long seq, String subject);
}
