package io.jnatsd.auth;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A way in whose answer comes later, from outside the server (the auth callout in
 * {@code auth.callout}), plugged into the server so that {@code auth} and {@code server} do not
 * depend on it. The client's input waits while it runs. Implementations are thread-safe.
 */
public interface DeferredCheck {

    /**
     * Whether this check decides on a client, given what the configured mechanisms made of it
     * ({@code configured}, empty when they refused it). Thread-safe.
     */
    boolean decides(ClientCredentials credentials, Optional<Identity> configured);

    /**
     * Asks for a decision. The future completes on any thread, with empty when the client is
     * refused (never exceptionally), at the latest after the auth timeout. Thread-safe.
     */
    CompletableFuture<Optional<Identity>> check(ClientCredentials credentials, ClientDescription client);

    /**
     * The account told of a refusal by this check ({@code $SYS.ACCOUNT.CLIENT.AUTH.ERR}): the
     * account the request went out in, or null for the client's own. Thread-safe.
     */
    default String eventAccount(ClientCredentials credentials) {
        return null;
    }

    /**
     * What the server knows of a client besides its credentials, for the external service.
     *
     * @param id         the connection id (cid)
     * @param host       the client's address
     * @param name       CONNECT {@code name}, or null
     * @param lang       CONNECT {@code lang}, or null
     * @param version    CONNECT {@code version}, or null
     * @param protocol   CONNECT {@code protocol}
     * @param tlsVersion the TLS protocol ("1.3"), or null without TLS
     * @param tlsCipher  the TLS cipher suite, or null without TLS
     */
    record ClientDescription(long id, String host, String name, String lang, String version, int protocol,
                             String tlsVersion, String tlsCipher) {
    }
}
