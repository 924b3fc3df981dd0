package io.jnatsd.cluster.route;

import io.jnatsd.account.Account;
import io.jnatsd.account.Subscription;
import io.jnatsd.protocol.ConnectionKind;
import io.jnatsd.protocol.Ops;
import io.jnatsd.protocol.ParseFailure;
import io.jnatsd.protocol.ProtocolErrors;
import io.jnatsd.protocol.ProtocolHandler;
import io.jnatsd.protocol.ProtocolParser;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.server.MessageRouter;
import io.jnatsd.server.MsgTracer;
import io.jnatsd.server.NetworkConnection;
import io.jnatsd.server.Outbound;
import io.jnatsd.server.PendingFlushes;
import io.jnatsd.server.SubjectMatchCache;
import io.jnatsd.subject.SublistResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Twin of the ROUTER kind of {@code server/client.go} and of {@code server/route.go}'s
 * per-connection half: one route to a peer server. It is the parser's handler for the ops
 * {@code InboundOps} lets a route send: INFO and CONNECT (the handshake), RS+/RS- (the peer's
 * interest, kept in {@link RemoteInterest}), RMSG/HMSG (messages for local subscribers only:
 * one hop), PING/PONG.
 *
 * <p>Event loop only, except {@link #sendInterest}, {@link #sendMsg} and the read-only
 * accessors, which are thread-safe.
 */
public final class RouteConnection extends NetworkConnection implements ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RouteConnection.class);
    /** Longest route control line accepted: the reference has no limit for routes; this only bounds memory. */
    static final int MAX_CONTROL_LINE_BYTES = 1024 * 1024;
    /** Largest routed message accepted: the reference has no limit for routes; this only bounds memory. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    /** The account name left out of RMSG/HMSG on a dedicated route. */
    private static final byte[] NO_ACCOUNT = new byte[0];

    private final RouteModule module;
    private final ProtocolParser parser;
    private final PendingFlushes flushes = new PendingFlushes();
    /** The route's share of the peer's interest. */
    private final RouteRemoteSubs remoteSubs;
    private final Instant startTime = Instant.now();
    private final long startNanos = System.nanoTime();
    private final String logPrefix;
    private SubjectMatchCache<Subscription> localMatches;
    private final NamedQueues namedQueues = new NamedQueues();
    /** The URL this server dialled, null for an accepted route; may be upgraded by a duplicate. */
    private volatile URI url;
    private volatile boolean explicit;
    private volatile boolean solicited;
    private volatile boolean retry;
    private volatile boolean noReconnect;
    private volatile String remoteId = "";
    private volatile String remoteName = "";
    private volatile RouteProtocolJson.PeerInfo peer;
    private volatile boolean peerHeaders;
    private volatile boolean registered;
    private volatile boolean closed;
    private volatile String closeReason;
    private volatile long inMsgs;
    private volatile long inBytes;
    private volatile long lastActivityNanos = System.nanoTime();
    private boolean infoReceived;
    private boolean compressionNegotiated;
    private boolean sendDelayedInfo;
    private volatile String compression = RouteCompression.NOT_SUPPORTED;
    private boolean connectReceived;
    private int pingsOut;
    private long pingSentNanos;
    private volatile long rttNanos;
    private final RouteSlot slot = new RouteSlot();
    private Account pinnedAccountRef;
    /** Dial the pool's next connection once the peer answers our PING (the reference's {@code startNewRoute}). */
    private volatile boolean dialNextOnPong;

    RouteConnection(long id, Channel channel, RouteModule module, URI url, boolean explicit, String account) {
        super(id, channel, module.server().options().maxPendingBytes(),
                module.server().options().writeDeadline().toNanos());
        this.module = module;
        this.url = url;
        this.explicit = explicit;
        this.solicited = url != null;
        this.parser = new ProtocolParser(this, ConnectionKind.ROUTER, MAX_CONTROL_LINE_BYTES, MAX_PAYLOAD_BYTES);
        this.remoteSubs = new RouteRemoteSubs(module.remoteInterest());
        if (account != null) {
            pinTo(account);
        }
        this.logPrefix = address(channel) + " - rid:" + id + " - ";
    }

    private static String address(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(channel.remoteAddress());
    }

    ProtocolParser parser() {
        return parser;
    }

    PendingFlushes flushes() {
        return flushes;
    }

    /**
     * The channel is up: a soliciting server sends CONNECT then INFO, an accepting one INFO
     * only (the reference's {@code createRoute}). A soliciting server configured for compression
     * delays its INFO until it has the peer's, to negotiate compression.
     */
    void start() {
        String mode = module.compressionMode();
        boolean delayInfo = url != null && (RouteCompression.needsCompression(mode) || delaysInfoForPool());
        if (url != null) {
            String[] cred = module.credentialsFor(url);
            outbound.appendProto(RouteProtocolJson.connectLine(cred[0], cred[1], module.server().serverId(),
                    module.headersSupported(), module.clusterName(), module.clusterNameDynamic(),
                    module.tls() != null));
        }
        if (!delayInfo) {
            outbound.appendProto(firstInfo(mode));
        }
        outbound.flush();
        module.timers().start(this);
        LOG.info("{}Route connection created", logPrefix);
    }

    @Override
    public int onConnect(ByteBuf buf, int offset, int length) {
        RouteProtocolJson.PeerConnect c;
        try {
            c = RouteProtocolJson.readConnect(buf.toString(offset, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return closeWith(null, "CONNECT: " + e.getMessage(), "Protocol Violation");
        }
        if (!c.lang().isEmpty()) {
            return closeWith("attempted to connect to route port", "attempted to connect to route port",
                    "Incorrect Port");
        }
        if (!c.gateway().isEmpty()) {
            String text = "Rejecting connection from gateway \"" + c.gateway() + "\" on the Route port";
            return closeWith(text, text, "Wrong Gateway");
        }
        if (!module.authorize(c.user(), c.pass())) {
            return closeWith(ProtocolErrors.AUTHORIZATION_VIOLATION, ProtocolErrors.AUTHORIZATION_VIOLATION,
                    "Authentication Failure");
        }
        if (!c.cluster().equals(module.clusterName()) && !module.adoptClusterName(c.cluster(), c.dynamic(), this)) {
            String text = "Rejecting connection, cluster name \"" + c.cluster() + "\" does not match \""
                    + module.clusterName() + "\"";
            return closeWith(text, text, "Cluster Name Conflict");
        }
        connectReceived = true;
        remoteId = c.name();
        peerHeaders = module.headersSupported() && c.headers();
        return CONTINUE;
    }

    /** Whether this accepted route still owes CONNECT (the auth timer checks it). */
    boolean awaitingConnect() {
        return url == null && !connectReceived && !closed;
    }

    @Override
    public int onInfo(ByteBuf buf, int offset, int length) {
        RouteProtocolJson.PeerInfo info;
        try {
            info = RouteProtocolJson.readInfo(buf.toString(offset, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return closeWith(null, "INFO: " + e.getMessage(), "Protocol Violation");
        }
        if (info.id().equals(module.server().serverId())) {
            remoteId = info.id();
            noReconnect = true;
            LOG.debug("{}Detected route to self, ignoring \"{}\"", logPrefix, url);
            close("Duplicate Route");
            return STOP;
        }
        if (!info.cluster().isEmpty() && !info.cluster().equals(module.clusterName())
                && !module.adoptClusterName(info.cluster(), info.dynamic(), this)) {
            close("Cluster Name Conflict");
            return STOP;
        }
        if (infoReceived && !info.accountMoveId().isEmpty()) {
            module.accountMoves().onPeerNotice(this, info);
            return CONTINUE;
        }
        if (infoReceived) {
            return onAsyncInfo(info);
        }
        if (url == null && !info.name().isEmpty() && info.name().equals(module.serverName())) {
            LOG.error("{}Remote server has a duplicate name: \"{}\"", logPrefix, info.name());
            close("Duplicate Server Name");
            return STOP;
        }
        if (!negotiateCompression(info)) {
            return closed ? STOP : CONTINUE;
        }
        if (!RouteCompression.needsCompression(module.compressionMode())) {
            sendDelayedInfo = solicited && delaysInfoForPool();
        }
        if (!solicited && !info.routeAccount().isEmpty()) {
            pinTo(info.routeAccount());
        }
        infoReceived = true;
        peer = info;
        remoteId = info.id();
        remoteName = info.name();
        peerHeaders = module.headersSupported() && info.headers();
        if (url == null) {
            url = URI.create("nats-route://" + hostPort(info.host(), info.port()) + "/");
        }
        RouteRegistry.Admission admission = module.registry().register(this, info, module.pool());
        if (admission.outcome() != RouteRegistry.Outcome.REGISTERED) {
            return refuse(admission, info.id());
        }
        registered = true;
        if (sendDelayedInfo) {
            outbound.appendProto(firstInfo(RouteCompression.infoMode(module.compressionMode(), compression)));
            outbound.flush();
        }
        if (slot.account() != null) {
            LOG.debug("{}Registering remote route \"{}\" for account \"{}\"", logPrefix, info.id(), slot.account());
        } else {
            LOG.debug("{}Registering remote route \"{}\"", logPrefix, info.id());
        }
        module.onRouteRegistered(this, info, gossipIp(info), admission);
        return CONTINUE;
    }

    /** A connection {@link RouteRegistry} did not take: refused with an error, a duplicate, or one too many. */
    private int refuse(RouteRegistry.Admission admission, String peerId) {
        if (admission.outcome() == RouteRegistry.Outcome.REFUSED) {
            return closeWith(admission.error(), admission.error(), "Protocol Violation");
        }
        if (admission.outcome() == RouteRegistry.Outcome.POOL_FULL) {
            LOG.debug("{}Route pool size reached, closing extra connection to \"{}\"", logPrefix, peerId);
        }
        LOG.debug("{}Detected duplicate remote route \"{}\"", logPrefix, peerId);
        close("Duplicate Route");
        return STOP;
    }

    /** This route is dedicated to {@code account}: protocols on it leave the account name out. */
    private void pinTo(String account) {
        slot.pin(account);
        parser.setAccountInProtocol(false);
    }

    /** A dialling server with pooling sends its INFO once it knows the slot, from the peer's INFO. */
    private boolean delaysInfoForPool() {
        return slot.account() == null && module.pool().pooling();
    }

    /** This server's first INFO on this route: a nonce, and the pool index and pinned account. */
    private byte[] firstInfo(String compressionMode) {
        return module.infoLine(true, compressionMode, new RouteProtocolJson.PoolFields(module.pool().announcedSize(),
                Math.max(slot.index(), 0), slot.account()));
    }

    /**
     * The first INFO's compression step (the reference's {@code negotiateRouteCompression}): picks the
     * mode; when it compresses, sends this server's INFO with the chosen mode (a soliciting server
     * before switching, an accepting one after) and switches both directions to S2 framing.
     *
     * @return true when the handshake goes on with this INFO, false when it waits for the peer's
     *         next (compressed) INFO or the route was closed
     */
    private boolean negotiateCompression(RouteProtocolJson.PeerInfo info) {
        String configured = module.compressionMode();
        if (!RouteCompression.needsCompression(configured)) {
            compression = info.compression().isEmpty() || RouteCompression.NOT_SUPPORTED.equals(configured)
                    ? RouteCompression.NOT_SUPPORTED : RouteCompression.OFF;
            return true;
        }
        sendDelayedInfo = solicited;
        if (compressionNegotiated) {
            return true;
        }
        compressionNegotiated = true;
        String selected;
        try {
            // The reference's first RTT of a route: from its creation to the peer's first INFO.
            rttNanos = System.nanoTime() - startNanos;
            selected = RouteCompression.level(RouteCompression.select(configured, info.compression()), rttNanos,
                    module.rttThresholds());
        } catch (IllegalArgumentException e) {
            closeWith(e.getMessage(), e.getMessage(), "Protocol Violation");
            return false;
        }
        compression = selected;
        if (!RouteCompression.needsCompression(selected)) {
            return true;
        }
        byte[] line = firstInfo(RouteCompression.infoMode(configured, selected));
        if (solicited) {
            outbound.appendProto(line);
            outbound.flush();
        }
        RouteCompression.install(channel, selected);
        if (!solicited) {
            outbound.appendProto(line);
            outbound.flush();
        }
        LOG.debug("{}Route compression negotiated: {}", logPrefix, selected);
        return false;
    }

    /** The compression mode in use on this route ({@code not supported}, {@code off}, {@code s2_fast}, ...). */
    public String compression() {
        return compression;
    }

    /** The address other servers should dial for this peer: its advertised {@code ip}, else what we see. */
    private String gossipIp(RouteProtocolJson.PeerInfo info) {
        if (!info.ip().isEmpty()) {
            return info.ip();
        }
        if (channel.remoteAddress() instanceof InetSocketAddress a) {
            return "nats-route://" + hostPort(a.getAddress().getHostAddress(), info.port()) + "/";
        }
        return url.toString();
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** An INFO after the first: another server (gossip), or this peer's lame duck notice. */
    private int onAsyncInfo(RouteProtocolJson.PeerInfo info) {
        if (!remoteId.isEmpty() && !remoteId.equals(info.id())) {
            module.solicitor().connectImplicit(info);
            return CONTINUE;
        }
        if (info.lameDuck()) {
            peer = info;
            module.onPeerLameDuck(this);
        }
        return CONTINUE;
    }

    @Override
    public int onRemoteSub(ByteBuf buf, int offset, int length, boolean withOrigin) {
        String[] args = buf.toString(offset, length, StandardCharsets.ISO_8859_1).trim().split("[ \t\r\n]+");
        String pinned = slot.account();
        int off = (withOrigin ? 1 : 0) + (pinned == null ? 1 : 0);
        if (args.length != 1 + off && args.length != 3 + off) {
            LOG.error("{}processRemoteSub Parse Error: '{}'", logPrefix, String.join(" ", args));
            close("Protocol Violation");
            return STOP;
        }
        String accountName = pinned == null ? args[off - 1] : pinned;
        String subject = args[off];
        String queue = args.length == 3 + off ? args[off + 1] : null;
        int weight = queue == null ? 0 : Math.max(1, parseWeight(args[off + 2]));
        Account account = module.lookupAccount(accountName);
        if (account == null) {
            // The reference logs this at error level; Go peers announce their $SYS interest on every route,
            // which this build has no account for, so it would be noise here.
            LOG.debug("{}Unknown account \"{}\" for remote subject \"{}\"", logPrefix, accountName, subject);
            return CONTINUE;
        }
        if (!module.permissions().canExport(subject)) {
            LOG.debug("{}Can not export \"{}\", ignoring remote subscription request", logPrefix, subject);
            return CONTINUE;
        }
        if (pinned == null && !slot.noPool() && module.accountMoves().isMoving(accountName)) {
            // The account moves to dedicated routes (a reload): its interest comes there, not here.
            return CONTINUE;
        }
        try {
            remoteSubs.add(this, accountName, subject, queue, weight);
        } catch (RuntimeException invalid) {
            LOG.error("{}Could not insert subscription: {}", logPrefix, invalid.getMessage());
        }
        return CONTINUE;
    }

    private static int parseWeight(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public int onRemoteUnsub(ByteBuf buf, int offset, int length, boolean withOrigin) {
        String[] args = buf.toString(offset, length, StandardCharsets.ISO_8859_1).trim().split("[ \t\r\n]+");
        String pinned = slot.account();
        int off = (withOrigin ? 1 : 0) + (pinned == null ? 1 : 0);
        if (args.length != 1 + off && args.length != 2 + off) {
            LOG.error("{}processRemoteUnsub parse error: '{}'", logPrefix, String.join(" ", args));
            close("Protocol Violation");
            return STOP;
        }
        remoteSubs.remove(pinned == null ? args[off - 1] : pinned, args[off],
                args.length == 2 + off ? args[off + 1] : null);
        return CONTINUE;
    }

    /**
     * A message from the peer: to local plain subscribers, and to the local queue groups the
     * peer named (the reference's {@code processInboundRoutedMsg} with {@code pa.queues}); never on
     * to another route.
     */
    @Override
    public int onRoutedMsg(PubArgs msg) {
        inMsgs++;
        inBytes += msg.totalSize();
        Account account = msg.accountLength() == 0 ? resolvedPinnedAccount()
                : module.lookupAccount(msg.argBuf(), msg.accountOffset(), msg.accountLength());
        if (account == null) {
            LOG.debug("{}Unknown account \"{}\" for routed message on subject: \"{}\"", logPrefix, msg.account(),
                    msg.subject());
            return CONTINUE;
        }
        if (msg.headerSize() <= 0 || !MsgTracer.deliverRouted(module.server(), this, remoteName, account, msg,
                () -> deliverLocally(account, msg))) {
            deliverLocally(account, msg);
        }
        return CONTINUE;
    }

    private void deliverLocally(Account account, PubArgs msg) {
        SubjectMatchCache<Subscription> cache = localMatches;
        if (cache == null || cache.sublist() != account.sublist()) {
            cache = new SubjectMatchCache<>(account.sublist());
            localMatches = cache;
        }
        SublistResult<Subscription> matches = cache.match(msg.argBuf(), msg.subjectOffset(), msg.subjectLength());
        if (matches.isEmpty()) {
            return;
        }
        PubArgs local = JsAckDeliver.remap(msg);
        MessageRouter.deliverPlain(matches, local, this, true, flushes);
        if (msg.queuesLength() > 0) {
            deliverToNamedQueues(matches, msg, local);
        }
    }

    /** The queue names are read from {@code msg}; {@code local} is what the members get. */
    private void deliverToNamedQueues(SublistResult<Subscription> matches, PubArgs msg, PubArgs local) {
        namedQueues.resolve(matches, msg.argBuf(), msg.queuesOffset(), msg.queuesLength());
        for (int i = 0; i < namedQueues.count(); i++) {
            MessageRouter.deliverToQueueGroup(matches, namedQueues.group(i), local, this, true, flushes);
        }
    }

    @Override
    public int onSub(String subject, String queue, String sid) {
        return CONTINUE;
    }

    @Override
    public int onUnsub(String sid, long maxMsgs) {
        return CONTINUE;
    }

    @Override
    public int onPub(PubArgs args) {
        return CONTINUE;
    }

    @Override
    public int onPing() {
        sendProtoNow(Ops.PONG);
        return CONTINUE;
    }

    @Override
    public int onPong() {
        pingsOut = 0;
        if (pingSentNanos != 0) {
            rttNanos = System.nanoTime() - pingSentNanos;
            pingSentNanos = 0;
            updateAutoCompression();
        }
        if (dialNextOnPong) {
            dialNextOnPong = false;
            module.solicitor().dialPoolMember(url, explicit);
        }
        return CONTINUE;
    }

    /** The reference's {@code updateS2AutoCompressionLevel}: with {@code s2_auto}, follow the RTT. Event loop only. */
    private void updateAutoCompression() {
        if (!RouteCompression.S2_AUTO.equals(module.compressionMode())
                || !RouteCompression.needsCompression(compression)) {
            return;
        }
        String level = RouteCompression.level(RouteCompression.S2_AUTO, rttNanos, module.rttThresholds());
        if (!level.equals(compression)) {
            compression = level;
            RouteCompression.switchLevel(channel, level);
            LOG.debug("{}Route compression level now {}", logPrefix, level);
        }
    }

    /** The last RTT measured (first INFO, then each PING/PONG), in nanoseconds; 0 before any. */
    long rttNanos() {
        return rttNanos;
    }

    /** The pool has free slots: once the peer answers this PING (so the handshake was accepted), dial the next. */
    void dialNextPoolMember() {
        dialNextOnPong = true;
        sendProtoNow(Ops.PING);
    }

    /** Keep-alive tick: ping, or close a peer that left too many pings unanswered. Event loop only. */
    void onPingTimer(int pingMax) {
        if (closed || !infoReceived && RouteCompression.needsCompression(module.compressionMode())) {
            // No PING before compression is negotiated: it could reach the peer in the wrong framing.
            return;
        }
        if (pingsOut + 1 > pingMax) {
            LOG.debug("{}Stale Client Connection - Closing", logPrefix);
            sendProtoNow(("-ERR '" + ProtocolErrors.STALE_CONNECTION + "'\r\n").getBytes(StandardCharsets.US_ASCII));
            close("Stale Connection");
            return;
        }
        pingsOut++;
        pingSentNanos = System.nanoTime();
        sendProtoNow(Ops.PING);
    }

    @Override
    public void onParseFailure(ParseFailure failure, String detail) {
        if (failure == ParseFailure.CLIENT_ERROR) {
            LOG.error("{}Router Error {}", logPrefix, detail);
        } else {
            LOG.error("{}{}", logPrefix, detail);
        }
        if (failure.errText() != null) {
            sendProtoNow(("-ERR '" + failure.errText() + "'\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        close(failure == ParseFailure.CLIENT_ERROR ? "Protocol Violation" : "Parse Error");
    }

    /** Bytes were read: the peer is alive. Event loop only. */
    void endReadBatch() {
        lastActivityNanos = System.nanoTime();
        flushes.flushAll();
    }

    /**
     * Queues {@code RS+}/{@code RS-} lines for the peer and flushes them. Thread-safe (called by
     * {@link LocalInterest} under its lock).
     */
    void sendInterest(byte[] protos) {
        if (outbound.appendProto(protos) >= 0) {
            outbound.flush();
        }
    }

    /** Queues protocol bytes and flushes them (possibly from another thread). Thread-safe. */
    void sendProtoNow(byte[] proto) {
        if (outbound.appendProto(proto) >= 0) {
            outbound.flush();
        }
    }

    /**
     * Queues a message for the peer as RMSG or HMSG, naming {@code queues} (each followed by a
     * space) when the peer is to pick a queue member. Publisher's thread.
     */
    int sendMsg(byte[] account, PubArgs msg, byte[] queues, int queuesLength, PendingFlushes batch) {
        // The outbound counts what it queues (outMsgs, outBytes), under the lock it takes anyway.
        int status = outbound.appendRoutedMsg(slot.account() == null ? account : NO_ACCOUNT, msg, queues,
                queuesLength, peerHeaders);
        return registerAppend(status, batch);
    }

    /** Routes hold no local subscriptions: nothing is delivered to a route through a Subscription. */
    @Override
    protected int deliver(Subscription subscription, PubArgs message, PendingFlushes batch) {
        return Outbound.CLOSED;
    }

    @Override
    public void onAutoUnsubscribed(Subscription subscription) {
        // Remote interest has no delivery limit here: the peer withdraws it with RS-.
    }

    @Override
    protected void onSlowConsumer(Outbound.SlowConsumerReason reason, long pendingBytes) {
        LOG.info("{}Slow Consumer Detected: {} with {} pending bytes", logPrefix, reason, pendingBytes);
        closeReason = "Slow Consumer (" + (reason == Outbound.SlowConsumerReason.WRITE_DEADLINE ? "Write Deadline"
                : "Pending Bytes") + ")";
        channel.eventLoop().execute(() -> close(closeReason));
    }

    private int closeWith(String errText, String logLine, String reason) {
        LOG.error("{}{}", logPrefix, logLine);
        if (errText != null) {
            sendProtoNow(("-ERR '" + errText + "'\r\n").getBytes(StandardCharsets.UTF_8));
        }
        close(reason);
        return STOP;
    }

    /** Flushes what is queued and closes the channel; {@link #onChannelClosed} cleans up. Any thread. */
    void close(String reason) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> close(reason));
            return;
        }
        if (closed) {
            return;
        }
        closed = true;
        if (closeReason == null) {
            closeReason = reason;
        }
        flushes.flushAll();
        outbound.flush();
        channel.close();
    }

    /** The channel is gone: withdraw the peer's interest, unregister, maybe reconnect. Event loop only. */
    void onChannelClosed() {
        closed = true;
        if (closeReason == null) {
            closeReason = "Client Closed";
        }
        remoteSubs.clear();
        parser.release();
        outbound.close();
        LOG.info("{}Route connection closed: {}", logPrefix, closeReason);
        module.onRouteClosed(this);
    }

    /** A snapshot for /routez. Any thread (reads volatile fields; the subject list is copied on the loop). */
    RouteSnapshot snapshot(boolean withSubs) {
        InetSocketAddress a = channel.remoteAddress() instanceof InetSocketAddress s ? s : null;
        List<String> subs = withSubs ? subscriptionList() : List.of();
        String pinned = slot.account();
        return new RouteSnapshot(id, remoteId, remoteName, solicited, explicit,
                a == null ? "" : a.getAddress().getHostAddress(), a == null ? 0 : a.getPort(), startTime,
                startTime.plusNanos(lastActivityNanos - startNanos), outbound.pendingBytes(), inMsgs,
                outMsgs(), inBytes, outBytes(), remoteSubs.size(), subs, compression,
                pinned == null ? "" : pinned, pinned == null ? Math.max(slot.index(), 0) : -1);
    }

    private List<String> subscriptionList() {
        try {
            return channel.eventLoop().submit(remoteSubs::list).get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            return List.of();
        }
    }

    /** A duplicate that this server dialled is dropped: keep its URL here so this route reconnects. */
    void upgradeToSolicited(URI dialled, boolean wasExplicit) {
        if (url == null || !solicited) {
            url = dialled;
            solicited = true;
            explicit = wasExplicit;
        }
    }

    void setRetry() {
        retry = true;
    }

    /** The reference since 2.10: a route this server dialled comes back, explicit or learned by gossip. */
    boolean shouldReconnect() {
        return (solicited || retry) && url != null && !noReconnect;
    }

    void setNoReconnect() {
        noReconnect = true;
    }

    /** This route's slot among its peer's routes: pool index, pinned account, or a peer without pooling. */
    RouteSlot slot() {
        return slot;
    }

    /** Forgets the peer's interest in {@code account} on this route (it moves to a dedicated route). Any thread. */
    void dropRemoteSubs(String account) {
        channel.eventLoop().execute(() -> remoteSubs.removeAccount(account));
    }

    /** The resolved pinned account; event loop only. */
    private Account resolvedPinnedAccount() {
        Account a = pinnedAccountRef;
        if (a == null && slot.account() != null) {
            a = module.lookupAccount(slot.account());
            pinnedAccountRef = a;
        }
        return a;
    }

    URI url() {
        return url;
    }

    boolean explicit() {
        return explicit;
    }

    boolean solicited() {
        return solicited;
    }

    public String remoteId() {
        return remoteId;
    }

    /** The peer's route protocol level ({@code proto} of its INFO), 0 before it. Any thread. */
    int peerProto() {
        RouteProtocolJson.PeerInfo p = peer;
        return p == null ? 0 : p.proto();
    }

    String remoteName() {
        return remoteName;
    }

    RouteProtocolJson.PeerInfo peer() {
        return peer;
    }

    boolean registered() {
        return registered;
    }

    boolean isClosed() {
        return closed;
    }

    String logPrefix() {
        return logPrefix;
    }
}
