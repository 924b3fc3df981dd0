package io.jnatsd.cluster.route;

import io.jnatsd.account.Account;
import io.jnatsd.auth.NKeys;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerModule;
import io.jnatsd.tls.PeerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Twin of {@code startRouteAcceptLoop}, {@code StartRouting} and the route bookkeeping of
 * {@code server/route.go}: clustering as a {@link ServerModule}. It listens for routes, dials
 * the configured ones, installs the {@link RouteForwarder} as the server's cluster link, tells
 * new peers about the others (gossip), and keeps the clients' {@code connect_urls} in step with
 * the routes.
 *
 * <p>Thread-safe.
 */
public final class RouteModule implements ServerModule {

    private static final Logger LOG = LoggerFactory.getLogger(RouteModule.class);
    static final String PIPELINE_NAME = "route";

    private NatsServer server;
    /** Swapped by a reload ({@link RoutesReload}); read by route connections and the solicitor. */
    private volatile ClusterOptions options;
    /** Set in {@link #start}, before any route exists; swapped by {@link #setPool}. */
    private volatile RoutePool pool = new RoutePool(ClusterOptions.POOL_SIZE_DEFAULT, List.of());
    private RouteRegistry registry = new RouteRegistry(pool);
    private LocalInterest localInterest = new LocalInterest(pool);
    private final RemoteInterest remoteInterest = new RemoteInterest();
    private RouteSolicitor solicitor;
    private final PinnedAccountMoves accountMoves = new PinnedAccountMoves(this);
    private RouteTimers timers;
    private RouteTls tls;
    private RoutePermissions permissions = RoutePermissions.ALLOW_ALL;
    private volatile Channel listener;
    private volatile String clusterName;
    private volatile boolean clusterNameDynamic;
    private volatile boolean lameDuck;
    private volatile boolean peerUrlsSeen;
    private volatile boolean stopped;
    private volatile List<String> ownClientUrls = List.of();

    @Override
    public boolean start(NatsServer natsServer) throws InterruptedException {
        ClusterOptions cluster = natsServer.options().cluster();
        natsServer.addReloadParticipant(new RoutesReload(this));
        if (!cluster.enabled()) {
            return false;
        }
        this.server = natsServer;
        this.options = cluster;
        this.clusterName = cluster.name().isEmpty() ? NKeys.newServerId().substring(0, 22) : cluster.name();
        this.clusterNameDynamic = cluster.name().isEmpty();
        this.pool = new RoutePool(cluster.poolSize(), pinnedAccounts(cluster, natsServer.options()));
        this.registry = new RouteRegistry(pool);
        this.localInterest = new LocalInterest(pool);
        this.solicitor = new RouteSolicitor(this);
        ServerOptions o = natsServer.options();
        this.timers = new RouteTimers(o.pingInterval(), o.pingMax(), cluster.authTimeout(), authRequired());
        this.permissions = RoutePermissions.of(cluster.permissions());
        localInterest.setPermissions(permissions);
        this.tls = cluster.tls() == null ? null : new RouteTls(PeerTls.of(cluster.tls()), cluster.routes());
        bind();
        if (tls != null && tls.insecure()) {
            LOG.warn("TLS certificate chain and hostname of solicited routes will not be verified. "
                    + "DO NOT USE IN PRODUCTION!");
        }
        LOG.debug("Route pool size {}, pinned accounts {}", pool.announcedSize(), pool.pinnedAccounts());
        server.setClusterLink(new RouteForwarder(remoteInterest, localInterest));
        return true;
    }

    /** The configured pinned accounts and, with pooling, the system account (the reference's default). */
    static List<String> pinnedAccounts(ClusterOptions cluster, ServerOptions options) {
        List<String> pinned = new ArrayList<>(cluster.pinnedAccounts());
        String system = options.accounts().systemAccountName();
        if (cluster.poolSize() >= 0 && system != null && !pinned.contains(system)) {
            pinned.add(system);
        }
        return pinned;
    }

    private void bind() throws InterruptedException {
        LOG.info("Cluster name is {}", clusterName);
        if (clusterNameDynamic) {
            LOG.warn("Cluster name was dynamically generated, consider setting one");
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(server.acceptGroup(), server.ioGroup())
                .channel(server.serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            tls.addAccepting(ch);
                        }
                        ch.pipeline().addLast(PIPELINE_NAME, new RouteChannelHandler(RouteModule.this, null, false));
                    }
                });
        int port = options.port() == ServerOptions.RANDOM_PORT ? 0 : options.port();
        try {
            listener = b.bind(options.host(), port).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Error listening on router port: " + options.port() + " - "
                    + e.getMessage(), e);
        }
        LOG.info("Listening for route connections on {}", RouteConnection.hostPort(options.host(), routePort()));
    }

    @Override
    public void onStarted() {
        ownClientUrls = computeOwnClientUrls();
        server.info().setCluster(clusterName, clusterNameDynamic);
        solicitor.solicitConfigured(options);
    }

    @Override
    public void onLameDuck() {
        lameDuck = true;
        byte[] info = infoLine(false);
        for (RouteConnection r : registry.registered()) {
            r.sendProtoNow(info);
        }
    }

    @Override
    public void stop() {
        if (stopped || server == null) {
            return;
        }
        stopped = true;
        solicitor.stop();
        Channel l = listener;
        if (l != null) {
            l.close().awaitUninterruptibly();
        }
        for (RouteConnection r : registry.all()) {
            r.close("Server Shutdown");
        }
    }

    /** The port routes connect to (the real one when -1 asked for a random port). */
    public int routePort() {
        Channel l = listener;
        return l == null ? 0 : ((InetSocketAddress) l.localAddress()).getPort();
    }

    /** The registered routes as /routez shows them. Thread-safe; not from an I/O thread when {@code withSubs}. */
    public List<RouteSnapshot> routes(boolean withSubs) {
        List<RouteSnapshot> out = new ArrayList<>();
        for (RouteConnection r : registry.registered()) {
            out.add(r.snapshot(withSubs));
        }
        return out;
    }

    /** How many peer servers have registered routes (each may have a pool of connections). Thread-safe. */
    public int numRemotes() {
        return registry.peerCount();
    }

    /** The configured route pool size ({@code pool_size}, the default 3 when not set, -1 when disabled). */
    public int poolSize() {
        return pool.pooling() ? pool.localSize() : options.poolSize();
    }

    /** Subscriptions the peers announced, in every account. Thread-safe. */
    public int numRemoteSubscriptions() {
        return remoteInterest.count();
    }

    public String clusterName() {
        return clusterName;
    }

    /** The configured route URLs, for /varz. */
    public List<String> routeUrls() {
        List<String> out = new ArrayList<>();
        for (URI u : options.routes()) {
            out.add(u.getHost() + ":" + u.getPort());
        }
        return out;
    }

    public ClusterOptions options() {
        return options;
    }

    /**
     * A reload changed the explicit routes ({@link RoutesReload}): the routes dialled to a
     * {@code removed} URL are closed and not dialled again, the {@code added} ones are dialled.
     * Thread-safe; does nothing when clustering does not run.
     */
    void applyReloadedRoutes(ClusterOptions next, List<URI> removed, List<URI> added) {
        if (server == null || stopped) {
            return;
        }
        options = next;
        for (RouteConnection r : registry.all()) {
            if (r.explicit() && removed.contains(r.url())) {
                r.close("Route Removed");
            }
        }
        solicitor.solicit(added);
    }

    // ---- package-private: what route connections ask of the cluster ----

    NatsServer server() {
        return server;
    }

    RouteRegistry registry() {
        return registry;
    }

    RemoteInterest remoteInterest() {
        return remoteInterest;
    }

    RoutePool pool() {
        return pool;
    }

    /** Routes follow {@code next} from now on: its pinned accounts' routes are accepted. Thread-safe. */
    void setPool(RoutePool next) {
        for (String account : next.pinnedAccounts()) {
            registry.addPinned(account);
        }
        pool = next;
        localInterest.setPool(next);
    }

    LocalInterest localInterest() {
        return localInterest;
    }

    PinnedAccountMoves accountMoves() {
        return accountMoves;
    }

    /** Whether clustering runs (a reload has routes to change). */
    boolean running() {
        return server != null && !stopped;
    }

    RouteSolicitor solicitor() {
        return solicitor;
    }

    RouteTimers timers() {
        return timers;
    }

    /** The route TLS set-up, or null for plain routes. */
    RouteTls tls() {
        return tls;
    }

    /** Whether routes run TLS ({@code cluster { tls {} }}). */
    public boolean tlsRequired() {
        return tls != null;
    }

    /** Route TLS handshake timeout in seconds, for /varz; 0 without TLS. */
    public double tlsTimeoutSeconds() {
        return tls == null ? 0 : tls.timeoutSeconds();
    }

    /** The cluster's import/export rules. */
    RoutePermissions permissions() {
        return permissions;
    }

    /** The RTT thresholds of {@code s2_auto} (uncompressed, fast, better, best). */
    List<Duration> rttThresholds() {
        return options.rttThresholds();
    }

    boolean clusterNameDynamic() {
        return clusterNameDynamic;
    }

    String serverName() {
        return server.info() == null ? server.options().serverName() : server.info().serverName();
    }

    boolean headersSupported() {
        return !server.options().noHeaderSupport();
    }

    private boolean authRequired() {
        return !options.username().isEmpty();
    }

    /** Route credentials: checked in constant time when configured, anything goes otherwise. */
    boolean authorize(String user, String pass) {
        if (!authRequired()) {
            return true;
        }
        return MessageDigest.isEqual(options.username().getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(options.password().getBytes(StandardCharsets.UTF_8),
                pass.getBytes(StandardCharsets.UTF_8));
    }

    /** User and password for dialling {@code url}: its own, else the cluster's (as for implicit routes). */
    String[] credentialsFor(URI url) {
        String info = url.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            return colon < 0 ? new String[] {info, ""} : new String[] {info.substring(0, colon),
                    info.substring(colon + 1)};
        }
        return new String[] {options.username(), options.password()};
    }

    /**
     * A peer has another cluster name: a dynamic name gives way to a configured one or a greater
     * one (the reference's rule), and the other routes are dropped. Returns whether we took it.
     */
    synchronized boolean adoptClusterName(String theirs, boolean theirsDynamic, RouteConnection keep) {
        if (!clusterNameDynamic || theirsDynamic && clusterName.compareTo(theirs) >= 0) {
            return false;
        }
        clusterName = theirs;
        clusterNameDynamic = theirsDynamic;
        if (server.info() != null) {
            server.info().setCluster(theirs, theirsDynamic);
        }
        for (RouteConnection r : registry.all()) {
            if (r != keep) {
                r.close("Cluster Name Conflict");
            }
        }
        return true;
    }

    /**
     * The account a route names; in operator mode an account JWT this server has not used yet is
     * resolved ({@link NatsServer#resolveAccount}).
     */
    Account lookupAccount(String name) {
        for (Account a : server.accounts()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return server.resolveAccount(name);
    }

    /** As {@link #lookupAccount(String)} for the name's bytes; allocates nothing for the global account. */
    Account lookupAccount(ByteBuf buf, int offset, int length) {
        Account global = server.globalAccount();
        String g = global.name();
        if (length == g.length()) {
            int k = 0;
            while (k < length && (buf.getByte(offset + k) & 0xff) == g.charAt(k)) {
                k++;
            }
            if (k == length) {
                return global;
            }
        }
        return lookupAccount(buf.toString(offset, length, StandardCharsets.ISO_8859_1));
    }

    /** This server's configured route compression mode ({@code off}, {@code accept}, {@code s2_fast}, ...). */
    String compressionMode() {
        return options.compression();
    }

    /** This server's route INFO with its configured compression mode; with a nonce for a first INFO. */
    byte[] infoLine(boolean first) {
        return infoLine(first, compressionMode());
    }

    /** This server's route INFO announcing {@code compression}; with a nonce for a first INFO. */
    byte[] infoLine(boolean first, String compression) {
        return infoLine(first, compression, new RouteProtocolJson.PoolFields(pool.announcedSize(), 0, null));
    }

    /** As {@link #infoLine(boolean, String)}, with a connection's pool index and pinned account. */
    byte[] infoLine(boolean first, String compression, RouteProtocolJson.PoolFields poolFields) {
        String advertise = options.advertise();
        String host = options.host();
        int port = routePort();
        String ip = null;
        if (!advertise.isEmpty()) {
            URI a = io.jnatsd.config.ClusterOptionsReader.parseRouteUrl(advertise.contains(":") ? advertise
                    : advertise + ":" + port);
            host = a.getHost();
            port = a.getPort();
            ip = "nats-route://" + RouteConnection.hostPort(host, port) + "/";
        }
        RouteProtocolJson.LocalInfo info = new RouteProtocolJson.LocalInfo(server.serverId(), serverName(), host, port,
                headersSupported(), server.options().maxPayload(), authRequired(), clusterName, clusterNameDynamic,
                options.noAdvertise() ? List.of() : ownClientUrls, ip, lameDuck, tls != null, options.permissions());
        return RouteProtocolJson.infoLine(info, first ? NKeys.newServerId().substring(0, 11) : null,
                RouteCompression.NOT_SUPPORTED.equals(compression) ? null : compression, poolFields);
    }

    RouteConnection newRoute(Channel channel, URI url, boolean explicit) {
        if (stopped) {
            return null;
        }
        RouteConnection route = new RouteConnection(server.nextConnectionId(), channel, this, url, explicit,
                url == null ? null : channel.attr(RouteSolicitor.DIAL_ACCOUNT).get());
        registry.track(route);
        return route;
    }

    /**
     * A route finished its handshake: send it our interest, dial the rest of the pool; for a peer's first
     * route, dial its pinned-account routes, tell the others of it, update the clients.
     */
    void onRouteRegistered(RouteConnection route, RouteProtocolJson.PeerInfo info, String gossipIp,
                           RouteRegistry.Admission admission) {
        localInterest.addRoute(route);
        if (route.slot().account() != null) {
            accountMoves.onDedicatedRoute(route.slot().account());
        }
        if (admission.dialMore()) {
            route.dialNextPoolMember();
        }
        if (!admission.firstOfPeer()) {
            return;
        }
        if (route.solicited() && !route.slot().noPool()) {
            for (String account : pool.pinnedAccounts()) {
                if (!registry.hasPinned(account, info.id())) {
                    solicitor.dialPinned(route.url(), route.explicit(), account);
                }
            }
        }
        List<RouteConnection> others = registry.onePerPeer();
        if (others.size() > 1) {
            byte[] gossip = RouteProtocolJson.gossipLine(info, gossipIp);
            for (RouteConnection r : others) {
                if (r != route && !r.remoteId().equals(info.id())) {
                    r.sendProtoNow(gossip);
                }
            }
        }
        if (!options.noAdvertise() && !info.connectUrls().isEmpty()) {
            peerUrlsSeen = true;
            refreshConnectUrls();
        }
    }

    /** The peer of {@code route} entered lame duck mode: clients stop hearing of it. */
    void onPeerLameDuck(RouteConnection route) {
        if (!options.noAdvertise()) {
            refreshConnectUrls();
        }
    }

    void onRouteClosed(RouteConnection route) {
        boolean wasRegistered = registry.remove(route);
        localInterest.removeRoute(route);
        if (wasRegistered && !options.noAdvertise() && !stopped) {
            refreshConnectUrls();
        }
        // Without pooling, a route whose peer is still connected by another one does not come back (checkRID).
        boolean stillConnected = !pool.pooling() && route.slot().account() == null
                && registry.hasRemote(route.remoteId());
        if (!stopped && route.shouldReconnect() && !stillConnected) {
            solicitor.reconnect(route);
        }
    }

    /**
     * Computes and publishes the client URLs as one step: routes close on several event loops at once, and a
     * list computed before another route left must not be published after the one computed after it.
     */
    private synchronized void refreshConnectUrls() {
        server.updateConnectUrls(clientConnectUrls());
    }

    /**
     * This server's client URLs, then each peer's that is not in lame duck mode; no duplicates.
     * Empty until a peer has told us its URLs, as the reference sends none before.
     */
    List<String> clientConnectUrls() {
        if (!peerUrlsSeen) {
            return List.of();
        }
        Set<String> urls = new LinkedHashSet<>(ownClientUrls);
        // One connection per peer (its pool's first): a pinned-account route that outlives the pool must not keep
        // a departed peer's URLs, and a lame duck notice arrives on every connection of the peer.
        for (RouteConnection r : registry.onePerPeer()) {
            RouteProtocolJson.PeerInfo p = r.peer();
            if (p != null && !p.lameDuck()) {
                urls.addAll(p.connectUrls());
            }
        }
        return new ArrayList<>(urls);
    }

    /** The reference's {@code getClientConnectURLs}: client_advertise, else the listen address or every interface's. */
    private List<String> computeOwnClientUrls() {
        ServerOptions o = server.options();
        int port = server.clientPort();
        if (o.clientAdvertise() != null && !o.clientAdvertise().isEmpty()) {
            String adv = o.clientAdvertise();
            return List.of(adv.contains(":") ? adv : adv + ":" + port);
        }
        String host = o.host();
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.isEmpty()) {
            return List.of(RouteConnection.hostPort(host, port));
        }
        return InterfaceAddresses.urls(port);
    }
}
