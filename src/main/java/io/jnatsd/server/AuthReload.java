package io.jnatsd.server;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.config.ServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Set;

/**
 * Twin of the authorization options of {@code server/reload.go} ({@code usernameOption},
 * {@code passwordOption}, {@code authorizationOption}, {@code usersOption},
 * {@code authTimeoutOption}) and of {@code reloadAuthorization}: new clients meet the new
 * rules at once; each open client is checked again with the credentials it connected with.
 * A client whose user is gone is closed, one that no longer authenticates gets
 * {@code -ERR 'Authorization Violation'} and is closed, the others stay.
 *
 * <p>Runs on the reloading thread; per-client checks run on each client's event loop
 * and the reload waits for them ({@link ClientReloadTasks}).
 */
final class AuthReload implements ReloadParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(AuthReload.class);

    private final NatsServer server;

    AuthReload(NatsServer server) {
        this.server = server;
    }

    @Override
    public Set<String> components() {
        return Set.of("auth");
    }

    /**
     * The reference lets {@code no_auth_user} go only when the user it named is gone too
     * ({@code diffOptions}, case {@code noauthuser}); other changes of it are refused.
     */
    @Override
    public void check(ServerOptions current, ServerOptions next) throws ReloadException {
        try {
            next.auth().validate();
        } catch (IllegalArgumentException e) {
            throw new ReloadException(e.getMessage(), e);
        }
        String oldUser = orEmpty(current.auth().noAuthUser());
        String newUser = orEmpty(next.auth().noAuthUser());
        if (oldUser.equals(newUser)) {
            return;
        }
        boolean dropped = !oldUser.isEmpty() && newUser.isEmpty()
                && next.auth().users().stream().noneMatch(u -> oldUser.equals(u.user()));
        if (!dropped) {
            throw ConfigReload.notSupported("NoAuthUser", oldUser, newUser);
        }
    }

    @Override
    public void apply(ServerOptions current, ServerOptions next) {
        AuthOptions before = current.auth();
        AuthOptions after = next.auth();
        Authenticator authenticator = server.authenticatorFor(next);
        server.swapAuthenticator(authenticator);
        logChanges(before, after);
        if (onlyTimeoutChanged(before, after)) {
            return;
        }
        ClientReloadTasks.runOnEach(server.clients(), c -> c.onAuthorizationReloaded(authenticator, after));
    }

    private static boolean onlyTimeoutChanged(AuthOptions a, AuthOptions b) {
        return a.withTimeout(b.timeout()).equals(b);
    }

    private static void logChanges(AuthOptions a, AuthOptions b) {
        if (!Objects.equals(a.user(), b.user())) {
            LOG.info("Reloaded: authorization username");
        }
        if (!Objects.equals(a.password(), b.password())) {
            LOG.info("Reloaded: authorization password");
        }
        if (!Objects.equals(a.token(), b.token())) {
            LOG.info("Reloaded: authorization token");
        }
        if (!a.users().equals(b.users())) {
            LOG.info("Reloaded: authorization users");
        }
        if (!a.timeout().equals(b.timeout())) {
            LOG.info("Reloaded: authorization timeout = {}", b.timeout().toMillis() / 1000.0);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
