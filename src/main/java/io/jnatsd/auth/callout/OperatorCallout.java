package io.jnatsd.auth.callout;

import io.jnatsd.auth.jwt.UserJwtPermissions;
import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.Identity;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.ConnectTimes;
import io.jnatsd.auth.jwt.ExternalAuthorization;
import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.auth.jwt.JwtAuthenticator;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.ResolvedAccounts;
import io.jnatsd.auth.jwt.UserClaims;

import java.time.Clock;
import java.util.Optional;

/**
 * The callout of operator mode: an account JWT whose {@code authorization} claim names
 * {@code auth_users} sends its clients (their user JWT, a "sentinel", names the account) to a
 * service in the account, except those users. The answer must be signed by the account or one
 * of its signing keys; the user JWT in it is judged under operator rules: its issuer is the
 * account or one of the {@code allowed_accounts} (or a signing key of it, with
 * {@code issuer_account}), and the user lands in that account, with the template of a scoped
 * signing key when one issued it. Twin of the {@code isOperatorMode} branches of
 * {@code processClientOrLeafCallout} in {@code server/auth_callout.go}.
 *
 * <p>Immutable; thread-safe (the resolver may block in {@link #user}, which runs off I/O threads).
 */
final class OperatorCallout implements CalloutMode {

    /** The user claims a scoped signing key's template replaces ({@code HasEmptyPermissions}). */
    private static final String[] SCOPED_FIELDS = {"resp", "src", "times", "allowed_connection_types"};
    private static final String[] SCOPED_LIMITS = {"subs", "data", "payload"};

    private final ResolvedAccounts accounts;
    private final Clock clock;

    OperatorCallout(ResolvedAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public boolean decides(ClientCredentials credentials, Optional<Identity> configured) {
        String accountKey;
        if (configured.isPresent()) {
            accountKey = configured.get().account();
        } else {
            // A sentinel refused after its account was found still goes to the service, as in the reference.
            UserClaims sentinel = sentinel(credentials);
            long now = clock.millis() / 1000;
            if (sentinel == null || sentinel.jwt().expiredAt(now) || sentinel.jwt().notYetValidAt(now)) {
                return false;
            }
            accountKey = sentinel.account();
        }
        ExternalAuthorization ext = externalAuth(accountKey);
        if (ext == null) {
            return false;
        }
        return configured.isEmpty() || !ext.authUsers().contains(configured.get().name());
    }

    @Override
    public Target target(ClientCredentials credentials) {
        UserClaims sentinel = sentinel(credentials);
        ExternalAuthorization ext = sentinel == null ? null : externalAuth(sentinel.account());
        return ext == null ? null : new Target(sentinel.account(), sentinel.account(), ext.xkey());
    }

    private static UserClaims sentinel(ClientCredentials credentials) {
        if (credentials.jwt() == null || credentials.jwt().isEmpty()) {
            return null;
        }
        try {
            return UserClaims.decode(credentials.jwt());
        } catch (JwtException e) {
            return null;
        }
    }

    private ExternalAuthorization externalAuth(String accountKey) {
        AccountClaims claims = accountKey == null ? null : accounts.known(accountKey);
        return claims == null ? null : claims.externalAuth();
    }

    @Override
    public Identity user(Jwt response, boolean encrypted, Target target, String userNkey, long nowSeconds)
            throws CalloutException {
        String account = target.account();
        AccountClaims callout = accounts.known(account);
        ExternalAuthorization ext = callout == null ? null : callout.externalAuth();
        if (ext == null) {
            throw new CalloutException("auth callout is no longer enabled on account \"" + account + "\"");
        }
        if (!encrypted) {
            String signer = response.nats().path("issuer_account").asText("");
            signer = signer.isEmpty() ? response.issuer() : signer;
            if (!signer.equals(account) && !callout.hasIssuer(signer)) {
                throw new CalloutException("auth callout signing key is unknown");
            }
        }
        UserClaims user = decodeUser(response.nats().path("jwt").asText(""));
        Jwt jwt = user.jwt();
        String timing = AuthorizationResponse.timeProblem(jwt, nowSeconds);
        if (timing != null) {
            throw new CalloutException("Error validating user JWT: " + timing);
        }
        if (!jwt.subject().equals(userNkey)) {
            throw new CalloutException("Expected authorized user of \"" + userNkey + "\" but got \""
                    + jwt.subject() + "\" on account \"" + account + "\"");
        }
        checkTimesAndTypes(jwt.nats(), account);
        String placement = user.account();
        if (!placement.equals(account) && !ext.allows(placement)) {
            throw new CalloutException("account \"" + jwt.issuer()
                    + "\" not permitted as valid account option for auth callout for account \"" + account + "\"");
        }
        AccountClaims placed;
        try {
            placed = accounts.resolve(placement);
        } catch (JwtException e) {
            throw new CalloutException("no valid account \"" + placement + "\" for auth callout response on account \""
                    + account + "\": " + e.getMessage());
        }
        JsonNode source = limitsSource(user, placed);
        String name = jwt.claims().path("name").asText("");
        return new Identity(name.isEmpty() ? jwt.subject() : name, placed.subject(),
                UserClaims.limits(source, jwt.expires()), UserJwtPermissions.of(source));
    }

    private static UserClaims decodeUser(String text) throws CalloutException {
        try {
            return UserClaims.decode(text);
        } catch (JwtException e) {
            throw new CalloutException(e.getMessage());
        }
    }

    private void checkTimesAndTypes(JsonNode nats, String account) throws CalloutException {
        if (!ConnectTimes.allowNow(nats, clock)) {
            throw new CalloutException("authorized user on account \"" + account
                    + "\" outside of valid connect times");
        }
        JsonNode types = nats.path("allowed_connection_types");
        if (!types.isEmpty()) {
            boolean anyKnown = false;
            for (JsonNode t : types) {
                anyKnown |= JwtAuthenticator.KNOWN_CONNECTION_TYPES.contains(t.asText());
            }
            if (!anyKnown) {
                throw new CalloutException("authorized user on account \"" + account
                        + "\" using invalid connection type");
            }
        }
    }

    /** The user's own claims, or the template of the scoped signing key of {@code target} that issued it. */
    private static JsonNode limitsSource(UserClaims user, AccountClaims target) throws CalloutException {
        String issuer = user.jwt().issuer();
        if (!target.hasIssuer(issuer)) {
            throw new CalloutException("user JWT issuer \"" + issuer + "\" is not known");
        }
        JsonNode scope = target.signingKeys().get(issuer);
        if (scope == null || scope.isMissingNode()) {
            return user.jwt().nats();
        }
        if (!emptyPermissions(user.jwt().nats())) {
            throw new CalloutException("user JWT is not valid: scoped users require no permissions or limits set");
        }
        return scope;
    }

    private static boolean emptyPermissions(JsonNode nats) {
        for (String f : new String[] {"pub", "sub"}) {
            if (!nats.path(f).path("allow").isEmpty() || !nats.path(f).path("deny").isEmpty()) {
                return false;
            }
        }
        for (String f : SCOPED_FIELDS) {
            JsonNode v = nats.path(f);
            if (v.isContainerNode() ? !v.isEmpty() : v.isTextual() && !v.asText().isEmpty()) {
                return false;
            }
        }
        for (String f : SCOPED_LIMITS) {
            if (nats.path(f).asLong(-1) != -1) {
                return false;
            }
        }
        return true;
    }
}
