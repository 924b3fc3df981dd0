package io.jnatsd.server;

import io.jnatsd.account.AccountsOptions;
import io.jnatsd.config.ServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The permissions part of {@code authorizationOption} and {@code accountsOption} in
 * {@code server/reload.go}: users' publish and subscribe permissions change without dropping
 * anyone, and each client checks its next publish and subscription against its user's new rules.
 * Any other change of the accounts (accounts, their users, exports, imports, mappings, the
 * system account) is refused with the reference's reload error: jnatsd cannot rebuild accounts
 * under live connections yet. Subscriptions made before the reload are kept.
 *
 * <p>Runs on the reloading thread; per-client work is handed to each client's event loop.
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
    public void check(ServerOptions current, ServerOptions next) throws ReloadException {
        AccountsOptions a = current.accounts();
        AccountsOptions b = next.accounts();
        AccountsOptions permissionsOnly = new AccountsOptions(a.accounts(), a.userAccounts(), b.userPermissions(),
                a.systemAccount(), a.noSystemAccount(), a.mappings());
        if (!permissionsOnly.equals(b)) {
            throw ConfigReload.notSupported("accounts", a, b);
        }
    }

    @Override
    public void apply(ServerOptions current, ServerOptions next) {
        server.accountRegistry().reloadPermissions(next.accounts());
        for (ClientConnection c : server.clients()) {
            c.channel().eventLoop().execute(c::onPermissionsReloaded);
        }
        LOG.info("Reloaded: authorization users' permissions");
    }
}
