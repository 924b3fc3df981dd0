package io.jnatsd.server;

import io.jnatsd.account.Account;
import io.jnatsd.account.Accounts;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.DeferredCheck;
import io.jnatsd.auth.Identity;
import io.jnatsd.auth.ServerKey;
import io.jnatsd.auth.XKeys;
import io.jnatsd.auth.jwt.JwtAuthenticator;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.tls.ClientTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twin of {@code Server} in {@code server/server.go}, for its lifecycle: it binds the client
 * port, accepts connections into the global account, and shuts down whole or through lame
 * duck mode. Dependencies are wired here by constructor; features hang off their own rooms.
 *
 * <p>Thread-safe.
 */
public final class NatsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsServer.class);

    /** Reads start at 16 KB and adapt between 512 B and 64 KB, as the reference's read buffer does. */
    static final int READ_BUFFER_MIN_BYTES = 512;
    static final int READ_BUFFER_INITIAL_BYTES = 16 * 1024;
    static final int READ_BUFFER_MAX_BYTES = 64 * 1024;
    /** How long {@link #shutdown()} waits for the event loop threads to end. */
    static final long EVENT_LOOPS_END_TIMEOUT_MILLIS = 5_000;

    private volatile ServerOptions options;
    private final ServerKey serverKey = ServerKey.generate();
    private final String serverId = serverKey.publicKey();
    /** The server's curve keys (the reference's {@code s.xkp}): INFO's {@code xkey}, the auth callout's encryption. */
    private final XKeys xkeys = XKeys.generate();
    private final Accounts accounts;
    private final ServerStats stats = new ServerStats();
    private final Map<Long, ClientConnection> clients = new ConcurrentHashMap<>();
    private final AtomicLong nextClientId = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();
    private final Instant startTime = Instant.now();
    private final List<ClientListener> clientListeners = new CopyOnWriteArrayList<>();
    private final List<ServerModule> modules = new CopyOnWriteArrayList<>();
    private final Transport transport;
    private volatile Authenticator authenticator;
    /** JWT authentication and its account resolver, made once (reloads keep it), or null. */
    private final JwtAuthenticator jwt;
    private final ConfigReload reload = new ConfigReload(this);
    /** TLS of the client port, or null. */
    private final ClientTls clientTls;
    private volatile ServerInfo info;
    private volatile Channel listener;
    private volatile boolean shuttingDown;
    /** Claimed by the one caller that runs lame duck mode; a second signal while it runs does nothing. */
    private final AtomicBoolean lameDuckClaimed = new AtomicBoolean();
    /** Claimed by the one caller that runs the shutdown; callers racing it return at once. */
    private final AtomicBoolean shutdownClaimed = new AtomicBoolean();
    private volatile ClusterLink clusterLink;
    /** The auth callout, or null. */
    private final List<DeferredCheck> deferredChecks = new CopyOnWriteArrayList<>();

    /**
     * @throws IllegalArgumentException when the auth options are refused ({@code AuthOptions.validate})
     */
    public NatsServer(ServerOptions options) {
        options.auth().validate();
        this.options = options;
        this.jwt = options.trust() != null && options.trust().enabled()
                ? new JwtAuthenticator(options.trust(), Clock.systemDefaultZone()) : null;
        this.authenticator = authenticatorFor(options);
        this.accounts = new Accounts(options.accounts());
        this.clientTls = options.tls() == null ? null : ClientTls.forClients(options.tls());
        this.transport = Transport.create();
        reload.add(new ClientOptionsReload(this));
        reload.add(new AuthReload(this));
        reload.add(new AccountsReload(this));
        reload.add(new PermissionsReload(this));
        reload.add(new AuxiliaryReload());
        reload.add(new TlsReload(this));
    }

    /**
     * Reloads the configuration (the reference's {@code ReloadOptions}): every changed option
     * takes effect without dropping connections, or, when one cannot change at run time, nothing
     * changes. Thread-safe.
     *
     * @return the names of the {@link ServerOptions} components that changed
     * @throws ReloadException with the reference's error text when the change is refused
     */
    public List<String> reloadOptions(ServerOptions next) throws ReloadException {
        return reload.reload(next);
    }

    /** Lets a room take part in reloads: see {@link ReloadParticipant}. Thread-safe. */
    public void addReloadParticipant(ReloadParticipant participant) {
        reload.add(participant);
    }

    /** The reload swaps the options once every participant accepted them. */
    void swapOptions(ServerOptions next) {
        options = next;
    }

    /** The CONNECT check of {@code o}: its users, certificate mapping and trusted operators. */
    Authenticator authenticatorFor(ServerOptions o) {
        return new Authenticator(o.auth(), o.tls() != null && o.tls().verifyAndMap(), jwt);
    }

    /** JWT authentication (operator mode) with its resolved accounts, or null. Thread-safe. */
    public JwtAuthenticator jwtAuthenticator() {
        return jwt;
    }

    /** A reload changed who may connect: new clients and INFO follow at once. */
    void swapAuthenticator(Authenticator next) {
        authenticator = next;
        ServerInfo i = info;
        if (i != null) {
            i.setAuthRequired(next.required());
        }
    }

    /**
     * Starts the {@link ServerModule}s the options ask for (monitoring first, as the reference
     * does), then binds the client port and starts accepting. Returns once the port is open.
     */
    public NatsServer start() throws InterruptedException {
        startModules();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.acceptGroup(), transport.ioGroup())
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(
                        READ_BUFFER_MIN_BYTES, READ_BUFFER_INITIAL_BYTES, READ_BUFFER_MAX_BYTES))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (options.proxyProtocol()) {
                            ProxyProtocol.addTo(ch.pipeline());
                        }
                        if (clientTls != null) {
                            ch.pipeline().addLast(PipelineNames.TLS_NEGOTIATOR, new TlsNegotiator(clientTls));
                        }
                        ch.pipeline().addLast(PipelineNames.CLIENT_PROTOCOL, new ClientProtocolHandler(NatsServer.this));
                    }
                });
        int port = options.port() == ServerOptions.RANDOM_PORT ? 0 : options.port();
        try {
            listener = bootstrap.bind(options.host(), port).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            stopModules();
            transport.shutdownGracefully();
            throw e;
        } catch (Exception e) {
            // Netty rethrows the bind's IOException unchecked; the modules started above must not outlive it.
            stopModules();
            transport.shutdownGracefully();
            throw new ListenException("Error listening on port: " + options.host() + ":" + options.port()
                    + ", \"" + e.getMessage() + "\"", e);
        }
        int boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
        String name = options.serverName().isEmpty() ? serverId : options.serverName();
        info = new ServerInfo(serverId, name, options.host(), boundPort, !options.noHeaderSupport(),
                options.maxPayload(), options.jetStream());
        info.setXKey(xkeys.publicKey());
        // A no_auth_user lets clients in without credentials: INFO says none are required (server.go copyInfo).
        info.setAuthRequired(authenticator.required() && authenticator.noAuthUser() == null);
        if (clientTls != null) {
            info.setTls(clientTls.options().required(), clientTls.options().verify());
        }
        for (ServerModule module : modules) {
            module.onStarted();
        }
        return this;
    }

    private void startModules() throws InterruptedException {
        for (ServerModule module : ServiceLoader.load(ServerModule.class)) {
            try {
                if (module.start(this)) {
                    modules.add(module);
                }
            } catch (RuntimeException e) {
                stopModules();
                transport.shutdownGracefully();
                throw e;
            }
        }
    }

    private void stopModules() {
        for (ServerModule module : modules) {
            module.stop();
        }
        modules.clear();
    }

    /**
     * Installs clustering's delivery and interest hooks. Call from a {@link ServerModule#start},
     * before clients are accepted; clients read it once when they connect. Thread-safe.
     */
    public void setClusterLink(ClusterLink link) {
        this.clusterLink = link;
    }

    /** The installed {@link ClusterLink}, or null for a lone server. Thread-safe. */
    public ClusterLink clusterLink() {
        return clusterLink;
    }

    /** A new server-unique connection id (the reference's cid), for connections of any kind. Thread-safe. */
    public long nextConnectionId() {
        return nextClientId.incrementAndGet();
    }

    /** The I/O event loops, for modules that open connections of their own. */
    public io.netty.channel.EventLoopGroup ioGroup() {
        return transport.ioGroup();
    }

    /** The accepting event loop, for modules that listen on a port of their own. */
    public io.netty.channel.EventLoopGroup acceptGroup() {
        return transport.acceptGroup();
    }

    /** The server socket channel class of the transport (epoll or NIO). */
    public Class<? extends io.netty.channel.ServerChannel> serverChannelClass() {
        return transport.serverChannelClass();
    }

    /** The client socket channel class of the transport (epoll or NIO). */
    public Class<? extends Channel> socketChannelClass() {
        return transport.socketChannelClass();
    }

    /**
     * Sets the cluster's client URLs in INFO and sends the new INFO to every client that takes
     * async INFO (the reference's {@code sendAsyncInfoToClients}). Thread-safe.
     */
    public void updateConnectUrls(List<String> urls) {
        ServerInfo current = info;
        if (current == null) {
            return;
        }
        current.setConnectUrls(urls);
        for (ClientConnection c : clients()) {
            if (c.connectOptions().protocol >= ConnectOptions.PROTOCOL_INFO) {
                c.channel().eventLoop().execute(() -> {
                    c.sendProto(current.encodeForClient(c.connectionId(), c.clientIp(), null, null));
                    c.flushes().flushAll();
                });
            }
        }
    }

    /** The started module of {@code type}, if any. Thread-safe. */
    public <T extends ServerModule> Optional<T> module(Class<T> type) {
        return modules.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private WriteBufferWaterMark waterMark() {
        long max = options.maxPendingBytes();
        int high = (int) Math.min(Integer.MAX_VALUE, max / 4 * 3);
        int low = (int) Math.min(high, max / 2);
        return new WriteBufferWaterMark(low, high);
    }

    /** Registers a new client, or refuses it when the server is full or leaving. Event loop of the channel. */
    Authenticator authenticator() {
        return authenticator;
    }

    ClientConnection acceptClient(Channel channel) {
        long cid = nextClientId.incrementAndGet();
        ClientConnection client = new ClientConnection(cid, channel, this, accounts.global());
        if (shuttingDown) {
            channel.close();
            return null;
        }
        stats.recordConnection();
        if (clients.size() >= options.maxConnections()) {
            client.start();
            client.sendError(io.jnatsd.protocol.ProtocolErrors.MAX_CONNECTIONS_EXCEEDED);
            LOG.error("{}{}", client.logPrefix(), io.jnatsd.protocol.ProtocolErrors.MAX_CONNECTIONS_EXCEEDED);
            client.close("Maximum Connections Exceeded");
            return null;
        }
        clients.put(cid, client);
        return client;
    }

    /**
     * A new client of the server itself, bound to {@code account}; once clustering is installed
     * its interest and publishes reach the routes too. Thread-safe.
     */
    public InternalConnection createInternalConnection(Account account) {
        return new InternalConnection(nextClientId.incrementAndGet(), account, clusterLink);
    }

    void onClientConnected(ClientConnection client) {
        ClientSnapshot snapshot = null;
        for (ClientListener listener : clientListeners) {
            if (snapshot == null) {
                snapshot = client.snapshot(false);
            }
            listener.onClientConnected(snapshot);
        }
    }

    void onClientAuthFailure(ClientConnection client, String account) {
        ClientSnapshot snapshot = null;
        for (ClientListener listener : clientListeners) {
            if (snapshot == null) {
                snapshot = client.snapshot(false);
            }
            listener.onClientAuthFailure(snapshot, account);
        }
    }

    void onClientClosed(ClientConnection client, ClientSnapshot last) {
        clients.remove(client.connectionId());
        client.runWritableWaiters();
        for (ClientListener listener : clientListeners) {
            listener.onClientClosed(last);
        }
    }

    /** Adds a listener told of every client that closes from now on. Thread-safe. */
    public void addClientListener(ClientListener listener) {
        clientListeners.add(listener);
    }

    public void removeClientListener(ClientListener listener) {
        clientListeners.remove(listener);
    }

    /**
     * Snapshots of the open client connections, each taken on its own event loop. Blocks up to
     * {@code timeout}; connections that close meanwhile are left out. Thread-safe, but never
     * from an I/O thread of this server (it would wait on itself).
     */
    public List<ClientSnapshot> clientSnapshots(Duration timeout) throws InterruptedException {
        Map<EventLoop, List<ClientConnection>> byLoop = new HashMap<>();
        for (ClientConnection c : clients.values()) {
            byLoop.computeIfAbsent(c.channel().eventLoop(), k -> new ArrayList<>()).add(c);
        }
        List<Future<List<ClientSnapshot>>> parts = new ArrayList<>();
        for (Map.Entry<EventLoop, List<ClientConnection>> e : byLoop.entrySet()) {
            try {
                parts.add(e.getKey().submit(() -> snapshotOpen(e.getValue())));
            } catch (RejectedExecutionException shuttingDown) {
                LOG.debug("Event loop gone while snapshotting connections: {}", shuttingDown.toString());
            }
        }
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        List<ClientSnapshot> out = new ArrayList<>();
        for (Future<List<ClientSnapshot>> part : parts) {
            try {
                out.addAll(part.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Could not snapshot some connections for monitoring: {}", e.toString());
            }
        }
        return out;
    }

    private static List<ClientSnapshot> snapshotOpen(List<ClientConnection> connections) {
        List<ClientSnapshot> out = new ArrayList<>(connections.size());
        for (ClientConnection c : connections) {
            if (!c.state().closed()) {
                out.add(c.snapshot());
            }
        }
        return out;
    }

    /** When the server was created (the reference's {@code start}). */
    public Instant startTime() {
        return startTime;
    }

    /** Subscriptions in every account. Thread-safe. */
    public int numSubscriptions() {
        int n = 0;
        for (Account a : accounts.all()) {
            n += a.sublist().count();
        }
        return n;
    }

    /** The accounts this server has, the global one first. */
    public List<Account> accounts() {
        return accounts.all();
    }

    /** The account registry: accounts by name, users' accounts and permissions, the system account. */
    public Accounts accountRegistry() {
        return accounts;
    }

    /** The account named {@code name}, made on first use (accounts of user JWTs). Thread-safe. */
    public Account registerAccount(String name) {
        return accounts.register(name);
    }

    /**
     * The account {@code name} that a peer names (a route's RS+ or message): registered, else, in
     * operator mode, resolved from this server's resolver without asking other servers, as the
     * reference's {@code lookupAccount} fetches it; null when unknown. May block on the resolver
     * (a file, a URL) at most its timeout. Thread-safe.
     */
    public Account resolveAccount(String name) {
        Account a = accounts.lookup(name);
        JwtAuthenticator j = jwt;
        if (a != null || j == null || !io.jnatsd.auth.NKeys.isValidPublicKey(io.jnatsd.auth.NKeys.PREFIX_ACCOUNT, name)) {
            return a;
        }
        try {
            j.accounts().resolveWithoutAsking(name);
        } catch (io.jnatsd.auth.jwt.JwtException e) {
            return null;
        }
        return accounts.register(name);
    }

    /** The TLS of the client port (swap its context on reload), or null without TLS. Thread-safe. */
    public ClientTls clientTls() {
        return clientTls;
    }

    public ServerOptions options() {
        return options;
    }

    public ServerInfo info() {
        return info;
    }

    public ServerStats stats() {
        return stats;
    }

    public String serverId() {
        return serverId;
    }

    /** The server's own nkey, whose public half is {@link #serverId()}: it signs what the server issues. */
    public ServerKey serverKey() {
        return serverKey;
    }

    /** The server's curve keys, whose public half INFO carries as {@code xkey}. */
    public XKeys xkeys() {
        return xkeys;
    }

    /**
     * Adds a check that decides on clients from outside (the auth callout, a JWT fetched from other servers); the
     * first installed that decides on a client gets it. Call from a {@link ServerModule#start}, before clients are
     * accepted. Thread-safe.
     */
    public void installDeferredCheck(DeferredCheck check) {
        deferredChecks.add(check);
    }

    /** @return the first deferred check that decides on a client, or null */
    DeferredCheck deferredCheckFor(ClientCredentials credentials, Optional<Identity> configured) {
        for (DeferredCheck check : deferredChecks) {
            if (check.decides(credentials, configured)) {
                return check;
            }
        }
        return null;
    }

    public Account globalAccount() {
        return accounts.global();
    }

    /** The port clients connect to (the real one when -1 asked for a random port). */
    public int clientPort() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public int numClients() {
        return clients.size();
    }

    /** Uptime in nanoseconds. */
    public long uptimeNanos() {
        return System.nanoTime() - startNanos;
    }

    /** A snapshot of the client connections. */
    public List<ClientConnection> clients() {
        return new ArrayList<>(clients.values());
    }

    public String transportName() {
        return transport.name();
    }

    /**
     * Lame duck mode (the reference's {@code lameDuckMode}): stop accepting, tell clients
     * through INFO {@code ldm}, wait the grace period, then close clients spread over the
     * lame duck duration, then shut down. Blocks until done.
     */
    public void enterLameDuckMode() throws InterruptedException {
        if (shuttingDown || !lameDuckClaimed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Entering lame duck mode, stop accepting new clients");
        listener.close().sync();
        info.setLameDuck(true);
        for (ServerModule module : modules) {
            module.onLameDuck();
        }
        for (ClientConnection c : clients()) {
            if (c.connectOptions().protocol >= ConnectOptions.PROTOCOL_INFO) {
                c.channel().eventLoop().execute(() -> {
                    c.sendProto(info.encodeForClient(c.connectionId(), c.clientIp(), null, null));
                    c.flushes().flushAll();
                });
            }
        }
        new LameDuck(this, options).closeClientsGradually();
        shutdown();
    }

    /**
     * Closes the listener and every connection and frees the event loops. Idempotent: one caller runs it, and a
     * caller racing it returns at once (it may be an event loop the running shutdown waits for).
     */
    public void shutdown() {
        shuttingDown = true;
        if (!shutdownClaimed.compareAndSet(false, true)) {
            return;
        }
        Channel l = listener;
        if (l != null) {
            l.close().awaitUninterruptibly();
        }
        for (ClientConnection c : clients()) {
            c.channel().eventLoop().execute(() -> c.close("Server Shutdown"));
        }
        stopModules();
        transport.shutdownGracefully();
        awaitEventLoopsEnded();
        LOG.info("Server Exiting..");
        stopped.countDown();
    }

    /** So that a stopped server leaves no thread or socket behind (embedders start many in one JVM). */
    private void awaitEventLoopsEnded() {
        try {
            if (!transport.awaitTermination(EVENT_LOOPS_END_TIMEOUT_MILLIS) && !Thread.currentThread().isInterrupted()) {
                LOG.debug("Event loops still ending after {} ms (or shutdown ran on one of them)",
                        EVENT_LOOPS_END_TIMEOUT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@link #shutdown()} has finished, at most {@code timeout}. */
    public boolean awaitShutdown(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    @Override
    public void close() {
        shutdown();
    }
}
