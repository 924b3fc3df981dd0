package io.jnatsd.account.resolver;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountLimits;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.ResolvedAccounts;
import io.jnatsd.auth.jwt.UserClaims;
import io.jnatsd.protocol.ProtocolErrors;
import io.jnatsd.server.ClientEvictions;
import io.jnatsd.server.NatsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Twin of the live part of {@code updateAccountClaimsWithRefresh} and of {@code removeCb} in
 * {@code server/accounts.go}: the claims of an account JWT reach the account and its clients.
 * The account takes the JWT's limits (connections, subscriptions, payload); clients over the
 * new connection limit (the newest first), at or over the new subscription limit, revoked by
 * the new JWT, or bearer clients when bearer tokens are now refused, are closed with the
 * reference's errors. A deleted account closes all its clients.
 *
 * <p>Thread-safe; runs on the thread that changed the claims, clients are closed on their own
 * event loops.
 */
final class ClaimsApplier implements ResolvedAccounts.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsApplier.class);

    /** The reference's {@code sendErrAndDebug} text and {@code Revocation} closed state. */
    static final String REVOKED_ERROR = "User Authentication Revoked";
    static final String REVOKED_REASON = "Credentials Revoked";
    /** What {@code accountAuthExpired} sends, and its closed state. */
    static final String ACCOUNT_EXPIRED_ERROR = "Account Authentication Expired";
    static final String ACCOUNT_EXPIRED_REASON = "Authentication Expired";
    static final String MAX_CONNECTIONS_ERROR = "maximum account active connections exceeded";
    static final String MAX_CONNECTIONS_REASON = "Maximum Account Connections Exceeded";
    static final String MAX_SUBSCRIPTIONS_REASON = "Maximum Subscriptions Exceeded";
    static final String AUTH_VIOLATION_ERROR = "Authorization Violation";
    static final String AUTH_VIOLATION_REASON = "Authentication Failure";

    private final NatsServer server;

    ClaimsApplier(NatsServer server) {
        this.server = server;
    }

    @Override
    public void onResolved(AccountClaims claims) {
        server.registerAccount(claims.subject()).setLimits(limitsOf(claims));
    }

    @Override
    public void onUpdated(AccountClaims claims) {
        Account account = server.accountRegistry().lookup(claims.subject());
        if (account == null) {
            return;
        }
        AccountLimits limits = limitsOf(claims);
        account.setLimits(limits);
        LOG.debug("Updated account claims of {}: {}", claims.subject(), limits);
        Set<Long> overLimit = new HashSet<>();
        if (limits.maxConnections() >= 0) {
            List<Long> ids = ClientEvictions.clientIds(server, account);
            overLimit.addAll(ids.subList(Math.min(ids.size(), limits.maxConnections()), ids.size()));
        }
        ClientEvictions.judge(server, account, c -> verdict(claims, limits, overLimit, c));
    }

    @Override
    public void onRemoved(String accountKey) {
        Account account = server.accountRegistry().lookup(accountKey);
        if (account == null) {
            return;
        }
        LOG.debug("Disable account {} due to remove", accountKey);
        account.setLimits(new AccountLimits(0, 0, 0));
        ClientEvictions.judge(server, account,
                c -> new ClientEvictions.Eviction(ACCOUNT_EXPIRED_ERROR, ACCOUNT_EXPIRED_REASON));
    }

    private static ClientEvictions.Eviction verdict(AccountClaims claims, AccountLimits limits, Set<Long> overLimit,
                                                    ClientEvictions.ClientView c) {
        if (overLimit.contains(c.cid())) {
            return new ClientEvictions.Eviction(MAX_CONNECTIONS_ERROR, MAX_CONNECTIONS_REASON);
        }
        if (c.userJwt() != null && !c.userJwt().isEmpty()) {
            UserClaims user;
            try {
                user = UserClaims.decode(c.userJwt());
            } catch (JwtException e) {
                return new ClientEvictions.Eviction(AUTH_VIOLATION_ERROR, AUTH_VIOLATION_REASON);
            }
            if (user.bearerToken() && claims.disallowBearer()) {
                return new ClientEvictions.Eviction(AUTH_VIOLATION_ERROR, AUTH_VIOLATION_REASON);
            }
            if (claims.revoked(user.jwt().subject(), user.jwt().issuedAt())) {
                return new ClientEvictions.Eviction(REVOKED_ERROR, REVOKED_REASON);
            }
        }
        if (limits.maxSubscriptions() >= 0 && c.subscriptions() > limits.maxSubscriptions()) {
            return new ClientEvictions.Eviction(ProtocolErrors.MAX_SUBSCRIPTIONS_EXCEEDED, MAX_SUBSCRIPTIONS_REASON);
        }
        return null;
    }

    /** The JWT's limits as the account's; -1 is none. */
    static AccountLimits limitsOf(AccountClaims claims) {
        AccountClaims.Limits l = claims.limits();
        return new AccountLimits(clamp(l.maxConnections()), clamp(l.maxSubscriptions()), clamp(l.maxPayloadBytes()));
    }

    /** The reference's {@code clampInt64ToInt32}, with every negative as no limit. */
    private static int clamp(long v) {
        if (v < 0) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, v);
    }
}
