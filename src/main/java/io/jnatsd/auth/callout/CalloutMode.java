package io.jnatsd.auth.callout;

import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.Identity;

import java.util.Optional;

/**
 * One of the two ways the reference turns the callout on (the {@code isOperatorMode} branches of
 * {@code processClientOrLeafCallout}): the server's {@code authorization { auth_callout }}
 * ({@link ConfiguredCallout}) or an account JWT's {@code authorization} claim
 * ({@link OperatorCallout}). A mode says which clients go to the service, where their request
 * goes, and how the user JWT of an answer is judged; {@link AuthCallout} does the rest.
 * Implementations are thread-safe.
 */
interface CalloutMode {

    /**
     * Where the request about one client goes.
     *
     * @param account        the account (its name in the server) the request is sent in, which
     *                       runs the service; a client placed in it may not publish to the callout
     * @param requestSubject the request JWT's {@code sub}: the issuer (configured) or account key
     * @param serviceXkey    the service's public curve key to seal the request for, or null
     */
    record Target(String account, String requestSubject, String serviceXkey) {
    }

    /** Whether the service decides on this client ({@code configured}: what the other mechanisms said). */
    boolean decides(ClientCredentials credentials, Optional<Identity> configured);

    /** Where the request about this client goes, or null when there is no callout account for it. */
    Target target(ClientCredentials credentials);

    /**
     * Who the client is, from the answer's user JWT.
     *
     * @param response  the response JWT, already checked ({@link AuthorizationResponse#response})
     * @param encrypted whether the answer came sealed
     * @param userNkey  the user key the request named
     * @throws CalloutException why the client is refused
     */
    Identity user(io.jnatsd.auth.jwt.Jwt response, boolean encrypted, Target target, String userNkey, long nowSeconds)
            throws CalloutException;
}
