package io.jnatsd.config;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.auth.jwt.JwtAuthenticator;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.OperatorClaims;
import io.jnatsd.auth.jwt.ResolverOptions;
import io.jnatsd.auth.jwt.TrustOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twin of the decentralized-auth part of {@code processConfigFileLine} and of
 * {@code validateTrustedOperators} in {@code server/jwt.go}: reads {@code operator},
 * {@code trusted}, {@code resolver} and {@code resolver_preload} into {@link TrustOptions}.
 * The resolver itself is read by {@link ResolverOptionsReader}; an operator's
 * {@code account_server_url} stands for {@code URL(<url>/accounts)} when no resolver is set, and
 * its {@code system_account} for {@code system_account}. Not thread-safe: one per file read.
 */
final class TrustOptionsReader {

    private final List<String> operators = new ArrayList<>();
    private final List<String> trustedKeys = new ArrayList<>();
    private final Map<String, String> preload = new LinkedHashMap<>();
    private ResolverOptions resolver;
    private ConfValue at;

    /** Reads one of the keys of this reader; returns false for any other key. */
    boolean read(String key, ConfValue v) throws ConfException {
        switch (key) {
            case "operator", "operators", "root", "roots", "root_operator", "root_operators" -> {
                for (String value : strings(v)) {
                    try {
                        String jwt = JwtAuthenticator.readOperatorJwt(value);
                        OperatorClaims.decode(jwt);
                        operators.add(jwt);
                    } catch (JwtException e) {
                        throw new ConfException(v.reportPosition(), "error parsing operator JWT: " + e.getMessage(),
                                key);
                    }
                }
            }
            case "trusted", "trusted_keys" -> trustedKeys.addAll(strings(v));
            case "resolver", "account_resolver", "accounts_resolver" -> resolver = ResolverOptionsReader.read(v);
            case "resolver_preload" -> readPreload(v);
            default -> {
                return false;
            }
        }
        at = at == null ? v : at;
        return true;
    }

    /** Checks what was read as the reference does at start and puts it into {@code builder}. */
    void apply(ServerOptions.Builder builder, AuthOptions auth, boolean accountsConfigured) throws ConfException {
        if (at == null) {
            return;
        }
        ResolverOptions chosen = resolver != null ? resolver : operatorAccountServer();
        TrustOptions trust = new TrustOptions(operators, trustedKeys, chosen, preload);
        String problem = problem(trust, auth, accountsConfigured);
        if (problem != null) {
            throw new ConfException(at.reportPosition(), problem, null);
        }
        try {
            JwtAuthenticator.check(trust);
        } catch (JwtException e) {
            throw new ConfException(at.reportPosition(), e.getMessage(), null);
        }
        builder.trust(trust);
    }

    private static String problem(TrustOptions t, AuthOptions auth, boolean accountsConfigured) {
        if (!t.operatorJwts().isEmpty() && t.resolver() == null) {
            return "operators require an account resolver to be configured";
        }
        if (!t.enabled()) {
            return t.resolver() != null || !t.preload().isEmpty()
                    ? "resolver and resolver_preload need trusted operators" : null;
        }
        if (accountsConfigured) {
            return "operators do not allow Accounts to be configured directly";
        }
        if (auth != null && (!auth.users().isEmpty() || !auth.nkeys().isEmpty())) {
            return "operators do not allow users to be configured directly";
        }
        if (!t.operatorJwts().isEmpty() && !t.trustedKeys().isEmpty()) {
            return "conflicting options for 'TrustedKeys' and 'TrustedOperators'";
        }
        return null;
    }

    /** The URL resolver an operator's {@code account_server_url} names, when there is one operator. */
    private ResolverOptions operatorAccountServer() {
        if (operators.size() != 1) {
            return null;
        }
        String url = OperatorClaims.decode(operators.get(0)).accountServerUrl();
        return url.isEmpty() ? null : ResolverOptions.url(url + "/accounts");
    }

    /** The {@code system_account} of the one trusted operator, or null. */
    String operatorSystemAccount() {
        if (operators.size() != 1) {
            return null;
        }
        String sys = OperatorClaims.decode(operators.get(0)).systemAccount();
        return sys.isEmpty() ? null : sys;
    }

    /** Whether operators or keys are trusted (accounts come from JWTs then). */
    boolean trusts() {
        return !operators.isEmpty() || !trustedKeys.isEmpty();
    }

    private void readPreload(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "resolver preload should be a map of account public keys"
                    + " to JWTs, got " + v.typeName(), "resolver_preload");
        }
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            preload.put(e.getKey(), ServerOptionsReader.string(e.getValue()));
        }
    }

    private static List<String> strings(ConfValue v) throws ConfException {
        List<String> out = new ArrayList<>();
        if (v.isList()) {
            for (ConfValue item : v.asList()) {
                out.add(ServerOptionsReader.string(item));
            }
        } else {
            out.add(ServerOptionsReader.string(v));
        }
        return out;
    }
}
