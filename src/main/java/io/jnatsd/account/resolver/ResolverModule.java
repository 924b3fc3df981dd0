package io.jnatsd.account.resolver;

import io.jnatsd.account.Account;
import io.jnatsd.account.imports.ClaimImports;
import io.jnatsd.auth.jwt.AccountResolver;
import io.jnatsd.auth.jwt.DirResolver;
import io.jnatsd.auth.jwt.JwtAuthenticator;
import io.jnatsd.auth.jwt.OperatorClaims;
import io.jnatsd.auth.jwt.TrustOptions;
import io.jnatsd.server.InternalConnection;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerInfo;
import io.jnatsd.server.ServerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twin of {@code DirAccResolver.Start} and {@code CacheDirAccResolver.Start} in
 * {@code server/accounts.go}, and of the claims-update subscription of
 * {@code initEventTracking} in {@code server/events.go}: in operator mode, applies account
 * claims to live accounts ({@link ClaimsApplier}, and their exports and imports through
 * {@link ClaimImports}) and, when there is a system account, serves the claims requests in it
 * ({@link ClaimsRequests}); a FULL resolver also answers lookups and PACK requests and sends its
 * own PACK request every {@code interval}; a FULL or CACHE resolver asks the other servers for a
 * JWT it lacks ({@link ClusterClaimsLookup}, {@link RemoteAccountCheck}).
 *
 * <p>Design note: the handlers are internal subscriptions of an internal client of the system
 * account; their work (files, signatures) is handed to one worker thread so that no I/O
 * thread waits on a disk.
 *
 * <p>Thread-safe; started once before clients are accepted.
 */
public final class ResolverModule implements ServerModule {

    private static final Logger LOG = LoggerFactory.getLogger(ResolverModule.class);

    static final String UPDATE_NEW = "$SYS.REQ.ACCOUNT.*.CLAIMS.UPDATE";
    static final String UPDATE_OLD = "$SYS.ACCOUNT.*.CLAIMS.UPDATE";
    static final String LOOKUP = "$SYS.REQ.ACCOUNT.*.CLAIMS.LOOKUP";
    static final String CLAIMS_UPDATE = "$SYS.REQ.CLAIMS.UPDATE";
    static final String CLAIMS_LIST = "$SYS.REQ.CLAIMS.LIST";
    static final String CLAIMS_DELETE = "$SYS.REQ.CLAIMS.DELETE";
    static final String CLAIMS_PACK = "$SYS.REQ.CLAIMS.PACK";

    private final AtomicLong seq = new AtomicLong();
    private volatile NatsServer server;
    private volatile JwtAuthenticator jwt;
    private volatile InternalConnection sys;
    private volatile ScheduledExecutorService worker;
    private volatile ClaimImports claimImports;
    private volatile ClusterClaimsLookup clusterLookup;
    private volatile RemoteAccountCheck remoteCheck;

    @Override
    public boolean start(NatsServer s) {
        JwtAuthenticator authenticator = s.jwtAuthenticator();
        if (authenticator == null) {
            return false;
        }
        this.server = s;
        this.jwt = authenticator;
        authenticator.accounts().addListener(new ClaimsApplier(s));
        claimImports = new ClaimImports(s, authenticator.accounts());
        authenticator.accounts().addListener(claimImports);
        AccountResolver resolver = authenticator.accounts().resolver();
        DirResolver dir = resolver instanceof DirResolver d ? d : null;
        if (dir != null) {
            dir.start();
        }
        Account sysAccount = s.accountRegistry().system();
        if (sysAccount == null) {
            return true;
        }
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jnatsd-claims-requests");
            t.setDaemon(true);
            return t;
        });
        sys = s.createInternalConnection(sysAccount);
        ClaimsRequests requests = new ClaimsRequests(authenticator.accounts(), dir, operatorKeys(s.options().trust()),
                sysAccount.name(), this::reply, this::stamp);
        subscribe(requests, dir);
        if (dir != null && clustered(s)) {
            askOthers(s, authenticator, dir);
            LOG.info("Managing {} jwt in exclusive directory {}", dir.cache() ? "some" : "all", dir.directory());
        }
        return true;
    }

    /** Whether other servers may answer a lookup: a lone server has nobody to ask and refuses at once. */
    private static boolean clustered(NatsServer s) {
        return s.options().cluster().enabled() || !s.options().cluster().routes().isEmpty();
    }

    /** A JWT the directory lacks is asked of the other servers, off the event loops. */
    private void askOthers(NatsServer s, JwtAuthenticator authenticator, DirResolver dir) {
        clusterLookup = new ClusterClaimsLookup(sys, s.serverId());
        dir.setRemoteLookup(clusterLookup);
        remoteCheck = new RemoteAccountCheck(authenticator, dir);
        s.installDeferredCheck(remoteCheck);
    }

    private void subscribe(ClaimsRequests requests, DirResolver dir) {
        InternalConnection c = sys;
        for (String subject : new String[] {UPDATE_NEW, UPDATE_OLD}) {
            c.subscribe(subject, null, (sub, subj, reply, h, body) ->
                    offload(() -> requests.onUpdate(accountToken(subj), reply, body)));
        }
        if (dir == null) {
            return;
        }
        c.subscribe(CLAIMS_UPDATE, null, (sub, subj, reply, h, body) ->
                offload(() -> requests.onUpdate(null, reply, body)));
        c.subscribe(CLAIMS_LIST, null, (sub, subj, reply, h, body) -> offload(() -> requests.onList(reply)));
        c.subscribe(CLAIMS_DELETE, null, (sub, subj, reply, h, body) ->
                offload(() -> requests.onDelete(reply, body)));
        if (dir.cache()) {
            return;
        }
        c.subscribe(LOOKUP, null, (sub, subj, reply, h, body) ->
                offload(() -> requests.onLookup(subj.split("\\.")[3], reply)));
        c.subscribe(CLAIMS_PACK, "responder", (sub, subj, reply, h, body) ->
                offload(() -> requests.onPack(reply, body)));
        String inbox = "$SYS._INBOX_." + server.serverId() + ".pack";
        c.subscribe(inbox, null, (sub, subj, reply, h, body) -> offload(() -> requests.onPackResponse(body)));
        long everyMs = dir.options().syncInterval().toMillis();
        worker.scheduleWithFixedDelay(() -> reply(CLAIMS_PACK, inbox, dir.hash()), everyMs, everyMs,
                TimeUnit.MILLISECONDS);
    }

    /** The account key of an update subject, new or old form; null when the subject has another shape. */
    static String accountToken(String subject) {
        String[] tokens = subject.split("\\.");
        if (tokens.length == 6) {
            return tokens[3];
        }
        return tokens.length == 5 ? tokens[2] : null;
    }

    private static Set<String> operatorKeys(TrustOptions trust) {
        Set<String> keys = new HashSet<>();
        for (String text : trust.operatorJwts()) {
            OperatorClaims op = OperatorClaims.decode(text);
            keys.add(op.subject());
            keys.addAll(op.signingKeys());
        }
        keys.addAll(trust.trustedKeys());
        return keys;
    }

    private void offload(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("Claims request failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Claims request dropped: the server is stopping");
        }
    }

    private void reply(String subject, byte[] body) {
        reply(subject, null, body);
    }

    private void reply(String subject, String replyTo, byte[] body) {
        InternalConnection c = sys;
        if (c != null) {
            c.publish(subject, replyTo, null, body);
        }
    }

    private ClaimsJson.ServerInfo stamp() {
        NatsServer s = server;
        ServerInfo info = s.info();
        return new ClaimsJson.ServerInfo(info == null ? s.serverId() : info.serverName(), s.options().host(),
                s.serverId(), ServerInfo.REFERENCE_VERSION, s.options().jetStream(), 0, seq.incrementAndGet(),
                Instant.now().toString());
    }

    @Override
    public void stop() {
        ScheduledExecutorService w = worker;
        if (w != null) {
            w.shutdownNow();
        }
        closeQuietly(remoteCheck);
        closeQuietly(clusterLookup);
        closeQuietly(claimImports);
        sys = null;
        JwtAuthenticator j = jwt;
        if (j != null) {
            j.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Close failed: {}", e.toString());
        }
    }
}
