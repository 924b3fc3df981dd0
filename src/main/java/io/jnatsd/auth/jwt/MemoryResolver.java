package io.jnatsd.auth.jwt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twin of {@code MemAccResolver} in {@code server/accounts.go}: account JWTs held in memory,
 * filled from {@code resolver_preload}. Thread-safe.
 */
public final class MemoryResolver implements AccountResolver {

    /** The reference's {@code ErrMissingAccount}. */
    static final String MISSING_ACCOUNT = "account missing";

    private final Map<String, String> jwts = new ConcurrentHashMap<>();

    @Override
    public String fetch(String accountKey) {
        String jwt = jwts.get(accountKey);
        if (jwt == null) {
            throw new JwtException(MISSING_ACCOUNT);
        }
        return jwt;
    }

    @Override
    public void store(String accountKey, String jwt) {
        jwts.put(accountKey, jwt);
    }

    @Override
    public boolean readOnly() {
        return false;
    }
}
