package io.jnatsd.account.imports;

import io.jnatsd.account.Account;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.account.Subscription;
import io.jnatsd.account.latency.LatencyTracking;
import io.jnatsd.server.InternalConnection;
import io.jnatsd.server.MsgTrace;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerInfo;
import io.jnatsd.subject.SubjectTransform;
import io.jnatsd.subject.Subjects;

import java.util.HashMap;
import java.util.Map;

/**
 * Twin of the internal subscriptions that carry imports in {@code server/accounts.go}
 * ({@code addStreamImportWithClaim}, {@code addServiceImport} and their response imports): the
 * subscription and republish that make one import work, whoever declared it (the conf file's
 * {@link ImportWiring}, an account JWT's {@link ClaimImports}).
 *
 * <p>Design note: a stream import is a subscription in the exporting account whose handler
 * republishes in the importing account under the local subject; a service import is a
 * subscription in the importing account on the local subject whose handler republishes the
 * request in the exporting account with a {@code _R_.} reply that {@link ServiceReplies}
 * routes back. Both travel the same {@code Sublist} and router as any message.
 *
 * <p>Not thread-safe: the owner serialises its calls.
 */
final class ImportCarriers {

    /** The subscription that carries one wired import, and the internal connection it is on. */
    record Carrier(InternalConnection connection, Subscription subscription) {
    }

    private final NatsServer server;
    private final Map<Account, InternalConnection> connections = new HashMap<>();
    private final Map<Account, ServiceReplies> replies = new HashMap<>();

    ImportCarriers(NatsServer server) {
        this.server = server;
    }

    /** Subscribes what carries {@code imp} from {@code from} (whose matching export is {@code export}) to {@code to}. */
    Carrier wire(Account from, Account to, ImportConfig imp, ExportConfig export) {
        return imp.service() ? wireService(from, to, imp, export) : wireStream(from, to, imp);
    }

    /** Stops carrying an import. */
    void unwire(Carrier c) {
        c.connection().unsubscribe(c.subscription());
    }

    /** Drops the internal connections and reply routes of accounts {@code accounts} no longer has. */
    void dropRemovedAccounts(Accounts accounts) {
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
        Subscription sub = source.subscribe(imp.subject(), null, (InternalConnection.DeliveryAwareHandler) (s,
                deliverSubject, subject, reply, headers, payload) -> {
            if (!deliverSubject.equals(subject)) {
                // A push consumer's delivery: the import maps where it goes, the receivers still see its subject.
                target.publishTo(mapStream(imp, transform, deliverSubject), subject, reply, headers, payload);
                return;
            }
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

    private Carrier wireService(Account from, Account to, ImportConfig imp, ExportConfig export) {
        InternalConnection requester = connectionIn(to);
        InternalConnection responder = connectionIn(from);
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

    /** Closes every reply route and forgets the internal connections. */
    void close() {
        replies.values().forEach(ServiceReplies::close);
        replies.clear();
        connections.clear();
    }
}
