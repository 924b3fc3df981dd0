package io.jnatsd.server;

import io.jnatsd.account.Accounts;
import io.jnatsd.account.Subscription;
import io.jnatsd.auth.ClientPermissions;
import io.jnatsd.config.ServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Set;

/**
 * The permissions part of {@code authorizationOption} and {@code accountsOption} in
 * {@code server/reload.go}, and twin of {@code processSubsOnConfigReload} in
 * {@code server/client.go}: each client takes its user's new publish and subscribe permissions
 * without being disconnected; a subscription the new rules deny is removed, and the client is
 * told {@code -ERR 'Permissions Violation for Subscription to "foo" (sid "1")'}, as the
 * reference does. Runs after {@link AccountsReload}, so a client that moved account is closed
 * before it would be checked.
 *
 * <p>Runs on the reloading thread; per-client work runs on each client's event loop
 * and the reload waits for it ({@link ClientReloadTasks}).
 */
final class PermissionsReload implements ReloadParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(PermissionsReload.class);

    private final NatsServer server;

    PermissionsReload(NatsServer server) {
        this.server = server;
    }

    @Override
    public Set<String> components() {
        return Set.of("accounts");
    }

    @Override
    public void apply(ServerOptions current, ServerOptions next) {
        if (current.accounts().userPermissions().equals(next.accounts().userPermissions())) {
            return;
        }
        ClientReloadTasks.runOnEach(server.clients(), c -> {
            c.onPermissionsReloaded();
            removeDeniedSubscriptions(c, server.accountRegistry());
        });
        LOG.info("Reloaded: authorization users' permissions");
    }

    /** Drops the subscriptions the client's new permissions deny and tells it of each. Event loop of {@code c}. */
    static void removeDeniedSubscriptions(ClientConnection c, Accounts registry) {
        if (c.state().closed()) {
            return;
        }
        ClientPermissions perms = ClientBinding.of(registry, c.connectOptions().user).permissions();
        for (Subscription sub : new ArrayList<>(c.subscriptions().values())) {
            if (perms == null || perms.canSubscribe(sub.subject(), sub.queue())) {
                sub.setDeliveryFiltered(perms != null && perms.needsDeliveryFilter(sub.subject()));
                continue;
            }
            c.onAutoUnsubscribed(sub);
            String what = ClientBinding.quote(sub.subject())
                    + (sub.queue() == null ? "" : " using queue " + ClientBinding.quote(sub.queue()));
            c.sendError("Permissions Violation for Subscription to " + what + " (sid " + ClientBinding.quote(sub.sid())
                    + ")");
            LOG.info("Removed sub {} (sid {}) for User {} - not authorized", what, ClientBinding.quote(sub.sid()),
                    ClientBinding.quote(c.connectOptions().user));
        }
        c.flushes().flushAll();
    }
}
