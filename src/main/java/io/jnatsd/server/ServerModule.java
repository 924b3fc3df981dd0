package io.jnatsd.server;

/**
 * A part of the server that lives in a room above {@code server} (monitoring, later others)
 * and starts and stops with it. Found with {@link java.util.ServiceLoader}, so that
 * {@code server} never depends on the rooms that depend on it.
 *
 * <p>Implementations are thread-safe; the server calls {@link #start} once, before it
 * accepts clients, and {@link #stop} once, on shutdown.
 */
public interface ServerModule {

    /**
     * Starts the module for {@code server} if its options ask for it; a module that is not
     * wanted returns false and is not kept.
     *
     * @throws InterruptedException when interrupted while binding
     */
    boolean start(NatsServer server) throws InterruptedException;

    /** The client listener is bound and {@link NatsServer#info()} is set. The default does nothing. */
    default void onStarted() {
    }

    /** The server enters lame duck mode; a module may tell its peers. The default does nothing. */
    default void onLameDuck() {
    }

    /** Releases what {@link #start} took. Idempotent. */
    void stop();
}
