package io.jnatsd.auth.jwt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Twin of the claims side of the reference's account registry ({@code lookupAccount},
 * {@code fetchAccount}, {@code verifyAccountClaims}, {@code updateAccountWithClaimJWT} in
 * {@code server/server.go}): the verified claims of each account this server has resolved.
 * An account is resolved once, from its {@link AccountResolver}, and then only changes by an
 * update (a claims update request, a changed file of a directory resolver) or goes by a delete;
 * listeners apply each change to the live account.
 *
 * <p>Thread-safe; listeners run on the thread that made the change.
 */
public final class ResolvedAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(ResolvedAccounts.class);

    /** The reference's {@code ErrAccountValidation}. */
    static final String ACCOUNT_VALIDATION_FAILED = "account validation failed";

    /** Told of each resolved account whose claims changed or that was deleted. */
    public interface Listener {
        /** An account was resolved for the first time (a client of it is connecting). */
        void onResolved(AccountClaims claims);

        /** New claims of a resolved account, verified. */
        void onUpdated(AccountClaims claims);

        /** A resolved account was deleted from the resolver. */
        void onRemoved(String accountKey);
    }

    private final AccountResolver resolver;
    private final Set<String> trustedKeys;
    private final Map<String, AccountClaims> claims = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    ResolvedAccounts(AccountResolver resolver, Set<String> trustedKeys) {
        this.resolver = resolver;
        this.trustedKeys = Set.copyOf(trustedKeys);
    }

    public AccountResolver resolver() {
        return resolver;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /**
     * The claims of {@code accountKey}: the ones resolved before, else fetched, verified and
     * kept. May block while the resolver fetches.
     *
     * @throws JwtException when it cannot be fetched or does not verify
     */
    public AccountClaims resolve(String accountKey) {
        return resolve(accountKey, true);
    }

    /**
     * As {@link #resolve}, but never asks other servers for the JWT ({@link AccountResolver#fetchWithoutAsking}):
     * for event loops, which must not wait for an answer that may come through themselves.
     *
     * @throws JwtException when it is not here or does not verify
     */
    public AccountClaims resolveWithoutAsking(String accountKey) {
        return resolve(accountKey, false);
    }

    private AccountClaims resolve(String accountKey, boolean askOthers) {
        AccountClaims known = claims.get(accountKey);
        if (known != null) {
            return known;
        }
        String text = askOthers ? resolver.fetch(accountKey) : resolver.fetchWithoutAsking(accountKey);
        AccountClaims fetched = verify(accountKey, text);
        AccountClaims raced = claims.putIfAbsent(accountKey, fetched);
        if (raced != null) {
            return raced;
        }
        for (Listener l : listeners) {
            l.onResolved(fetched);
        }
        return fetched;
    }

    /** The claims of every account resolved so far. */
    public java.util.Collection<AccountClaims> all() {
        return java.util.List.copyOf(claims.values());
    }

    /** The claims resolved for {@code accountKey}, or null. */
    public AccountClaims known(String accountKey) {
        return claims.get(accountKey);
    }

    /**
     * Decodes {@code jwt} and checks that it is about {@code accountKey} and issued by a trusted
     * operator (the reference's {@code verifyAccountClaims}).
     *
     * @throws JwtException saying what is wrong
     */
    public AccountClaims verify(String accountKey, String jwt) {
        AccountClaims c = AccountClaims.decode(jwt);
        if (!c.subject().equals(accountKey)) {
            throw new JwtException("subject does not match jwt content");
        }
        if (!trustedKeys.contains(c.issuer())) {
            throw new JwtException(ACCOUNT_VALIDATION_FAILED);
        }
        return c;
    }

    /**
     * New claims for a resolved account (the reference's {@code updateAccountWithClaimJWT}):
     * verified, kept and handed to the listeners; the same JWT again changes nothing.
     *
     * @return false when the account was never resolved here (nothing to update)
     * @throws JwtException when the JWT does not verify
     */
    public boolean update(String accountKey, String jwt) {
        AccountClaims old = claims.get(accountKey);
        if (old == null) {
            return false;
        }
        if (old.jwt().equals(jwt.trim())) {
            LOG.debug("Requested account update for [{}], same claims detected", accountKey);
            return true;
        }
        AccountClaims next = verify(accountKey, jwt);
        claims.put(accountKey, next);
        LOG.debug("Updating account claims: {}/{}", accountKey, next.name());
        for (Listener l : listeners) {
            l.onUpdated(next);
        }
        return true;
    }

    /** The resolver's JWT of a resolved account changed: take it, logging what fails. */
    void onResolverChanged(String accountKey, String jwt) {
        if (jwt == null || !claims.containsKey(accountKey)) {
            return;
        }
        try {
            update(accountKey, jwt);
        } catch (JwtException e) {
            LOG.error("DirResolver - Update for account \"{}\" resulted in error {}", accountKey, e.getMessage());
        }
    }

    /** The resolver deleted the account: forget it and tell the listeners (the reference's {@code removeCb}). */
    void onResolverDeleted(String accountKey) {
        claims.remove(accountKey);
        for (Listener l : listeners) {
            l.onRemoved(accountKey);
        }
    }
}
