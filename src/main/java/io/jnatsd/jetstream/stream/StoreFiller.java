package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.store.StreamStore;

import java.io.IOException;

/**
 * Fills the empty store of a stream being restored, before the stream is visible (subscribed and listed).
 *
 * <p>Threading: called once, on the restoring thread, while the account's streams are locked.
 */
@FunctionalInterface
public interface StoreFiller {
    /**
     * @param store the new, empty store
     * @throws IOException when the data cannot be read or stored
     */
    void fill(StreamStore store) throws IOException;
}
