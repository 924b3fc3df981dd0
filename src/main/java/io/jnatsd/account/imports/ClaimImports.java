package io.jnatsd.account.imports;

import io.jnatsd.account.Account;
import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.account.LatencyConfig;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.ActivationClaims;
import io.jnatsd.auth.jwt.ExportClaim;
import io.jnatsd.auth.jwt.ImportClaim;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.ResolvedAccounts;
import io.jnatsd.server.NatsServer;
import io.jnatsd.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Twin of the export and import part of {@code updateAccountClaimsWithRefresh} in
 * {@code server/accounts.go} with {@code checkStreamExportApproved},
 * {@code checkServiceExportApproved}, {@code checkAuth} and {@code activationExpired}: the
 * {@code exports} and {@code imports} of account JWTs become the account's exports and wired
 * imports, as the conf file's do through {@link ImportWiring}.
 *
 * <p>An import is wired when its exporting account is resolved and has an export of its kind
 * covering it (the same subject first, else one whose wildcards cover it) that the importer may
 * use: public, {@code account_token_position} naming the importer, or {@code token_req} with
 * an activation token that verifies ({@link ActivationClaims#verify}). Each change of an
 * account's claims rewires by difference its imports and those of every account importing from
 * it (an export gone, a revoked activation); an activation that expires is checked again then.
 *
 * <p>Thread-safe: listener calls and expiry checks are serialised on this object; a first
 * resolution runs on the connecting client's thread and looks up exporters without asking other
 * servers.
 */
public final class ClaimImports implements ResolvedAccounts.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimImports.class);

    /** One wired import: what is carried, from which account, under which export. */
    private record Wired(ImportConfig imp, String exporter, ExportConfig export) {
    }

    private final NatsServer server;
    private final ResolvedAccounts accounts;
    private final ImportCarriers carriers;
    /** Importing account key to its wired imports. Guarded by this. */
    private final Map<String, Map<Wired, ImportCarriers.Carrier>> wired = new HashMap<>();
    private final ScheduledExecutorService expiries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jnatsd-activation-expiry");
        t.setDaemon(true);
        return t;
    });

    public ClaimImports(NatsServer server, ResolvedAccounts accounts) {
        this.server = server;
        this.accounts = accounts;
        this.carriers = new ImportCarriers(server);
    }

    @Override
    public synchronized void onResolved(AccountClaims claims) {
        apply(claims);
    }

    @Override
    public synchronized void onUpdated(AccountClaims claims) {
        apply(claims);
    }

    @Override
    public synchronized void onRemoved(String accountKey) {
        Map<Wired, ImportCarriers.Carrier> gone = wired.remove(accountKey);
        if (gone != null) {
            gone.values().forEach(carriers::unwire);
        }
        Account account = server.accountRegistry().lookup(accountKey);
        if (account != null) {
            account.setExports(List.of());
        }
        rewireImportersOf(accountKey);
    }

    private void apply(AccountClaims claims) {
        Account account = server.registerAccount(claims.subject());
        account.setExports(exportsOf(claims));
        for (ImportClaim imp : claims.imports()) {
            if (accounts.known(imp.account()) == null && !imp.account().equals(claims.subject())) {
                try {
                    accounts.resolveWithoutAsking(imp.account());
                } catch (JwtException e) {
                    LOG.error("Can't locate account [{}] for import of [{}] {} (err={})", imp.account(),
                            imp.subject(), imp.service() ? "service" : "stream", e.getMessage());
                }
            }
        }
        rewire(claims);
        rewireImportersOf(claims.subject());
    }

    private void rewireImportersOf(String exporterKey) {
        for (AccountClaims other : accounts.all()) {
            if (!other.subject().equals(exporterKey)
                    && other.imports().stream().anyMatch(i -> i.account().equals(exporterKey))) {
                rewire(other);
            }
        }
    }

    /** Makes the wired imports of {@code importer} those its claims allow now. */
    private void rewire(AccountClaims importer) {
        Account to = server.registerAccount(importer.subject());
        long nowSeconds = System.currentTimeMillis() / 1000;
        Map<Wired, Account> wanted = new LinkedHashMap<>();
        for (ImportClaim ic : importer.imports()) {
            Wired w = approve(importer.subject(), ic, nowSeconds);
            if (w != null) {
                wanted.put(w, server.registerAccount(w.exporter()));
            }
        }
        Map<Wired, ImportCarriers.Carrier> current = wired.computeIfAbsent(importer.subject(),
                k -> new LinkedHashMap<>());
        current.entrySet().removeIf(e -> {
            if (wanted.containsKey(e.getKey())) {
                return false;
            }
            LOG.debug("Removing import of \"{}\" from {} in {}", e.getKey().imp().subject(), e.getKey().exporter(),
                    importer.subject());
            carriers.unwire(e.getValue());
            return true;
        });
        for (Map.Entry<Wired, Account> e : wanted.entrySet()) {
            if (!current.containsKey(e.getKey())) {
                Wired w = e.getKey();
                LOG.debug("Adding {} import {}:\"{}\" for {}:\"{}\"", w.imp().service() ? "service" : "stream",
                        w.exporter(), w.imp().subject(), importer.subject(), w.imp().localSubject());
                current.put(w, carriers.wire(e.getValue(), to, w.imp(), w.export()));
            }
        }
    }

    /** The import {@code ic} of {@code importerKey} as it may be wired now, or null (logged) when it may not. */
    private Wired approve(String importerKey, ImportClaim ic, long nowSeconds) {
        String remote = ic.remoteSubject();
        AccountClaims exporter = ic.account().equals(importerKey) ? null : accounts.known(ic.account());
        if (exporter == null || !Subjects.isValidSubject(remote)) {
            LOG.debug("Import of \"{}\" from account [{}] into [{}] skipped: account not resolved", remote,
                    ic.account(), importerKey);
            return null;
        }
        ExportClaim export = exportFor(exporter, ic.service(), remote);
        if (export == null) {
            LOG.debug("Import of \"{}\" from account [{}] into [{}] skipped: not exported", remote, ic.account(),
                    importerKey);
            return null;
        }
        if (!authorized(importerKey, ic, exporter, export, nowSeconds)) {
            return null;
        }
        return new Wired(importConfig(ic), exporter.subject(), exportConfig(export));
    }

    /** Twin of {@code checkAuth}: public, the importer's key at the account token position, or an activation. */
    private boolean authorized(String importerKey, ImportClaim ic, AccountClaims exporter, ExportClaim export,
                               long nowSeconds) {
        if (export.accountTokenPosition() > 0) {
            String[] tokens = ic.remoteSubject().split("\\.", -1);
            int pos = export.accountTokenPosition();
            return pos <= tokens.length && tokens[pos - 1].equals(importerKey);
        }
        if (!export.tokenRequired()) {
            return true;
        }
        try {
            long expires = ActivationClaims.verify(ic, importerKey, exporter, export, nowSeconds);
            if (expires > 0) {
                scheduleRecheck(importerKey, expires);
            }
            return true;
        } catch (JwtException e) {
            LOG.debug("Import of \"{}\" from account [{}] into [{}] not authorized: {}", ic.remoteSubject(),
                    ic.account(), importerKey, e.getMessage());
            return false;
        }
    }

    private void scheduleRecheck(String importerKey, long expiresSeconds) {
        long delayMs = Math.max(0, expiresSeconds * 1000 - System.currentTimeMillis());
        try {
            expiries.schedule(() -> recheck(importerKey), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("Activation expiry not tracked: closing");
        }
    }

    /** An activation of {@code importerKey} expired: rewire its imports (the reference's {@code activationExpired}). */
    private synchronized void recheck(String importerKey) {
        AccountClaims importer = accounts.known(importerKey);
        if (importer != null) {
            rewire(importer);
        }
    }

    /** The export of {@code exporter} of the kind asked that covers {@code subject}: the same subject first. */
    private static ExportClaim exportFor(AccountClaims exporter, boolean service, String subject) {
        for (ExportClaim e : exporter.exports()) {
            if (e.service() == service && e.subject().equals(subject)) {
                return e;
            }
        }
        for (ExportClaim e : exporter.exports()) {
            if (e.service() == service && Subjects.subjectIsSubsetMatch(subject, e.subject())) {
                return e;
            }
        }
        return null;
    }

    private static ImportConfig importConfig(ImportClaim ic) {
        if (ic.service()) {
            return new ImportConfig(true, ic.account(), ic.remoteSubject(), ic.localSubjectOrDefault(), null,
                    ic.share(), ic.allowTrace());
        }
        String prefix = ic.streamPrefix();
        return new ImportConfig(false, ic.account(), ic.subject(),
                ic.localSubject().isEmpty() ? null : ic.localSubject(), prefix.isEmpty() ? null : prefix, false,
                ic.allowTrace());
    }

    /** The exports of {@code claims} as the account's, in the JWT's order. */
    static List<ExportConfig> exportsOf(AccountClaims claims) {
        List<ExportConfig> out = new ArrayList<>();
        for (ExportClaim e : claims.exports()) {
            if (Subjects.isValidSubject(e.subject())) {
                out.add(exportConfig(e));
            }
        }
        return out;
    }

    private static ExportConfig exportConfig(ExportClaim e) {
        ExportConfig.ResponseType type = switch (e.responseType()) {
            case "Stream" -> ExportConfig.ResponseType.STREAM;
            case "Chunked" -> ExportConfig.ResponseType.CHUNKED;
            default -> ExportConfig.ResponseType.SINGLETON;
        };
        LatencyConfig latency = !e.service() || e.latencySampling() == ExportClaim.NO_LATENCY
                || e.latencyResults().isEmpty() ? null : new LatencyConfig(e.latencySampling(), e.latencyResults());
        return new ExportConfig(e.service(), e.subject(), List.of(), e.service() ? type : null, latency,
                e.allowTrace());
    }

    /** Unwires every JWT import and stops the expiry checks. Idempotent. */
    @Override
    public synchronized void close() {
        expiries.shutdownNow();
        wired.values().forEach(m -> m.values().forEach(carriers::unwire));
        wired.clear();
        carriers.close();
    }
}
