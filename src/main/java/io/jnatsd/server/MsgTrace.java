package io.jnatsd.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;
import io.jnatsd.account.Subscription;
import io.jnatsd.auth.ClientPermissions;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.SublistResult;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Twin of the {@code msgTrace} struct of {@code server/msgtrace.go}: the trace of one message on
 * this server. It collects the events (ingress, subject mapping, service imports, stream exports,
 * JetStream, one egress per connection reached) while the message is delivered, and publishes
 * them once as the reference's {@code MsgTraceEvent} on the trace destination.
 *
 * <p>Design note: the trace rides on the message ({@link PubArgs#trace()}) through the one
 * delivery engine; {@link MessageRouter} hands a traced delivery to {@link #deliverTo}, which
 * records the egress. An internal subscription's handler (an import, a stream) reads it with
 * {@link #current()} and passes it on, or not, as the reference decides with {@code allow_trace}.
 *
 * <p>Threading: built and filled on the thread that delivers the message; only the JetStream
 * event is completed on the stream's thread, and the event is sent by whichever side ends last.
 */
public final class MsgTrace {

    /** The reference's connection kinds ({@code CLIENT}, {@code ROUTER}). */
    public static final int KIND_CLIENT = 0;
    public static final int KIND_ROUTER = 1;
    /** The reference's {@code MsgTraceProto}: the route protocol level that understands tracing. */
    public static final int TRACE_PROTO = 3;
    public static final String ERR_ONLY_NO_SUPPORT = "Not delivered because remote does not support message tracing";
    public static final String ERR_NO_SUPPORT =
            "Message delivered but remote does not support message tracing so no trace event generated from there";
    static final String ERR_NO_ECHO = "Not delivered because of no echo";
    static final String ERR_SUB_DENY = "Not delivered because subscription denies this subject";
    static final String ERR_CLIENT_CLOSED = "Not delivered because client is closed";
    static final String ERR_AUTO_UNSUB = "Not delivered because auto-unsubscribe exceeded";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<MsgTrace> CURRENT = new ThreadLocal<>();

    private final NatsServer server;
    private final Account account;
    private final String dest;
    private final boolean traceOnly;
    private final boolean skip;
    private final String hop;
    private final String ingressAccount;
    private final ObjectNode request;
    private final ArrayNode events = JSON.createArrayNode();
    private final AtomicInteger ready = new AtomicInteger();
    private int hops;
    private String nextHop;
    private volatile ObjectNode jetStream;

    private MsgTrace(NatsServer server, Account account, String dest, boolean traceOnly, boolean skip, String hop,
                     ObjectNode request) {
        this.server = server;
        this.account = account;
        this.dest = dest;
        this.traceOnly = traceOnly;
        this.skip = skip;
        this.hop = hop == null ? "" : hop;
        this.ingressAccount = account == null ? "" : account.name();
        this.request = request;
    }

    /** A message that must not be processed at all (a trace-only message whose trace cannot be made). */
    static MsgTrace skipping() {
        return new MsgTrace(null, null, null, true, true, null, null);
    }

    /** A trace whose ingress event names the connection that brought the message in. */
    static MsgTrace begin(NatsServer server, Account account, String dest, boolean traceOnly, String hop,
                          ObjectNode request, int kind, long cid, String name, String subject) {
        MsgTrace t = new MsgTrace(server, account, dest, traceOnly, false, hop, request);
        ObjectNode in = t.event("in");
        in.put("kind", kind).put("cid", cid);
        putIfSet(in, "name", name);
        in.put("acc", account.name()).put("subj", subject);
        return t;
    }

    /**
     * The trace of the message whose internal subscription handler runs on this thread, or null.
     * Thread-confined.
     */
    public static MsgTrace current() {
        return CURRENT.get();
    }

    /** Whether the message is only traced, not delivered ({@code Nats-Trace-Only}). Any thread. */
    public boolean traceOnly() {
        return traceOnly;
    }

    /**
     * Delivers a client's published message with this trace attached, then sends the event.
     * Publisher's event loop.
     *
     * @return how many subscriptions took it (a trace-only delivery counts as taken)
     */
    int deliverPublished(ClientConnection publisher, Account acc, SublistResult<Subscription> matches, PubArgs msg,
                         boolean echo, PendingFlushes flushes) {
        if (skip) {
            return 1;
        }
        ClusterLink cl = publisher.server().clusterLink();
        msg.trace(this);
        try {
            return cl == null ? MessageRouter.deliver(matches, msg, publisher, echo, flushes)
                    : cl.deliver(acc, matches, msg, publisher, echo, flushes);
        } finally {
            msg.trace(null);
            end();
        }
    }

    /**
     * Runs {@code delivery} with this trace attached to {@code msg} (a message that came from a
     * route), then sends the event. The connection's thread.
     */
    public void deliverRouted(PubArgs msg, Runnable delivery) {
        if (skip) {
            return;
        }
        msg.trace(this);
        try {
            delivery.run();
        } finally {
            msg.trace(null);
            end();
        }
    }

    /** One traced delivery to a subscription (the reference's {@code deliverMsg} with a trace). */
    boolean deliverTo(Subscription sub, PubArgs msg, PendingFlushes flushes) {
        Object owner = sub.owner();
        if (owner instanceof InternalConnection internal) {
            if (!sub.claimDelivery()) {
                return false;
            }
            MsgTrace previous = CURRENT.get();
            CURRENT.set(this);
            try {
                return internal.deliver(sub, msg, flushes) >= 0;
            } finally {
                CURRENT.set(previous);
            }
        }
        if (!(owner instanceof ClientConnection client)) {
            return sub.claimDelivery() && ((Connection) owner).deliver(sub, msg, flushes) >= 0;
        }
        ClientPermissions perms = client.permissions();
        if (perms != null && sub.deliveryFiltered() && perms.deliveryDenied(msg.subject())) {
            addEgress(client, sub, ERR_SUB_DENY);
            return false;
        }
        if (traceOnly) {
            addEgress(client, sub, null);
            return true;
        }
        if (!sub.claimDelivery()) {
            addEgress(client, sub, ERR_AUTO_UNSUB);
            return false;
        }
        int status = client.deliver(sub, msg, flushes);
        addEgress(client, sub, status < 0 ? ERR_CLIENT_CLOSED : null);
        return status >= 0;
    }

    /** The publisher's own subscription, skipped because it asked for no echo. */
    static void noEcho(PubArgs msg, Subscription sub) {
        if (msg.trace() instanceof MsgTrace t && sub.owner() instanceof ClientConnection client) {
            t.addEgress(client, sub, ERR_NO_ECHO);
        }
    }

    private void addEgress(ClientConnection client, Subscription sub, String error) {
        ObjectNode eg = event("eg");
        eg.put("kind", KIND_CLIENT).put("cid", client.connectionId());
        putIfSet(eg, "name", client.connectOptions().name);
        putIfSet(eg, "hop", takeNextHop());
        String acc = client.account().name();
        if (!acc.equals(ingressAccount)) {
            eg.put("acc", acc);
        }
        eg.put("sub", sub.subject());
        putIfSet(eg, "queue", sub.queue());
        putIfSet(eg, "error", error);
    }

    /**
     * An egress to a route, gateway or leaf connection ({@code kind}), named by the remote
     * server, with the hop id it was sent with. The delivering thread.
     */
    public void addEgress(int kind, long cid, String name, String error) {
        ObjectNode eg = event("eg");
        eg.put("kind", kind).put("cid", cid);
        putIfSet(eg, "name", name);
        putIfSet(eg, "hop", takeNextHop());
        putIfSet(eg, "error", error);
    }

    /**
     * The hop id of the next copy sent to another server ({@code setHopHeader}): the count of
     * copies so far, after this server's own hop id. The delivering thread.
     */
    public String nextHop() {
        hops++;
        nextHop = hop.isEmpty() ? Integer.toString(hops) : hop + "." + hops;
        return nextHop;
    }

    private String takeNextHop() {
        String h = nextHop;
        nextHop = null;
        return h;
    }

    /** The account's mapping sent the message to {@code to}. */
    void addMapping(String to) {
        event("sm").put("to", to);
    }

    /** A service import took the message from {@code from} to {@code to} in account {@code acc}. */
    public void addServiceImport(String acc, String from, String to) {
        event("si").put("acc", acc).put("from", from).put("to", to);
    }

    /** A stream import took the message to {@code to} in the importing account {@code acc}. */
    public void addStreamExport(String acc, String to) {
        event("se").put("acc", acc).put("to", to);
    }

    /**
     * A stream took the message in; the event is sent only once the stream has also ended
     * ({@link #endJetStream}). The delivering thread.
     */
    public void addJetStream(String stream) {
        ObjectNode js = event("js");
        js.put("stream", stream);
        jetStream = js;
    }

    /** The stream's view: the subject it stores under and whether interest retention skips it. Stream thread. */
    public void updateJetStream(String subject, boolean noInterest) {
        ObjectNode js = jetStream;
        if (js == null) {
            return;
        }
        js.put("ts", GoTimes.format(Instant.now()));
        putIfSet(js, "subject", subject);
        if (noInterest) {
            js.put("nointerest", true);
        }
    }

    /** The stream is done with the message ({@code sendEventFromJetStream}). Stream thread. */
    public void endJetStream(String error) {
        ObjectNode js = jetStream;
        if (js == null) {
            return;
        }
        putIfSet(js, "error", error);
        send();
    }

    /** The delivering side is done: sends the event now, or leaves it to the stream. */
    void end() {
        send();
    }

    private void send() {
        if (jetStream != null && ready.incrementAndGet() != 2) {
            return;
        }
        ObjectNode event = JSON.createObjectNode();
        event.set("server", serverInfo());
        event.set("request", request);
        if (hops > 0) {
            event.put("hops", hops);
        }
        event.set("events", events);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        MsgTrace previous = CURRENT.get();
        CURRENT.remove();
        try {
            server.createInternalConnection(account).publish(dest, null, null, body);
        } finally {
            if (previous != null) {
                CURRENT.set(previous);
            }
        }
    }

    private ObjectNode serverInfo() {
        ObjectNode si = JSON.createObjectNode();
        ServerInfo info = server.info();
        si.put("name", info == null ? server.serverId() : info.serverName());
        si.put("host", server.options().host());
        si.put("id", server.serverId());
        if (server.options().cluster() != null && server.options().cluster().name() != null) {
            si.put("cluster", server.options().cluster().name());
        }
        si.put("ver", ServerInfo.REFERENCE_VERSION);
        si.put("jetstream", server.options().jetStream());
        si.put("time", GoTimes.format(Instant.now()));
        return si;
    }

    private ObjectNode event(String type) {
        ObjectNode e = events.addObject();
        e.put("type", type).put("ts", GoTimes.format(Instant.now()));
        return e;
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(field, value);
        }
    }

    /**
     * Runs {@code action} with no trace current: an import that does not let the trace cross
     * republishes through it. Thread-confined.
     */
    public static void untraced(Runnable action) {
        MsgTrace previous = CURRENT.get();
        if (previous == null) {
            action.run();
            return;
        }
        CURRENT.remove();
        try {
            action.run();
        } finally {
            CURRENT.set(previous);
        }
    }
}
