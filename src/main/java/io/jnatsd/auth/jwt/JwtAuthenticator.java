package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.CredentialCheck;
import io.jnatsd.auth.Identity;
import io.jnatsd.auth.NKeys;
import io.jnatsd.auth.Nonces;
import io.jnatsd.auth.UserLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Twin of the JWT part of {@code processClientOrLeafAuthentication} in {@code server/auth.go}:
 * a client shows a user JWT and the server's nonce signed by the user's key; the user JWT must
 * be signed by its account (or one of the account's signing keys), the account JWT by a
 * trusted operator, and neither may be expired or revoked; the user's JWT limits (connection
 * types, source networks, connect times) are checked, the rest handed on with the identity.
 * The reason for a refusal is logged at debug only, never told to the client.
 *
 * <p>Immutable; thread-safe.
 */
public final class JwtAuthenticator implements CredentialCheck {

    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);
    /** The connection type of a client on the client port ({@code jwt.ConnectionTypeStandard}). */
    static final String CONNECTION_TYPE_STANDARD = "STANDARD";
    public static final Set<String> KNOWN_CONNECTION_TYPES = Set.of(CONNECTION_TYPE_STANDARD, "WEBSOCKET", "LEAFNODE",
            "LEAFNODE_WS", "MQTT", "MQTT_WS", "IN_PROCESS");

    private final Set<String> trustedKeys = new HashSet<>();
    private final ResolvedAccounts accounts;
    private final Clock clock;

    /**
     * Makes the account resolver the options name (a directory resolver creates its directory)
     * and stores the preloaded accounts in it.
     *
     * @throws JwtException when an operator JWT, a key or a preloaded account is bad
     */
    public JwtAuthenticator(TrustOptions options, Clock clock) {
        this.clock = clock;
        trustedKeys.addAll(check(options));
        AccountResolver resolver = AccountResolver.create(options.resolverOrMemory());
        try {
            for (Map.Entry<String, String> e : options.preload().entrySet()) {
                resolver.store(e.getKey(), e.getValue());
            }
        } catch (JwtException e) {
            resolver.close();
            throw e;
        }
        this.accounts = new ResolvedAccounts(resolver, trustedKeys);
        if (resolver instanceof DirResolver dir) {
            dir.setListener(new DirResolver.Listener() {
                @Override
                public void onChanged(String accountKey) {
                    accounts.onResolverChanged(accountKey, dir.lookupLocal(accountKey));
                }

                @Override
                public void onDeleted(String accountKey) {
                    accounts.onResolverDeleted(accountKey);
                }
            });
        }
    }

    /**
     * Checks {@code options} as the conf reader must, without making a resolver: the operator
     * JWTs, the trusted keys and the preloaded accounts.
     *
     * @return the trusted operator keys (each operator and its signing keys, and {@code trusted})
     * @throws JwtException saying what is wrong
     */
    public static Set<String> check(TrustOptions options) {
        Set<String> keys = new HashSet<>();
        for (String text : options.operatorJwts()) {
            OperatorClaims op = OperatorClaims.decode(text);
            keys.add(op.subject());
            keys.addAll(op.signingKeys());
        }
        for (String key : options.trustedKeys()) {
            if (!NKeys.isValidPublicKey(NKeys.PREFIX_OPERATOR, key)) {
                throw new JwtException("trusted Keys " + key + " are not valid operator keys");
            }
            keys.add(key);
        }
        if (!options.preload().isEmpty() && options.resolverOrMemory().type() == ResolverOptions.Type.URL) {
            throw new JwtException("resolver preloads only available for writeable resolver types MEM/DIR/CACHE_DIR");
        }
        for (Map.Entry<String, String> e : options.preload().entrySet()) {
            AccountClaims claims;
            try {
                claims = AccountClaims.decode(e.getValue());
            } catch (JwtException bad) {
                throw new JwtException("preload account error for \"" + e.getKey() + "\": " + bad.getMessage());
            }
            if (!claims.subject().equals(e.getKey())) {
                throw new JwtException("preloaded account JWT for " + e.getKey() + " is about " + claims.subject());
            }
        }
        return keys;
    }

    /** The accounts resolved so far and the resolver behind them. Thread-safe. */
    public ResolvedAccounts accounts() {
        return accounts;
    }

    /** Stops the resolver's background work. Idempotent. */
    public void close() {
        accounts.resolver().close();
    }

    /**
     * An operator JWT from {@code value}: the JWT itself, or a file holding it (decorated or not),
     * as {@code readOperatorJWT} reads it.
     *
     * @throws JwtException when neither
     */
    public static String readOperatorJwt(String value) {
        if (value.startsWith("eyJ")) {
            return Jwt.extract(value);
        }
        try {
            return Jwt.extract(Files.readString(Path.of(value), StandardCharsets.UTF_8));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new JwtException("error reading operator JWT " + value + ": " + e.getMessage());
        }
    }

    @Override
    public boolean needsNonce() {
        return true;
    }

    @Override
    public Optional<Identity> check(ClientCredentials c) {
        try {
            return Optional.of(authenticate(c));
        } catch (JwtException e) {
            LOG.debug("JWT authentication refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private Identity authenticate(ClientCredentials c) {
        if (c.jwt() == null || c.jwt().isEmpty()) {
            throw new JwtException("Authentication requires a user JWT");
        }
        UserClaims user = UserClaims.decode(c.jwt());
        long now = clock.millis() / 1000;
        if (user.jwt().expiredAt(now) || user.jwt().notYetValidAt(now)) {
            throw new JwtException("User JWT no longer valid");
        }
        AccountClaims account;
        try {
            account = accounts.resolveWithoutAsking(user.account());
        } catch (JwtException e) {
            throw new JwtException("Account JWT lookup error: " + user.account() + ": " + e.getMessage());
        }
        if (account.expires() > 0 && now >= account.expires()) {
            throw new JwtException("Account JWT has expired");
        }
        JsonNode limitsSource = limitsSource(user, account);
        UserLimits limits = UserClaims.limits(limitsSource, user.jwt().expires());
        checkConnectionType(limits);
        if (user.bearerToken()) {
            if (account.disallowBearer()) {
                throw new JwtException("Account does not allow bearer tokens");
            }
        } else if (!Nonces.verifySigned(NKeys.PREFIX_USER, user.jwt().subject(), c.nonce(), c.signature())) {
            throw new JwtException("Signature not verified");
        }
        if (account.revoked(user.jwt().subject(), user.jwt().issuedAt())) {
            throw new JwtException("User authentication revoked");
        }
        if (!limits.sourceNetworks().isEmpty() && !Cidrs.containsAny(limits.sourceNetworks(), c.clientIp())) {
            LOG.error("Bad src Ip {}", c.clientIp());
            throw new JwtException("Bad src Ip");
        }
        if (!ConnectTimes.allowNow(limitsSource, clock)) {
            LOG.error("Outside connect times");
            throw new JwtException("Outside connect times");
        }
        return new Identity(user.jwt().subject(), account.subject(), limits, UserJwtPermissions.of(limitsSource));
    }

    /** The user's own claims, or the template of the scoped signing key that issued it. */
    private static JsonNode limitsSource(UserClaims user, AccountClaims account) {
        String issuer = user.jwt().issuer();
        if (issuer.equals(account.subject())) {
            if (!user.issuerAccount().isEmpty() && !user.issuerAccount().equals(account.subject())) {
                throw new JwtException("User JWT issuer account mismatch");
            }
            return user.jwt().nats();
        }
        JsonNode scope = account.signingKeys().get(issuer);
        if (scope == null) {
            throw new JwtException("User JWT issuer is not known");
        }
        return scope.isMissingNode() ? user.jwt().nats() : scope;
    }

    private static void checkConnectionType(UserLimits limits) {
        Set<String> types = limits.connectionTypes();
        if (types.isEmpty()) {
            return;
        }
        List<String> known = types.stream().filter(KNOWN_CONNECTION_TYPES::contains).toList();
        if (known.isEmpty() || !known.contains(CONNECTION_TYPE_STANDARD)) {
            throw new JwtException("Connection type not allowed");
        }
    }
}
