package io.jnatsd.monitor;

import io.jnatsd.account.Account;
import io.jnatsd.account.Subscription;
import io.jnatsd.server.ClientListener;
import io.jnatsd.server.ClientSnapshot;
import io.jnatsd.server.InternalConnection;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerInfo;
import io.jnatsd.server.ServerModule;
import io.jnatsd.server.ServerStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twin of the system account's event and request handling in {@code server/events.go}: an
 * internal client in the system account ({@code $SYS} unless {@code system_account} names
 * another) that publishes {@code $SYS.ACCOUNT.<acc>.CONNECT|DISCONNECT},
 * {@code $SYS.SERVER.<id>.CLIENT.AUTH.ERR} and the {@code $SYS.SERVER.<id>.STATSZ} heartbeat,
 * and answers {@code $SYS.REQ.SERVER.PING[.<EP>]}, {@code $SYS.REQ.SERVER.<id>.<EP>} and
 * {@code $SYS.REQ.ACCOUNT.<acc>.<EP>} with the monitoring endpoints' JSON.
 *
 * <p>Design note: handlers of internal subscriptions run on the publisher's I/O thread, and the
 * answers need connection snapshots taken on I/O threads, so every request and event is handed
 * to one worker thread of this module.
 *
 * <p>Thread-safe.
 */
public final class SystemEvents implements ServerModule, ClientListener {

    private static final Logger LOG = LoggerFactory.getLogger(SystemEvents.class);

    /** The first statsz heartbeat comes after this; the interval doubles up to {@link #STATSZ_INTERVAL}. */
    static final Duration STATSZ_FIRST = Duration.ofMillis(250);
    /** The reference's eventsHBInterval. */
    static final Duration STATSZ_INTERVAL = Duration.ofSeconds(30);
    /** What the reference's AuthenticationViolation closed state says. */
    static final String AUTH_VIOLATION_REASON = "Authentication Failure";
    /** The reference's {@code authErrorAccountEventSubj}, published in the account concerned. */
    static final String ACCOUNT_AUTH_ERROR_SUBJECT = "$SYS.ACCOUNT.CLIENT.AUTH.ERR";

    private final AtomicLong seq = new AtomicLong();
    private final Set<Long> announced = ConcurrentHashMap.newKeySet();
    /** Clients whose refusal was already told to an account ({@link #onClientAuthFailure}). */
    private final Set<Long> toldAccount = ConcurrentHashMap.newKeySet();
    /** Internal connections of the accounts told of auth errors. */
    private final Map<String, InternalConnection> accountConnections = new ConcurrentHashMap<>();
    private final ProcessUsage usage = new ProcessUsage();
    private volatile NatsServer server;
    private volatile InternalConnection sys;
    private volatile ScheduledExecutorService worker;
    private volatile SysRequests requests;
    private volatile ClosedConnections closed;
    private long statszDelayMillis = STATSZ_FIRST.toMillis();

    @Override
    public boolean start(NatsServer server) {
        Account account = server.accountRegistry().system();
        if (account == null) {
            return false;
        }
        this.server = server;
        this.sys = server.createInternalConnection(account);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jnatsd-system-events");
            t.setDaemon(true);
            return t;
        });
        this.closed = new ClosedConnections(ClosedConnections.MAX_CLOSED_CLIENTS_DEFAULT);
        server.addClientListener(closed);
        this.requests = new SysRequests(server, new MonitorEndpoints(server, new MonitorPaths(""), closed));
        subscribeRequests(server.serverId());
        server.addClientListener(this);
        worker.schedule(this::heartbeat, statszDelayMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    private void subscribeRequests(String id) {
        sys.subscribe("$SYS.REQ.SERVER.PING", null, (sub, subject, reply, h, body) -> offload(() -> statsz(reply)));
        for (String ep : SysRequests.SERVER_ENDPOINTS) {
            InternalConnection.MessageHandler handler = (sub, subject, reply, h, body) ->
                    offload(() -> serverRequest(ep, null, reply, body));
            sys.subscribe("$SYS.REQ.SERVER." + id + "." + ep, null, handler);
            sys.subscribe("$SYS.REQ.SERVER.PING." + ep, null, handler);
        }
        for (String ep : SysRequests.ACCOUNT_ENDPOINTS) {
            sys.subscribe("$SYS.REQ.ACCOUNT.*." + ep, null, (sub, subject, reply, h, body) ->
                    offload(() -> serverRequest(ep, accountOf(subject), reply, body)));
        }
        sys.subscribe("$SYS.REQ.ACCOUNT.*.CONNS", null, this::onAccountConns);
    }

    /** Requests and events waiting for the worker (the reference's "System recvQ"); thread-safe. */
    int pendingWork() {
        ScheduledExecutorService w = worker;
        if (!(w instanceof java.util.concurrent.ThreadPoolExecutor t)) {
            return 0;
        }
        int n = 0;
        for (Runnable r : t.getQueue()) {
            if (!(r instanceof java.util.concurrent.Delayed d) || d.getDelay(TimeUnit.NANOSECONDS) <= 0) {
                n++;
            }
        }
        return n;
    }

    private static String accountOf(String subject) {
        String rest = subject.substring("$SYS.REQ.ACCOUNT.".length());
        return rest.substring(0, rest.lastIndexOf('.'));
    }

    private void offload(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("System request dropped: the server is stopping");
        }
    }

    private void serverRequest(String ep, String account, String reply, byte[] body) {
        if (reply == null || reply.isEmpty()) {
            return;
        }
        if (ep.equals("STATSZ")) {
            statsz(reply);
            return;
        }
        try {
            SysEventJson.ApiResponse r = requests.answer(ep, account, body, me());
            if (r != null) {
                publish(reply, r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("System request {} failed: {}", ep, e.toString());
        }
    }

    private void onAccountConns(Subscription sub, String subject, String reply, byte[] h, byte[] body) {
        if (reply == null) {
            return;
        }
        offload(() -> {
            Account a = server.accountRegistry().lookup(accountOf(subject));
            int conns = a == null ? 0 : a.numClients();
            io.jnatsd.account.AccountTraffic t = (a == null ? new Account(accountOf(subject)) : a).traffic();
            publish(reply, new AccountConns("io.nats.server.advisory.v1.account_connections", eventId(),
                    Instant.now(), me(), accountOf(subject), conns, 0, conns,
                    new SysEventJson.DataStats(t.outMsgs(), t.outBytes()),
                    new SysEventJson.DataStats(t.inMsgs(), t.inBytes()), t.slowConsumers()));
        });
    }

    /** Twin of {@code AccountNumConns}. */
    record AccountConns(@com.fasterxml.jackson.annotation.JsonProperty("type") String type,
                        @com.fasterxml.jackson.annotation.JsonProperty("id") String id,
                        @com.fasterxml.jackson.annotation.JsonProperty("timestamp") Instant timestamp,
                        @com.fasterxml.jackson.annotation.JsonProperty("server") SysEventJson.ServerJson server,
                        @com.fasterxml.jackson.annotation.JsonProperty("acc") String account,
                        @com.fasterxml.jackson.annotation.JsonProperty("conns") int conns,
                        @com.fasterxml.jackson.annotation.JsonProperty("leafnodes") int leafnodes,
                        @com.fasterxml.jackson.annotation.JsonProperty("total_conns") int totalConns,
                        @com.fasterxml.jackson.annotation.JsonProperty("sent") SysEventJson.DataStats sent,
                        @com.fasterxml.jackson.annotation.JsonProperty("received") SysEventJson.DataStats received,
                        @com.fasterxml.jackson.annotation.JsonProperty("slow_consumers") long slowConsumers) {
    }

    private void heartbeat() {
        statsz("$SYS.SERVER." + server.serverId() + ".STATSZ");
        statszDelayMillis = Math.min(statszDelayMillis * 2, STATSZ_INTERVAL.toMillis());
        try {
            worker.schedule(this::heartbeat, statszDelayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Statsz heartbeat stopped");
        }
    }

    private void statsz(String subject) {
        if (subject == null || subject.isEmpty()) {
            subject = "$SYS.SERVER." + server.serverId() + ".STATSZ";
        }
        ServerStats st = server.stats();
        int cores = Runtime.getRuntime().availableProcessors();
        int active = 0;
        for (Account a : server.accounts()) {
            if (a.numClients() > 0 || a.sublist().count() > 0) {
                active++;
            }
        }
        SysEventJson.Statsz s = new SysEventJson.Statsz(server.startTime(), ProcessUsage.residentBytes(), cores,
                usage.cpuPercent(), server.numClients(), st.totalConnections(), active, server.numSubscriptions(),
                new SysEventJson.DataStats(st.outMsgs(), st.outBytes()),
                new SysEventJson.DataStats(st.inMsgs(), st.inBytes()), st.slowConsumers(), 1);
        publish(subject, new SysEventJson.ServerStatsMsg(me(), s));
    }

    @Override
    public void onClientConnected(ClientSnapshot c) {
        if (isGlobal(c)) {
            return;
        }
        announced.add(c.cid());
        offload(() -> publish("$SYS.ACCOUNT." + c.account() + ".CONNECT", new SysEventJson.ConnectEvent(
                SysEventJson.CONNECT_TYPE, eventId(), Instant.now(), me(),
                SysEventJson.ClientInfo.of(c, serverName(), false))));
    }

    @Override
    public void onClientAuthFailure(ClientSnapshot c, String account) {
        toldAccount.add(c.cid());
        offload(() -> accountAuthError(c, account));
    }

    @Override
    public void onClientClosed(ClientSnapshot c) {
        boolean wasAnnounced = announced.remove(c.cid());
        boolean accountTold = toldAccount.remove(c.cid());
        if (AUTH_VIOLATION_REASON.equals(c.reason())) {
            offload(() -> publish("$SYS.SERVER." + server.serverId() + ".CLIENT.AUTH.ERR", disconnect(c)));
            if (!accountTold) {
                offload(() -> accountAuthError(c, c.account()));
            }
        } else if (wasAnnounced) {
            offload(() -> publish("$SYS.ACCOUNT." + c.account() + ".DISCONNECT", disconnect(c)));
        }
    }

    /**
     * The reference's {@code sendAccountAuthErrorEvent}: the refusal told in {@code account} itself
     * on {@code $SYS.ACCOUNT.CLIENT.AUTH.ERR}, for its owner. Worker thread only.
     */
    private void accountAuthError(ClientSnapshot c, String account) {
        Account a = account == null ? null : server.accountRegistry().lookup(account);
        if (a == null) {
            return;
        }
        InternalConnection in = accountConnections.computeIfAbsent(a.name(), n -> server.createInternalConnection(a));
        SysEventJson.DisconnectEvent e = new SysEventJson.DisconnectEvent(SysEventJson.DISCONNECT_TYPE, eventId(),
                Instant.now(), me(), SysEventJson.ClientInfo.of(c, serverName(), true)
                        .inAccount(a.name(), serverName(), c.stop() == null ? Instant.now() : c.stop()),
                new SysEventJson.DataStats(c.outMsgs(), c.outBytes()),
                new SysEventJson.DataStats(c.inMsgs(), c.inBytes()), AUTH_VIOLATION_REASON);
        in.publish(ACCOUNT_AUTH_ERROR_SUBJECT, null, null, MonitorJson.compact(e));
    }

    private SysEventJson.DisconnectEvent disconnect(ClientSnapshot c) {
        return new SysEventJson.DisconnectEvent(SysEventJson.DISCONNECT_TYPE, eventId(), Instant.now(), me(),
                SysEventJson.ClientInfo.of(c, serverName(), true),
                new SysEventJson.DataStats(c.outMsgs(), c.outBytes()),
                new SysEventJson.DataStats(c.inMsgs(), c.inBytes()), c.reason());
    }

    private static boolean isGlobal(ClientSnapshot c) {
        return Account.GLOBAL_ACCOUNT_NAME.equals(c.account());
    }

    private void publish(String subject, Object body) {
        InternalConnection c = sys;
        if (c != null) {
            c.publish(subject, null, null, MonitorJson.compact(body));
        }
    }

    private SysEventJson.ServerJson me() {
        return new SysEventJson.ServerJson(serverName(), server.options().host(), server.serverId(),
                ServerInfo.REFERENCE_VERSION, seq.incrementAndGet(), server.options().jetStream(), Instant.now());
    }

    private String serverName() {
        ServerInfo info = server.info();
        return info == null ? server.serverId() : info.serverName();
    }

    private static String eventId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }

    @Override
    public void stop() {
        NatsServer s = server;
        if (s != null) {
            s.removeClientListener(this);
            s.removeClientListener(closed);
        }
        ScheduledExecutorService w = worker;
        if (w != null) {
            w.shutdownNow();
        }
        sys = null;
    }
}
