package io.jnatsd.account.imports;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.account.latency.LatencyTracking;
import io.jnatsd.server.InternalConnection;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerInfo;
import io.jnatsd.server.ServerModule;
import io.jnatsd.subject.SubjectTransform;
import io.jnatsd.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

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
 * <p>Thread-safe; started once before clients are accepted.
 */
public final class ImportWiring implements ServerModule {

    private static final Logger LOG = LoggerFactory.getLogger(ImportWiring.class);

    private final Map<Account, InternalConnection> connections = new HashMap<>();
    private final Map<Account, ServiceReplies> replies = new HashMap<>();
    private NatsServer server;

    @Override
    public synchronized boolean start(NatsServer server) {
        this.server = server;
        Accounts accounts = server.accountRegistry();
        boolean any = false;
        for (AccountConfig importer : accounts.configs()) {
            for (ImportConfig imp : importer.imports()) {
                Account to = accounts.lookup(importer.name());
                Account from = accounts.lookup(imp.account());
                if (to == null || from == null || from.exportFor(imp.service(), imp.subject()) == null) {
                    LOG.warn("Import of \"{}\" from account \"{}\" into \"{}\" has no matching export; ignored",
                            imp.subject(), imp.account(), importer.name());
                    continue;
                }
                if (imp.service()) {
                    wireService(from, to, imp);
                } else {
                    wireStream(from, to, imp);
                }
                any = true;
            }
        }
        return any;
    }

    private InternalConnection connectionIn(Account account) {
        return connections.computeIfAbsent(account, a -> server.createInternalConnection(a));
    }

    private void wireStream(Account from, Account to, ImportConfig imp) {
        InternalConnection source = connectionIn(from);
        InternalConnection target = connectionIn(to);
        String local = imp.localSubject();
        SubjectTransform transform = transformOrNull(imp.subject(), local);
        source.subscribe(imp.subject(), null, (sub, subject, reply, headers, payload) -> {
            String mapped = mapStream(imp, transform, subject);
            target.publish(mapped, reply, headers, payload);
        });
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

    private void wireService(Account from, Account to, ImportConfig imp) {
        InternalConnection requester = connectionIn(to);
        InternalConnection responder = connectionIn(from);
        ExportConfig export = from.exportFor(true, imp.subject());
        ServiceReplies routes = replies.computeIfAbsent(from, a -> new ServiceReplies(responder));
        String local = imp.localSubject();
        SubjectTransform transform = transformOrNull(local, imp.subject());
        LatencyTracking latency = export.latency() == null ? null
                : new LatencyTracking(export.latency(), imp.share(), responder, this::serverName);
        requester.subscribe(local, null, (InternalConnection.OriginAwareHandler) (sub, subject, reply, headers,
                                                                                  payload, origin) -> {
            String remote = transform == null ? imp.subject() : transform.match(subject);
            if (remote == null) {
                remote = subject;
            }
            LatencyTracking.Sample sample = latency == null ? null : latency.onRequest(headers, origin, reply != null);
            String mappedReply = reply == null ? null
                    : routes.route(reply, requester, export.responseType(), sample);
            responder.publish(remote, mappedReply, headers, payload);
        });
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
        connections.clear();
    }
}
