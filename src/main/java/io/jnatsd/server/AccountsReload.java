package io.jnatsd.server;

import io.jnatsd.account.Account;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.AccountsOptions;
import io.jnatsd.config.ServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Twin of {@code accountsOption} and of the account part of {@code reloadAuthorization} in
 * {@code server/reload.go}: accounts are added, removed and reconfigured (limits, mappings,
 * exports) in the running {@link Accounts}, and each client whose user now belongs to another
 * account, or whose account is gone, is closed ({@code clientHasMovedToDifferentAccount}), so
 * that it reconnects into its new account. The other clients stay, in the same {@link Account}.
 * The system account may not change ({@code diffOptions}, case {@code systemaccount}).
 *
 * <p>Imports are rewired by {@code account.imports.ImportWiring}, which takes part in the same
 * reload; users' permissions are taken by {@link PermissionsReload}. Runs on the reloading thread;
 * per-client checks run on each client's event loop
 * and the reload waits for them ({@link ClientReloadTasks}).
 */
final class AccountsReload implements ReloadParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsReload.class);

    private final NatsServer server;

    AccountsReload(NatsServer server) {
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
        if (a.noSystemAccount() != b.noSystemAccount()) {
            throw new ReloadException("config reload not supported for NoSystemAccount: old=" + a.noSystemAccount()
                    + ", new=" + b.noSystemAccount());
        }
        if (!Objects.equals(a.systemAccountName(), b.systemAccountName())) {
            throw new ReloadException("config reload not supported for SystemAccount: old="
                    + orEmpty(a.systemAccountName()) + ", new=" + orEmpty(b.systemAccount()));
        }
    }

    @Override
    public void apply(ServerOptions current, ServerOptions next) {
        Accounts registry = server.accountRegistry();
        List<Account> removed = registry.reload(next.accounts());
        for (Account gone : removed) {
            LOG.info("Reloaded: deleting account [removed]: \"{}\"", gone.name());
        }
        boolean operatorMode = next.trust() != null && next.trust().enabled();
        if (!operatorMode) {
            ClientReloadTasks.runOnEach(server.clients(), c -> closeIfMoved(c, registry));
        }
        LOG.info("Reloaded: accounts");
    }

    /**
     * Closes {@code c} when its user's account is no longer the one it is bound to (the user moved,
     * or its account was removed). A client that named no user (token, anonymous) never moves.
     * Event loop of {@code c}.
     */
    static void closeIfMoved(ClientConnection c, Accounts registry) {
        if (c.state().closed()) {
            return;
        }
        String user = c.connectOptions().user;
        if (user == null || user.isEmpty()) {
            return;
        }
        if (registry.accountOf(user) != c.account()) {
            LOG.debug("{}User \"{}\" moved to another account after a reload - Closing", c.logPrefix(), user);
            c.close("Client Closed");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
