package io.jnatsd.jetstream.store;

/**
 * Twin of {@code SimpleState} in {@code server/store.go}: count and bounds of the messages matching a filter.
 *
 * @param msgs  matching messages
 * @param first first matching sequence, 0 when none
 * @param last  last matching sequence, 0 when none
 */
public record SimpleState(long msgs, long first, long last) {
    /** No matching messages. */
    public static final SimpleState EMPTY = new SimpleState(0, 0, 0);
}
