package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.NKeys;
import io.jnatsd.auth.XKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * Twin of {@code ExternalAuthorization} in {@code github.com/nats-io/jwt/v2}: the
 * {@code authorization} claim of an account JWT, which hands the decision on the account's
 * clients to an auth callout service in the account (operator mode). It is on when it names
 * {@code auth_users}; the reference's {@code extAuth} on its {@code Account}. Immutable.
 *
 * @param authUsers       user public keys that bypass the callout (the service's own connections)
 * @param allowedAccounts account keys the service may place users in besides this account; a lone
 *                        {@code *} allows any
 * @param xkey            the service's public curve key ({@code X...}) to encrypt requests for, or null
 */
public record ExternalAuthorization(List<String> authUsers, List<String> allowedAccounts, String xkey) {

    /** The reference's {@code jwt.AnyAccount}. */
    public static final String ANY_ACCOUNT = "*";

    public ExternalAuthorization {
        authUsers = List.copyOf(authUsers);
        allowedAccounts = List.copyOf(allowedAccounts);
    }

    /**
     * The claim of {@code nats.authorization}, or null when it names no auth user (callout off).
     *
     * @throws JwtException with the JWT library's validation error when the claim is not valid
     */
    static ExternalAuthorization of(JsonNode authorization) {
        List<String> users = strings(authorization.path("auth_users"));
        List<String> accounts = strings(authorization.path("allowed_accounts"));
        String xkey = authorization.path("xkey").asText("");
        if (users.isEmpty() && !accounts.isEmpty()) {
            throw new JwtException("External authorization cannot have accounts without users specified");
        }
        for (String u : users) {
            if (!NKeys.isValidPublicUserKey(u)) {
                throw new JwtException("AuthUser \"" + u + "\" is not a valid user public key");
            }
        }
        for (String a : accounts) {
            boolean any = ANY_ACCOUNT.equals(a);
            if (any && accounts.size() > 1) {
                throw new JwtException("AllowedAccounts can only be a list of accounts or \"*\"");
            }
            if (!any && !NKeys.isValidPublicKey(NKeys.PREFIX_ACCOUNT, a)) {
                throw new JwtException("Account \"" + a + "\" is not a valid account public key");
            }
        }
        if (!xkey.isEmpty() && !NKeys.isValidPublicKey(XKeys.PREFIX_CURVE, xkey)) {
            throw new JwtException("XKey \"" + xkey + "\" is not a valid public xkey");
        }
        return users.isEmpty() ? null : new ExternalAuthorization(users, accounts, xkey.isEmpty() ? null : xkey);
    }

    /** Whether the service may place users in {@code accountKey} ({@code isAllowedAcount}). */
    public boolean allows(String accountKey) {
        if (allowedAccounts.size() == 1 && ANY_ACCOUNT.equals(allowedAccounts.getFirst())) {
            return true;
        }
        return allowedAccounts.contains(accountKey);
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
