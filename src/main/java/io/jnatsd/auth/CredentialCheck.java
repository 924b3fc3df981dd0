package io.jnatsd.auth;

import java.util.Optional;

/**
 * A way in that a room above {@code auth} provides (JWTs in {@code auth.jwt}), plugged into
 * {@link Authenticator} so that {@code auth} does not depend on it. Implementations are
 * thread-safe.
 */
public interface CredentialCheck {

    /** Whether a client's INFO must carry a nonce for it to sign. */
    boolean needsNonce();

    /**
     * Decides on a client. Thread-safe.
     *
     * @return the identity, or empty when the client is refused
     */
    Optional<Identity> check(ClientCredentials credentials);
}
