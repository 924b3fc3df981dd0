package io.jnatsd.auth.callout;

import java.util.List;

/**
 * Twin of {@code AuthCallout} in {@code server/opts.go}: the {@code authorization { auth_callout {} }}
 * block, which hands the decision on a client to an external service. Immutable.
 *
 * @param issuer          the public account nkey that signs the service's responses and user JWTs
 * @param account         the account the requests are sent in ({@code $G} when not given)
 * @param authUsers       users that bypass the callout (the service's own connections)
 * @param xkey            the service's public curve key ({@code X...}) to encrypt requests for, or null
 * @param allowedAccounts the accounts whose users are delegated; empty for all
 */
public record AuthCalloutOptions(String issuer, String account, List<String> authUsers, String xkey,
                                 List<String> allowedAccounts) {

    public AuthCalloutOptions {
        authUsers = authUsers == null ? List.of() : List.copyOf(authUsers);
        allowedAccounts = allowedAccounts == null ? List.of() : List.copyOf(allowedAccounts);
    }
}
