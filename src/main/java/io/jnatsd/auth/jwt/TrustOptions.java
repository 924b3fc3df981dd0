package io.jnatsd.auth.jwt;

import java.util.List;
import java.util.Map;

/**
 * Decentralized authentication as the conf file sets it up ({@code operator}, {@code trusted},
 * {@code resolver}, {@code resolver_preload} in {@code server/opts.go}). Immutable.
 *
 * @param operatorJwts the operator JWTs, as text
 * @param trustedKeys  operator public keys trusted without a JWT ({@code trusted_keys})
 * @param resolver     the account resolver, or null when none is set
 * @param preload      account public key to account JWT, for the resolver
 */
public record TrustOptions(List<String> operatorJwts, List<String> trustedKeys, ResolverOptions resolver,
                           Map<String, String> preload) {

    /** Accounts from {@code resolver_preload}, held in memory. */
    public static final ResolverOptions RESOLVER_MEMORY = ResolverOptions.memory();

    public TrustOptions {
        operatorJwts = operatorJwts == null ? List.of() : List.copyOf(operatorJwts);
        trustedKeys = trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
        preload = preload == null ? Map.of() : Map.copyOf(preload);
    }

    /** The resolver, MEMORY when none is set (trusted keys without a resolver). */
    public ResolverOptions resolverOrMemory() {
        return resolver == null ? RESOLVER_MEMORY : resolver;
    }

    /** Whether JWT authentication is on: some operator or key is trusted. */
    public boolean enabled() {
        return !operatorJwts.isEmpty() || !trustedKeys.isEmpty();
    }
}
