package io.jnatsd.auth.jwt;

import java.util.HashMap;
import java.util.Map;

/**
 * Twin of {@code MemAccResolver} in {@code server/accounts.go}: account JWTs held in memory,
 * loaded from {@code resolver_preload}. Immutable once built; thread-safe.
 */
public final class MemoryResolver {

    private final Map<String, AccountClaims> accounts = new HashMap<>();

    /**
     * @param preload account public key to its JWT
     * @throws JwtException when a JWT is bad or does not belong to the key it is listed under
     */
    public MemoryResolver(Map<String, String> preload) {
        for (Map.Entry<String, String> e : preload.entrySet()) {
            AccountClaims claims = AccountClaims.decode(e.getValue());
            if (!claims.subject().equals(e.getKey())) {
                throw new JwtException("preloaded account JWT for " + e.getKey() + " is about " + claims.subject());
            }
            accounts.put(e.getKey(), claims);
        }
    }

    /** The account of {@code publicKey}, or null. Thread-safe. */
    public AccountClaims fetch(String publicKey) {
        return accounts.get(publicKey);
    }
}
