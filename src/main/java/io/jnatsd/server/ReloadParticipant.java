package io.jnatsd.server;

import io.jnatsd.config.ServerOptions;

import java.util.Set;

/**
 * One room's part in a configuration reload (the reference's {@code option} values of
 * {@code server/reload.go}, one per reloadable field). A participant names the
 * {@link ServerOptions} components it can change at run time; a reload that changes a
 * component no participant names is refused, so a room that adds a component to the options
 * is safe by default and opts in to reload by registering a participant with
 * {@link NatsServer#addReloadParticipant}.
 *
 * <p>A reload first asks every participant whose components changed to {@link #check} the
 * change (any may veto it), then swaps the server's options, then calls {@link #apply} on
 * each, in registration order. Both run on the reloading thread, one reload at a time.
 */
public interface ReloadParticipant {

    /** The names of the {@link ServerOptions} record components this participant reloads. */
    Set<String> components();

    /**
     * Whether this participant's components name files whose content may change under the same
     * name (certificates): it is then consulted on every reload, changed or not. The default is no.
     */
    default boolean readsFiles() {
        return false;
    }

    /**
     * Vetoes a change this participant cannot make, before anything changes.
     *
     * @throws ReloadException with the reference's error text when the change is refused
     */
    default void check(ServerOptions current, ServerOptions next) throws ReloadException {
    }

    /**
     * Makes the change take effect; {@link NatsServer#options()} already returns {@code next}.
     * Must not fail: what can fail belongs in {@link #check}.
     */
    void apply(ServerOptions current, ServerOptions next);
}
