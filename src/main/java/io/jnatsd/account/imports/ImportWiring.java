package io.jnatsd.account.imports;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadParticipant;
import io.jnatsd.server.ServerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code addStreamImportWithClaim}, {@code AddServiceImport} and the internal
 * subscriptions that carry them in {@code server/accounts.go}: wires each configured import
 * into the delivery engine with internal connections, so that messages cross accounts only
 * where an account exported and another imported.
 *
 * <p>The subscriptions themselves are made by {@link ImportCarriers}.
 *
 * <p>A configuration reload rewires by difference ({@link #rewire}): an import whose
 * importer, configuration and matching export are unchanged keeps its subscription (no message
 * lost across the reload); a removed or changed one is unsubscribed and a new one subscribed, as
 * the reference swaps its service import subscriptions and shadow subscriptions in
 * {@code configureAccounts(true)} and {@code processSubsOnConfigReload}.
 *
 * <p>Thread-safe; started once before clients are accepted, rewired on the reloading thread.
 */
public final class ImportWiring implements ServerModule {

    private static final Logger LOG = LoggerFactory.getLogger(ImportWiring.class);

    /** One wired import: who imports what, and the export it matched (a changed export rewires it). */
    private record Wired(String importer, ImportConfig imp, String exporter, ExportConfig export) {
    }

    private final Map<Wired, ImportCarriers.Carrier> wired = new LinkedHashMap<>();
    private NatsServer server;
    private ImportCarriers carriers;

    @Override
    public synchronized boolean start(NatsServer server) {
        this.server = server;
        this.carriers = new ImportCarriers(server);
        rewire();
        server.addReloadParticipant(new ReloadParticipant() {
            @Override
            public Set<String> components() {
                return Set.of("accounts");
            }

            @Override
            public void apply(ServerOptions current, ServerOptions next) {
                rewire();
            }
        });
        return true;
    }

    /**
     * Makes the wired imports those the account registry configures now: unchanged ones are
     * kept, others unsubscribed, new ones subscribed; internal connections of removed accounts
     * are dropped. Thread-safe.
     */
    synchronized void rewire() {
        Accounts accounts = server.accountRegistry();
        Map<Wired, Account[]> wanted = new LinkedHashMap<>();
        for (AccountConfig importer : accounts.configs()) {
            for (ImportConfig imp : importer.imports()) {
                Account to = accounts.lookup(importer.name());
                Account from = accounts.lookup(imp.account());
                ExportConfig export = from == null ? null : from.exportFor(imp.service(), imp.subject());
                if (to == null || export == null) {
                    LOG.warn("Import of \"{}\" from account \"{}\" into \"{}\" has no matching export; ignored",
                            imp.subject(), imp.account(), importer.name());
                    continue;
                }
                wanted.put(new Wired(importer.name(), imp, from.name(), export), new Account[] {from, to});
            }
        }
        wired.entrySet().removeIf(e -> {
            if (wanted.containsKey(e.getKey())) {
                return false;
            }
            carriers.unwire(e.getValue());
            return true;
        });
        carriers.dropRemovedAccounts(accounts);
        for (Map.Entry<Wired, Account[]> e : wanted.entrySet()) {
            if (!wired.containsKey(e.getKey())) {
                Account from = e.getValue()[0];
                Account to = e.getValue()[1];
                ImportConfig imp = e.getKey().imp();
                wired.put(e.getKey(), carriers.wire(from, to, imp, e.getKey().export()));
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (carriers != null) {
            carriers.close();
        }
        wired.clear();
    }
}
