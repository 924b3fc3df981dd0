package io.jnatsd.jetstream.store;

/** Twin of {@code DiscardPolicy} in {@code server/store.go}: what a store does when a limit is reached. */
public enum DiscardPolicy {
    /** Remove the oldest messages to get back within the limits (the default). */
    OLD,
    /** Refuse the new message with {@link StoreError#MAX_MSGS} or {@link StoreError#MAX_BYTES}. */
    NEW
}
