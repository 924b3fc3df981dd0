package io.jnatsd.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jnatsd.account.Account;
import io.jnatsd.account.Subscription;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.ClientPermissions;
import io.jnatsd.auth.PublishPermissionCache;
import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.DeferredCheck;
import io.jnatsd.auth.Identity;
import io.jnatsd.auth.Nonces;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.Ops;
import io.jnatsd.protocol.ParseFailure;
import io.jnatsd.protocol.ProtocolErrors;
import io.jnatsd.protocol.ProtocolHandler;
import io.jnatsd.protocol.ProtocolParser;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.Subjects;
import io.jnatsd.subject.SublistResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Twin of the CLIENT kind of {@code server/client.go}: one application connection speaking
 * the client protocol. It is the parser's {@link ProtocolHandler}: CONNECT, PUB, SUB, UNSUB,
 * PING and PONG land here, and a PUB goes on to the {@link MessageRouter}.
 *
 * <p>Event loop only, except where a method says otherwise (delivery and slow-consumer
 * notices arrive from publishers' threads).
 */
public final class ClientConnection extends NetworkConnection implements ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    /** INFO from a client is only checked to be JSON, as the reference's processInfo does for clients. */
    private static final ObjectMapper INFO_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final NatsServer server;
    /** The options this client runs with; a reload replaces them on this client's event loop. */
    private ServerOptions options;
    private final ProtocolParser parser;
    private final PendingFlushes flushes = new PendingFlushes();
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private SubjectMatchCache<Subscription> matchCache;
    /** Null unless the user has permissions; read by publishers' threads when they deliver requests. */
    private volatile ClientPermissions permissions;
    /** Null unless publishes are checked. */
    private PublishPermissionCache publishPermissions;
    /** Whether this connection was counted in its account's connections. */
    private boolean countedInAccount;
    private boolean connectAnnounced;
    /** Null without clustering: then delivery is local only, and this null check is all it costs. */
    private final ClusterLink cluster;
    private volatile String logPrefix;
    private final ClientKeepAlive keepAlive;
    /** Null unless -V: the protocol tracer; read by publishers' threads when they deliver. */
    private volatile ProtocolTrace trace;
    private Authenticator authenticator;
    /** Closes a client that has not sent CONNECT in time when auth is required; null once cancelled. */
    private ScheduledFuture<?> authTimer;
    private Account account;
    /** Subscriptions allowed at once: the server's max_subscriptions, or a user JWT's when lower. */
    private long subscriptionLimit;
    private ConnectOptions connectOptions = new ConnectOptions();
    private boolean connectReceived;
    /** The nonce INFO carried for the client to sign, or null. */
    private String nonce;
    /** Whether INFO went out: at once, or after the handshake with TLS first. */
    private boolean started;
    /** Whether this client takes HMSG; read by publishers' threads when they deliver. */
    private volatile boolean receivesHeaders;
    private boolean firstPongSent;
    private volatile ConnectionState state = ConnectionState.OPEN;
    private volatile String closeReason;
    private long batchInMsgs;
    private long batchInBytes;
    private long batchDeliveries;
    private long batchDeliveredBytes;
    private final Instant startTime = Instant.now();
    private final long startNanos = System.nanoTime();
    private long pingSentNanos;
    private volatile long rttNanos;
    private volatile Instant stopTime;

    ClientConnection(long id, Channel channel, NatsServer server, Account account) {
        super(id, channel, server.options().maxPendingBytes(), server.options().writeDeadline().toNanos());
        this.server = server;
        this.options = server.options();
        this.account = account;
        this.parser = new ProtocolParser(this, options.maxControlLine(), options.maxPayload());
        parser.setPedantic(connectOptions.pedantic);
        this.matchCache = new SubjectMatchCache<>(account.sublist());
        this.cluster = server.clusterLink();
        this.subscriptionLimit = options.maxSubscriptions() > 0 ? options.maxSubscriptions() : Long.MAX_VALUE;
        this.logPrefix = ProxyProtocol.remoteAddress(channel) + " - cid:" + id + " - ";
        this.trace = ProtocolTrace.ifEnabled(options.trace(), logPrefix);
        this.keepAlive = new ClientKeepAlive(this, channel.eventLoop(), options);
        this.authenticator = server.authenticator();
        parser.setConnectRequired(authenticator.required());
    }

    ProtocolParser parser() {
        return parser;
    }

    /** Lowers the subscriptions allowed at once (a user JWT's limit). Event loop only. */
    void lowerSubscriptionLimit(long max) {
        subscriptionLimit = Math.min(subscriptionLimit, max);
    }

    PendingFlushes flushes() {
        return flushes;
    }

    ConnectOptions connectOptions() {
        return connectOptions;
    }

    NatsServer server() {
        return server;
    }

    ConnectionState state() {
        return state;
    }

    String closeReason() {
        return closeReason;
    }

    Account account() {
        return account;
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    long inMsgs() {
        return inMsgs;
    }

    long inBytes() {
        return inBytes;
    }

    /**
     * Sends INFO and starts the keep-alive; called once the channel is active. Behind a PROXY
     * header the socket's peer is the proxy, so the first INFO leaves {@code client_ip} out.
     */
    void start() {
        if (started) {
            return;
        }
        started = true;
        String ip = options.proxyProtocol() ? null : clientIp();
        nonce = authenticator.needsNonce() ? Nonces.generate() : null;
        outbound.appendProto(server.info().encodeForClient(id, ip, nonce, null));
        outbound.flush();
        keepAlive.start();
        countedInAccount = account.tryAddClient();
        if (authenticator.required() && authenticator.noAuthUser() == null) {
            authTimer = channel.eventLoop().schedule(this::onAuthTimeout, authenticator.timeoutNanos(),
                    TimeUnit.NANOSECONDS);
        }
        LOG.debug("{}Client connection created", logPrefix);
    }

    /**
     * The TLS handshake ended: a failure closes the connection, as {@code doTLSHandshake}
     * does; a success sends INFO if it waited for the handshake. Event loop only.
     */
    void onTlsHandshake(SslHandshakeCompletionEvent handshake) {
        if (!handshake.isSuccess()) {
            Throwable cause = handshake.cause();
            if (TlsNegotiator.isProbe(cause)) {
                LOG.debug("{}TLS handshake error: {}", logPrefix, cause.getMessage());
            } else {
                LOG.error("{}TLS handshake error: {}", logPrefix, cause == null ? "" : cause.getMessage());
            }
            close("TLS Handshake Failure");
            return;
        }
        LOG.debug("{}TLS handshake complete", logPrefix);
        start();
    }

    /** A PROXY header named the real client: log with its address from now on. Event loop only. */
    void onProxyHeaderRead() {
        logPrefix = ProxyProtocol.remoteAddress(channel) + " - cid:" + id + " - ";
    }

    String clientIp() {
        InetSocketAddress a = ProxyProtocol.peer(channel);
        return a == null ? null : a.getAddress().getHostAddress();
    }

    @Override
    public int onConnect(ByteBuf buf, int offset, int length) {
        if (trace != null) {
            trace.inConnect(buf.toString(offset, length, StandardCharsets.UTF_8));
        }
        cancelAuthTimer();
        ConnectOptions parsed;
        try {
            parsed = ConnectOptions.readOver(connectOptions, buf, offset, length);
        } catch (IOException | RuntimeException e) {
            return closeSilently("CONNECT: " + e.getMessage(), "Protocol Violation");
        }
        connectOptions = parsed;
        connectReceived = true;
        boolean headers = !options.noHeaderSupport() && parsed.headers;
        receivesHeaders = headers;
        parser.setHeadersEnabled(headers);
        parser.setPedantic(parsed.pedantic);
        // The reference's order: credentials, then the account designation, then the protocol checks.
        if (authenticator.required()) {
            ClientCredentials creds = new ClientCredentials(parsed.user, parsed.password, parsed.authToken,
                    parsed.nkey, parsed.signature, parsed.jwt, nonce,
                    server.clientTls() == null ? List.of() : TlsNegotiator.peerCertificates(channel), clientIp());
            Optional<Identity> who = authenticator.authenticate(creds);
            DeferredCheck deferred = server.deferredCheckFor(creds, who);
            if (deferred != null) {
                return ConnectAdmission.askDeferred(this, deferred, creds);
            }
            if (who.isEmpty()) {
                return authViolation(parsed);
            }
            if (!admit(who.get())) {
                return STOP;
            }
        }
        return finishConnect();
    }

    /** Binds an authenticated client to its account, permissions and limits; false when it was closed. */
    boolean admit(Identity who) {
        if (connectOptions.user == null || connectOptions.user.isEmpty()) {
            connectOptions.user = who.name();
        }
        parser.setConnectRequired(false);
        if (!bindUser(who)) {
            return false;
        }
        ConnectAdmission.applyUserLimits(this, who);
        return true;
    }

    /** The checks of CONNECT after its credentials, as {@code processConnect} makes them. */
    int finishConnect() {
        ConnectOptions parsed = connectOptions;
        if (parsed.newAccount || parsed.account != null && !parsed.account.isEmpty()) {
            // Choosing an account in CONNECT was a sandbox feature; the reference now refuses it.
            return authViolation(parsed);
        }
        if (parsed.protocol < ConnectOptions.PROTOCOL_ORIGINAL || parsed.protocol > ConnectOptions.PROTOCOL_INFO) {
            return closeWithError(ProtocolErrors.INVALID_CLIENT_PROTOCOL, "Bad Client Protocol Version");
        }
        if (parsed.noResponders && !receivesHeaders) {
            return closeWithError(ProtocolErrors.NO_RESPONDERS_REQUIRES_HEADERS, "No Responders Requires Headers");
        }
        if (parsed.verbose) {
            sendProto(Ops.OK);
        }
        keepAlive.onConnectReceived();
        announceConnect();
        return CONTINUE;
    }

    /**
     * An op came before CONNECT on a server that wants credentials: the {@code no_auth_user},
     * when there is one, is assumed (so telnet demos work, as in the reference); else the client
     * is refused.
     */
    @Override
    public int onOpBeforeConnect() {
        String noAuthUser = authenticator.noAuthUser();
        if (noAuthUser == null) {
            return authViolation(connectOptions);
        }
        cancelAuthTimer();
        connectReceived = true;
        connectOptions.user = noAuthUser;
        parser.setConnectRequired(false);
        if (!bindUser(Identity.of(noAuthUser))) {
            return STOP;
        }
        announceConnect();
        return CONTINUE;
    }

    /**
     * Puts the authenticated {@code user} in its account with its permissions (the reference's
     * {@code registerWithAccount} and {@code setPermissions}); refuses it when the account is full.
     *
     * @return false when the connection was closed
     */
    private boolean bindUser(Identity who) {
        ClientBinding binding = who.permissions() == null ? ClientBinding.of(server.accountRegistry(), who.name())
                : ClientBinding.of(server.accountRegistry(), who.name()).withPermissions(who.permissions());
        // A user JWT names its account; configured users get theirs from the registry.
        Account target = who.account() != null ? server.registerAccount(who.account()) : binding.account();
        if (countedInAccount) {
            // A second CONNECT: the first one's count is given back before the new one is taken.
            countedInAccount = false;
            account.removeClient();
        }
        if (!target.tryAddClient()) {
            closeWithError(ClientBinding.MAX_ACCOUNT_CONNECTIONS_EXCEEDED, "Maximum Account Connections Exceeded");
            return false;
        }
        countedInAccount = true;
        if (target != account) {
            for (Subscription sub : subscriptions.values()) {
                account.sublist().remove(sub.subject(), sub.queue(), sub);
                target.sublist().insert(sub.subject(), sub.queue(), sub);
            }
            account = target;
            matchCache = new SubjectMatchCache<>(account.sublist());
        }
        permissions = binding.permissions();
        publishPermissions = binding.publishCache();
        return true;
    }

    /** Tells the server's client listeners, once, that this client is in (for $SYS CONNECT events). */
    private void announceConnect() {
        if (!connectAnnounced) {
            connectAnnounced = true;
            server.onClientConnected(this);
        }
    }

    /** Logs who failed, never why (which part was wrong), sends the reference's -ERR and closes. */
    int authViolation(ConnectOptions claimed) {
        server.stats().recordAuthFailure();
        if (claimed.user != null && !claimed.user.isEmpty()) {
            LOG.error("{}authentication error - User \"{}\"", logPrefix, claimed.user);
        } else {
            LOG.error("{}authentication error", logPrefix);
        }
        sendError(ProtocolErrors.AUTHORIZATION_VIOLATION);
        close("Authentication Failure");
        return STOP;
    }

    private void onAuthTimeout() {
        authTimer = null;
        if (state.closed() || connectReceived) {
            return;
        }
        server.stats().recordAuthFailure();
        LOG.debug("{}{}", logPrefix, ProtocolErrors.AUTHENTICATION_TIMEOUT);
        sendError(ProtocolErrors.AUTHENTICATION_TIMEOUT);
        close("Authentication Timeout");
    }

    private void cancelAuthTimer() {
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
    }

    @Override
    public int onInfo(ByteBuf buf, int offset, int length) {
        try {
            JsonNode node = INFO_JSON.readTree(buf.toString(offset, length, StandardCharsets.UTF_8));
            if (node != null && !node.isNull() && !node.isObject()) {
                throw new IOException("INFO wants a JSON object, got " + node.getNodeType());
            }
            return CONTINUE;
        } catch (IOException | RuntimeException e) {
            return closeSilently("INFO: " + e.getMessage(), "Protocol Violation");
        }
    }

    @Override
    public int onPub(PubArgs msg) {
        if (trace != null) {
            trace.inPub(msg);
        }
        inMsgs++;
        inBytes += msg.totalSize();
        ConnectOptions opts = connectOptions;
        PublishPermissionCache pubPerms = publishPermissions;
        if (pubPerms != null && !pubPerms.allowed(msg.argBuf(), msg.subjectOffset(), msg.subjectLength())) {
            return ClientBinding.publishViolation(this, msg);
        }
        if (ClientBinding.refusesReserved(this, msg)) {
            return CONTINUE;
        }
        Account acc = account;
        MsgTrace mt = msg.headerSize() > 0 ? MsgTracer.start(this, acc, msg) : null;
        SublistResult<Subscription> matches;
        if (acc.mapper() != null || acc.limits().maxPayload() >= 0) {
            msg = ClientBinding.mapped(this, acc, msg, mt);
            if (msg == null) {
                return STOP;
            }
            matches = acc.sublist().match(msg.subject());
        } else {
            matches = matchCache.match(msg.argBuf(), msg.subjectOffset(), msg.subjectLength());
        }
        if (opts.verbose) {
            sendProto(Ops.OK);
        }
        ClusterLink cl = cluster;
        int delivered = mt != null ? mt.deliverPublished(this, acc, matches, msg, opts.echo, flushes)
                : cl == null ? MessageRouter.deliver(matches, msg, this, opts.echo, flushes)
                : cl.deliver(account, matches, msg, this, opts.echo, flushes);
        batchDeliveries += delivered;
        batchDeliveredBytes += (long) delivered * msg.totalSize();
        if (delivered == 0 && msg.hasReply() && opts.noResponders) {
            NoResponders.reply(this, msg, flushes);
        }
        return CONTINUE;
    }

    /**
     * A read batch ends: publish its counters to the server once (not per message) and note
     * that the client was heard from. Event loop only.
     */
    void endReadBatch() {
        keepAlive.onActivity();
        long msgs = inMsgs - batchInMsgs;
        if (msgs > 0) {
            server.stats().recordInbound(account, msgs, inBytes - batchInBytes, batchDeliveries, batchDeliveredBytes);
            batchInMsgs = inMsgs;
            batchInBytes = inBytes;
            batchDeliveries = 0;
            batchDeliveredBytes = 0;
        }
    }

    @Override
    public void onInvalidPublishSubject() {
        sendError(ProtocolErrors.INVALID_PUBLISH_SUBJECT);
    }

    @Override
    public int onSub(String subject, String queue, String sid) {
        if (trace != null) {
            trace.in("SUB", subject + (queue == null ? "" : " " + queue) + " " + sid);
        }
        ClientPermissions perms = permissions;
        if (perms != null && !perms.canSubscribe(subject, queue)) {
            ClientBinding.subscribeViolation(this, subject, queue, sid);
            return CONTINUE;
        }
        // The reference checks the subject only (its sublist refuses it); any queue name goes.
        if (!Subjects.isValidSubject(subject)) {
            sendError(ProtocolErrors.INVALID_SUBJECT);
            return CONTINUE;
        }
        int maxSubs = ClientBinding.maxSubscriptions(options.maxSubscriptions(), account);
        long limit = maxSubs > 0 ? Math.min(maxSubs, subscriptionLimit) : subscriptionLimit;
        if (subscriptions.size() >= limit) {
            LOG.error("{}{}", logPrefix, ProtocolErrors.MAX_SUBSCRIPTIONS_EXCEEDED);
            sendError(ProtocolErrors.MAX_SUBSCRIPTIONS_EXCEEDED);
            return CONTINUE;
        }
        if (!subscriptions.containsKey(sid)) {
            Subscription sub = new Subscription(this, subject, queue, sid);
            sub.setDeliveryFiltered(perms != null && perms.needsDeliveryFilter(subject));
            subscriptions.put(sid, sub);
            account.sublist().insert(subject, queue, sub);
            if (cluster != null) {
                cluster.onLocalSubscription(account, sub, true);
            }
        }
        if (connectOptions.verbose) {
            sendProto(Ops.OK);
        }
        return CONTINUE;
    }

    @Override
    public int onUnsub(String sid, long maxMsgs) {
        if (trace != null) {
            trace.in("UNSUB", sid + (maxMsgs > 0 ? " " + maxMsgs : ""));
        }
        Subscription sub = subscriptions.get(sid);
        if (sub != null) {
            if (maxMsgs <= 0 || sub.limitTo(maxMsgs)) {
                removeSubscription(sub);
            }
        }
        if (connectOptions.verbose) {
            sendProto(Ops.OK);
        }
        return CONTINUE;
    }

    private void removeSubscription(Subscription sub) {
        if (subscriptions.remove(sub.sid(), sub)) {
            account.sublist().remove(sub.subject(), sub.queue(), sub);
            if (cluster != null) {
                cluster.onLocalSubscription(account, sub, false);
            }
        }
    }

    @Override
    public void onAutoUnsubscribed(Subscription subscription) {
        if (channel.eventLoop().inEventLoop()) {
            removeSubscription(subscription);
        } else {
            channel.eventLoop().execute(() -> removeSubscription(subscription));
        }
    }

    @Override
    public int onPing() {
        if (trace != null) {
            trace.in("PING", null);
        }
        sendProto(Ops.PONG);
        if (connectReceived && !firstPongSent) {
            firstPongSent = true;
            if (connectOptions.protocol >= ConnectOptions.PROTOCOL_INFO) {
                sendProto(server.info().encodeForClient(id, clientIp(), null, account.name()));
            }
        }
        return CONTINUE;
    }

    @Override
    public int onPong() {
        if (trace != null) {
            trace.in("PONG", null);
        }
        keepAlive.onPong();
        if (pingSentNanos != 0) {
            rttNanos = Math.max(1, System.nanoTime() - pingSentNanos);
            pingSentNanos = 0;
        }
        return CONTINUE;
    }

    @Override
    public void onParseFailure(ParseFailure failure, String detail) {
        String text = failure.errText();
        if (failure == ParseFailure.MAX_PAYLOAD) {
            LOG.error("{}{}: {}", logPrefix, ProtocolErrors.MAX_PAYLOAD_VIOLATION, detail);
        } else {
            LOG.error("{}{}", logPrefix, detail);
        }
        if (text != null) {
            sendError(text);
        }
        close(failure == ParseFailure.MAX_PAYLOAD ? "Maximum Payload" : failure == ParseFailure.MAX_CONTROL_LINE
                ? "Maximum Control Line Exceeded" : "Parse Error");
    }

    /** Called when a server-initiated ping finds too many unanswered: stale. */
    void onStale() {
        LOG.debug("{}Stale Client Connection - Closing", logPrefix);
        sendError(ProtocolErrors.STALE_CONNECTION);
        close("Stale Connection");
    }

    /** Sends PING for the keep-alive. */
    void sendPing() {
        if (pingSentNanos == 0) {
            pingSentNanos = System.nanoTime();
        }
        sendProto(Ops.PING);
    }

    /**
     * The monitoring view of this connection; a client that named its language and has no
     * round trip measured yet is pinged so that the next view has one, as the reference's
     * {@code getRTT} does. Event loop only.
     */
    ClientSnapshot snapshot() {
        return snapshot(true);
    }

    /** As {@link #snapshot()}; {@code measureRtt} false never pings (an event taken at CONNECT). */
    ClientSnapshot snapshot(boolean measureRtt) {
        if (measureRtt && rttNanos == 0 && pingSentNanos == 0 && stopTime == null
                && !ConnectOptions.isEmpty(connectOptions.lang)) {
            sendPing();
            flushes.flushAll();
        }
        InetSocketAddress a = ProxyProtocol.peer(channel);
        ConnectOptions o = connectOptions;
        return new ClientSnapshot(id, a == null ? "" : a.getAddress().getHostAddress(), a == null ? 0 : a.getPort(),
                startTime, startTime.plusNanos(keepAlive.lastActivityNanos() - startNanos), stopTime,
                stopTime == null ? "" : closeReason, rttNanos, stopTime == null ? outbound.pendingBytes() : 0,
                inMsgs, outMsgs(), inBytes, outBytes(), ConnectOptions.orEmpty(o.name),
                ConnectOptions.orEmpty(o.lang), ConnectOptions.orEmpty(o.version), account.name(),
                ConnectOptions.orEmpty(o.user), subscriptions.values().stream().map(ClientSnapshot.Sub::of).toList());
    }

    /**
     * Appends MSG or HMSG for {@code msg}; a client that did not ask for headers gets the
     * payload alone, as a MSG (the reference strips the header block for it). Thread-safe.
     */
    @Override
    protected int deliver(Subscription subscription, PubArgs msg, PendingFlushes batch) {
        if (trace != null) {
            trace.out("MSG " + msg.subject() + " " + subscription.sid() + (msg.hasReply() ? " " + msg.reply() : "")
                    + " " + msg.totalSize());
        }
        ClientPermissions perms = permissions;
        if (perms != null && !ClientBinding.onDeliver(perms, subscription, msg)) {
            return Outbound.CLOSED;
        }
        boolean stripHeaders = msg.headerSize() > 0 && !receivesHeaders;
        // The outbound counts what it queues (outMsgs, outBytes), under the lock it takes anyway.
        int status = stripHeaders ? outbound.appendMsgWithoutHeaders(msg, subscription.sidBytes())
                : outbound.appendMsg(msg, subscription.sidBytes());
        return registerAppend(status, batch);
    }

    @Override
    protected void onSlowConsumer(Outbound.SlowConsumerReason reason, long pendingBytes) {
        server.stats().recordSlowConsumer(account);
        String state;
        if (reason == Outbound.SlowConsumerReason.WRITE_DEADLINE) {
            LOG.info("{}Slow Consumer Detected: WriteDeadline of {} exceeded with {} total bytes.", logPrefix,
                    GoDurations.string(options.writeDeadline().toNanos()), pendingBytes);
            state = "Slow Consumer (Write Deadline)";
        } else {
            LOG.info("{}Slow Consumer Detected: MaxPending of {} Exceeded", logPrefix, options.maxPendingBytes());
            state = "Slow Consumer (Pending Bytes)";
        }
        closeReason = state;
        channel.eventLoop().execute(() -> close(state));
    }

    void sendError(String text) {
        byte[] msg = (new String(Ops.ERR_PREFIX, StandardCharsets.US_ASCII) + text + "'\r\n")
                .getBytes(StandardCharsets.UTF_8);
        sendProto(msg);
    }

    /** Queues protocol bytes and makes sure they go out at the end of this batch. */
    void sendProto(byte[] proto) {
        if (trace != null) {
            trace.out(new String(proto, 0, Math.max(0, proto.length - 2), StandardCharsets.UTF_8));
        }
        if (outbound.appendProto(proto) >= 0) {
            flushes.add(outbound);
        }
    }

    int closeWithError(String errText, String reason) {
        LOG.error("{}{}", logPrefix, errText);
        sendError(errText);
        close(reason);
        return STOP;
    }

    private int closeSilently(String logLine, String reason) {
        LOG.error("{}{}", logPrefix, logLine);
        close(reason);
        return STOP;
    }

    /**
     * Flushes what is queued, then closes the channel; the rest of the clean-up runs in
     * {@link #onChannelClosed()}. Event loop only; idempotent.
     */
    void close(String reason) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        state = ConnectionState.CLOSED;
        if (closeReason == null) {
            closeReason = reason;
        }
        flushes.flushAll();
        outbound.flush();
        channel.close();
    }

    /**
     * A reload changed the server's options (the per-client part of {@code maxPayloadOption},
     * {@code maxControlLineOption}, {@code pingIntervalOption}, {@code writeDeadlineOption} and
     * {@code reloadClientTraceLevel} in {@code server/reload.go}). Event loop only.
     */
    void onOptionsReloaded(ServerOptions next) {
        if (state.closed()) {
            return;
        }
        options = next;
        parser.setMaxPayload(next.maxPayload());
        parser.setMaxControlLine(next.maxControlLine());
        keepAlive.reconfigure(next);
        outbound.setWriteDeadlineNanos(next.writeDeadline().toNanos());
        trace = ProtocolTrace.ifEnabled(next.trace(), logPrefix);
    }

    /** A reload changed users' permissions: this client takes its user's new ones. Event loop only. */
    void onPermissionsReloaded() {
        if (state.closed() || !connectReceived) {
            return;
        }
        ClientBinding binding = ClientBinding.of(server.accountRegistry(), connectOptions.user);
        permissions = binding.permissions();
        publishPermissions = binding.publishCache();
    }

    /**
     * A reload changed who may connect: the per-client part of {@code reloadAuthorization}. A
     * client whose user is no longer listed is closed, as the reference closes clients that
     * "moved" account; one whose credentials no longer pass gets the authorization violation.
     * Event loop only.
     */
    void onAuthorizationReloaded(Authenticator next, io.jnatsd.auth.AuthOptions nextOptions) {
        authenticator = next;
        if (state.closed() || !connectReceived) {
            return;
        }
        ConnectOptions o = connectOptions;
        String user = o.user;
        if (user != null && !user.isEmpty() && nextOptions.users().stream().noneMatch(u -> user.equals(u.user()))) {
            LOG.debug("{}User \"{}\" is gone after a reload - Closing", logPrefix, user);
            close("Client Closed");
            return;
        }
        boolean sentNothing = ConnectOptions.isEmpty(o.password) && ConnectOptions.isEmpty(o.authToken)
                && user != null && user.equals(next.noAuthUser());
        if (next.required() && !sentNothing && next.authenticate(o.user, o.password, o.authToken).isEmpty()) {
            authViolation(o);
            flushes.flushAll();
        }
    }

    /** The channel is gone: drop subscriptions and buffers. Event loop only. */
    void onChannelClosed() {
        state = ConnectionState.CLOSED;
        if (closeReason == null) {
            closeReason = "Client Closed";
        }
        keepAlive.stop();
        cancelAuthTimer();
        stopTime = Instant.now();
        ClientSnapshot last = snapshot();
        for (Subscription sub : subscriptions.values()) {
            account.sublist().remove(sub.subject(), sub.queue(), sub);
            if (cluster != null) {
                cluster.onLocalSubscription(account, sub, false);
            }
        }
        subscriptions.clear();
        if (countedInAccount) {
            countedInAccount = false;
            account.removeClient();
        }
        parser.release();
        outbound.close();
        server.onClientClosed(this, last);
        LOG.debug("{}Client connection closed: {}", logPrefix, closeReason);
    }

    /** The client's permissions, or null for none. Any thread. */
    ClientPermissions permissions() {
        return permissions;
    }

    String logPrefix() {
        return logPrefix;
    }

    Map<String, Subscription> subscriptions() {
        return subscriptions;
    }
}
