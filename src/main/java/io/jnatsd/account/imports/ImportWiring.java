package io.jnatsd.account.imports;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.account.Subscription;
import io.jnatsd.account.latency.LatencyTracking;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.InternalConnection;
import io.jnatsd.server.MsgTrace;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadParticipant;
import io.jnatsd.server.ServerInfo;
import io.jnatsd.server.ServerModule;
import io.jnatsd.subject.SubjectTransform;
import io.jnatsd.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code addStreamImportWithClaim}, {@code AddServiceImport} and the internal
 * subscriptions that carry them in {@code server/accounts.go}: wires each configured import
 * into the delivery engine with internal connections, so that messages cross accounts only
 * where an account exported and another imported.
 *
 * <p>Design note: a stream import is a subscription in the exporting account whose handler
 * republishes in the importing account under the local subject; a service import is a
 * subscription in the importing account on the local subject whose handler republishes the
 * request in the exporting account with a {@code _R_.} reply that {@link ServiceReplies}
 * routes back. Both travel the same {@code Sublist} and router as any message.
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

    /** The subscription that carries one wired import, and the internal connection it is on. */
    private record Carrier(InternalConnection connection, Subscription subscription) {
    }

    private final Map<Account, InternalConnection> connections = new HashMap<>();
    private final Map<Account, ServiceReplies> replies = new HashMap<>();
    private final Map<Wired, Carrier> wired = new LinkedHashMap<>();
    private NatsServer server;

    @Override
    public synchronized boolean start(NatsServer server) {
        this.server = server;
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
            e.getValue().connection().unsubscribe(e.getValue().subscription());
            return true;
        });
        dropRemovedAccounts(accounts);
        for (Map.Entry<Wired, Account[]> e : wanted.entrySet()) {
            if (!wired.containsKey(e.getKey())) {
                Account from = e.getValue()[0];
                Account to = e.getValue()[1];
                ImportConfig imp = e.getKey().imp();
                wired.put(e.getKey(), imp.service() ? wireService(from, to, imp) : wireStream(from, to, imp));
            }
        }
    }

    private void dropRemovedAccounts(Accounts accounts) {
        connections.keySet().removeIf(a -> accounts.lookup(a.name()) != a);
        replies.entrySet().removeIf(e -> {
            if (accounts.lookup(e.getKey().name()) == e.getKey()) {
                return false;
            }
            e.getValue().close();
            return true;
        });
    }

    private InternalConnection connectionIn(Account account) {
        return connections.computeIfAbsent(account, a -> server.createInternalConnection(a));
    }

    private Carrier wireStream(Account from, Account to, ImportConfig imp) {
        InternalConnection source = connectionIn(from);
        InternalConnection target = connectionIn(to);
        String local = imp.localSubject();
        SubjectTransform transform = transformOrNull(imp.subject(), local);
        Subscription sub = source.subscribe(imp.subject(), null, (s, subject, reply, headers, payload) -> {
            String mapped = mapStream(imp, transform, subject);
            MsgTrace mt = MsgTrace.current();
            if (mt == null) {
                target.publish(mapped, reply, headers, payload);
            } else {
                ImportTracing.streamImport(mt, imp, to, () -> target.publish(mapped, reply, headers, payload),
                        () -> target.publish(mapped, reply, headers, payload, mt), mapped);
            }
        });
        return new Carrier(source, sub);
    }
    private static String mapStream(ImportConfig imp, SubjectTransform transform, String subject) {
        if (imp.prefix() != null && !imp.prefix().isEmpty()) {
            return imp.prefix() + "." + subject;
        }
        if (transform == null) {
            return imp.localSubject();
        }
        String mapped = transform.match(subject);
        return mapped == null ? subject : mapped;
    }

    private Carrier wireService(Account from, Account to, ImportConfig imp) {
        InternalConnection requester = connectionIn(to);
        InternalConnection responder = connectionIn(from);
        ExportConfig export = from.exportFor(true, imp.subject());
        ServiceReplies routes = replies.computeIfAbsent(from, a -> new ServiceReplies(responder));
        String local = imp.localSubject();
        SubjectTransform transform = transformOrNull(local, imp.subject());
        LatencyTracking latency = export.latency() == null ? null
                : new LatencyTracking(export.latency(), imp.share(), responder, this::serverName);
        Subscription sub = requester.subscribe(local, null, (InternalConnection.OriginAwareHandler) (s, subject,
                reply, headers, payload, origin) -> {
            String mappedTo = transform == null ? imp.subject() : transform.match(subject);
            String remote = mappedTo == null ? subject : mappedTo;
            MsgTrace mt = MsgTrace.current();
            if (mt != null && !ImportTracing.serviceImport(mt, from, export, subject, remote)) {
                if (!mt.traceOnly()) {
                    byte[] untraced = ImportTracing.disabled(headers);
                    MsgTrace.untraced(() -> respond(routes, requester, responder, export, latency, remote, reply,
                            untraced, payload, origin, null));
                }
                return;
            }
            respond(routes, requester, responder, export, latency, remote, reply, headers, payload, origin, mt);
        });
        return new Carrier(requester, sub);
    }

    /** Sends a request on into the exporting account, its reply routed back (none for a trace-only message). */
    private static void respond(ServiceReplies routes, InternalConnection requester, InternalConnection responder,
                                ExportConfig export, LatencyTracking latency, String remote, String reply,
                                byte[] headers, byte[] payload, Object origin, MsgTrace mt) {
        boolean traceOnly = mt != null && mt.traceOnly();
        LatencyTracking.Sample sample = latency == null || traceOnly ? null
                : latency.onRequest(headers, origin, reply != null);
        String mappedReply = reply == null || traceOnly ? null
                : routes.route(reply, requester, export.responseType(), sample);
        responder.publish(remote, mappedReply, headers, payload, mt);
    }

    private String serverName() {
        ServerInfo info = server.info();
        return info == null ? server.serverId() : info.serverName();
    }

    /** The transform from {@code from} to {@code to}; null when both are the same literal mapping. */
    private static SubjectTransform transformOrNull(String from, String to) {
        if (from.equals(to)) {
            return Subjects.isLiteral(from) ? null : SubjectTransform.compile(from, from);
        }
        if (Subjects.isLiteral(from) && Subjects.isLiteral(to)) {
            return null;
        }
        return SubjectTransform.compile(from, SubjectTransform.wildcardsToPlaceholders(to));
    }

    @Override
    public synchronized void stop() {
        replies.values().forEach(ServiceReplies::close);
        replies.clear();
        wired.clear();
        connections.clear();
    }
}
