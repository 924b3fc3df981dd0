package io.jnatsd.server;

/**
 * Told when a client connection has closed (and, if it cares, when one is let in), with its last snapshot (subscriptions included),
 * taken on the connection's event loop before its subscriptions are dropped. Implementations
 * must be thread-safe and quick: they run on an I/O thread.
 */
@FunctionalInterface
public interface ClientListener {

    void onClientClosed(ClientSnapshot snapshot);

    /** A client was let in (its CONNECT accepted); {@code snapshot} is taken on its event loop. */
    default void onClientConnected(ClientSnapshot snapshot) {
    }

    /**
     * A client was refused on behalf of {@code account} (the auth callout's account), before it
     * closes; {@code snapshot} is taken on its event loop.
     */
    default void onClientAuthFailure(ClientSnapshot snapshot, String account) {
    }
}
