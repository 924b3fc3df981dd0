package io.jnatsd.account.resolver;

import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.DeferredCheck;
import io.jnatsd.auth.Identity;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.DirResolver;
import io.jnatsd.auth.jwt.ImportClaim;
import io.jnatsd.auth.jwt.JwtAuthenticator;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.UserClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The wait of {@code DirAccResolver.Fetch} → {@code Server.fetch} in {@code server/accounts.go},
 * moved off the event loop: a client whose user JWT names an account this server's directory
 * lacks is held (its input paused) while the JWT is asked of the other servers
 * ({@link ClusterClaimsLookup}), with the accounts it imports from; then the JWT check runs again
 * on what is now local.
 *
 * <p>Design note: the event loop that would wait for the answer may be the one that reads it
 * from a route, so the wait is a {@link DeferredCheck} on its own thread, not a blocking fetch.
 *
 * <p>Thread-safe.
 */
final class RemoteAccountCheck implements DeferredCheck, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteAccountCheck.class);

    private final JwtAuthenticator jwt;
    private final DirResolver dir;
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jnatsd-account-fetch");
        t.setDaemon(true);
        return t;
    });

    RemoteAccountCheck(JwtAuthenticator jwt, DirResolver dir) {
        this.jwt = jwt;
        this.dir = dir;
    }

    @Override
    public boolean decides(ClientCredentials credentials, Optional<Identity> configured) {
        return configured.isEmpty() && missingAccount(credentials) != null;
    }

    /** The account of the credentials' user JWT when neither resolved nor stored here, else null. */
    private String missingAccount(ClientCredentials c) {
        if (c.jwt() == null || c.jwt().isEmpty()) {
            return null;
        }
        try {
            String account = UserClaims.decode(c.jwt()).account();
            return isHere(account) ? null : account;
        } catch (JwtException e) {
            return null;
        }
    }

    private boolean isHere(String account) {
        return jwt.accounts().known(account) != null || dir.lookupLocal(account) != null;
    }

    @Override
    public CompletableFuture<Optional<Identity>> check(ClientCredentials credentials, ClientDescription client) {
        CompletableFuture<Optional<Identity>> answer = new CompletableFuture<>();
        try {
            fetcher.execute(() -> answer.complete(fetchThenCheck(credentials)));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            answer.complete(Optional.empty());
        }
        return answer;
    }

    private Optional<Identity> fetchThenCheck(ClientCredentials credentials) {
        String account = missingAccount(credentials);
        try {
            if (account != null) {
                AccountClaims claims = AccountClaims.decode(dir.fetch(account));
                for (ImportClaim imp : claims.imports()) {
                    fetchQuietly(imp.account());
                }
            }
            return jwt.check(credentials);
        } catch (RuntimeException e) {
            LOG.debug("Account JWT lookup error: {}: {}", account, e.getMessage());
            return Optional.empty();
        }
    }

    /** An exporting account's JWT, so that imports can be wired; a failure only leaves that import out. */
    private void fetchQuietly(String account) {
        if (account.isEmpty() || isHere(account)) {
            return;
        }
        try {
            dir.fetch(account);
        } catch (JwtException e) {
            LOG.debug("Import account {} not fetched: {}", account, e.getMessage());
        }
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
    }
}
