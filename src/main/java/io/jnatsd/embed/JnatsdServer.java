package io.jnatsd.embed;

import io.jnatsd.cluster.route.RouteModule;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.monitor.HttpMonitor;
import io.jnatsd.server.NatsServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A jnatsd server inside this JVM, for tests and for applications that want their own NATS
 * server. Built with {@link #builder()}: by default it listens on 127.0.0.1 on a random free
 * port, and with JetStream on it stores into a temporary directory that is removed on stop.
 *
 * <pre>{@code
 * try (JnatsdServer nats = JnatsdServer.builder().jetStream(true).start()) {
 *     Connection c = Nats.connect(nats.clientUrl());
 * }
 * }</pre>
 *
 * <p>A server starts once and stops once; {@link #stop()} returns after its threads, sockets
 * and temporary files are gone, so that many servers can start one after another in one JVM.
 *
 * <p>Thread-safe.
 */
public final class JnatsdServer implements AutoCloseable {

    /** How long {@link #stop()} waits for the server to finish closing its connections and threads. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private volatile ServerOptions options;
    private Path tempStoreDir;
    private NatsServer server;
    private boolean stopped;

    /** With JetStream on and no store directory, {@link #start()} makes a temporary one. */
    JnatsdServer(ServerOptions options) {
        this.options = options;
    }

    /** A builder with the embedded defaults: host 127.0.0.1, a random port, JetStream off. */
    public static JnatsdServerBuilder builder() {
        return new JnatsdServerBuilder();
    }

    /**
     * Starts the server and returns once it accepts clients. Thread-safe.
     *
     * @return this server
     * @throws JnatsdStartException when the port cannot be bound, the options are refused, or
     *                              the calling thread is interrupted (its interrupt flag stays set)
     * @throws IllegalStateException when this server was started before
     */
    public synchronized JnatsdServer start() {
        if (server != null || stopped) {
            throw new IllegalStateException("an embedded server starts once; build a new one");
        }
        if (options.jetStream() && options.storeDir() == null) {
            tempStoreDir = TempStoreDir.create();
            options = options.toBuilder().storeDir(tempStoreDir).build();
        }
        NatsServer s;
        try {
            s = new NatsServer(options);
            s.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            removeTempStore();
            throw new JnatsdStartException("interrupted while starting", e);
        } catch (RuntimeException e) {
            removeTempStore();
            throw new JnatsdStartException("could not start: " + e.getMessage(), e);
        }
        server = s;
        return this;
    }

    /**
     * Stops the server: closes its listener and clients, waits up to {@link #STOP_TIMEOUT} for
     * its threads to end, and removes the temporary store directory if it made one. Idempotent;
     * thread-safe.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        NatsServer s = server;
        if (s != null) {
            s.shutdown();
            try {
                s.awaitShutdown(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        removeTempStore();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void removeTempStore() {
        if (tempStoreDir != null) {
            TempStoreDir.delete(tempStoreDir);
        }
    }

    /** True between {@link #start()} and {@link #stop()}. Thread-safe. */
    public synchronized boolean isRunning() {
        return server != null && !stopped;
    }

    /** The port clients connect to (the bound one when the port was random). Thread-safe. */
    public int port() {
        return running().clientPort();
    }

    /** The host the server listens on, as configured ({@code 127.0.0.1} by default). */
    public String host() {
        return options.host();
    }

    /**
     * The URL a client on this machine uses, {@code nats://host:port}; a wildcard listen
     * address ({@code 0.0.0.0}, {@code ::}) becomes the loopback address. Thread-safe.
     */
    public String clientUrl() {
        return "nats://" + clientHost(options.host()) + ":" + port();
    }

    static String clientHost(String listenHost) {
        if (listenHost.isEmpty() || "0.0.0.0".equals(listenHost)) {
            return "127.0.0.1";
        }
        if ("::".equals(listenHost) || "[::]".equals(listenHost)) {
            return "[::1]";
        }
        if (listenHost.indexOf(':') >= 0 && !listenHost.startsWith("[")) {
            return "[" + listenHost + "]";
        }
        return listenHost;
    }

    /** The server's name: the one configured, else its id. Thread-safe. */
    public String serverName() {
        return running().info().serverName();
    }

    /** The server's unique id (an nkey public key, as the reference's). Thread-safe. */
    public String serverId() {
        return running().serverId();
    }

    /** Whether JetStream was asked for, by the builder or the conf. */
    public boolean isJetStreamEnabled() {
        return options.jetStream();
    }

    /** The JetStream store directory: the configured one, or the temporary one; empty without JetStream. */
    public Optional<Path> storeDir() {
        return options.jetStream() ? Optional.ofNullable(options.storeDir()) : Optional.empty();
    }

    /** The HTTP monitoring port while the server runs with monitoring on; empty otherwise. Thread-safe. */
    public OptionalInt monitorPort() {
        NatsServer s = running();
        return s.module(HttpMonitor.class).map(m -> OptionalInt.of(m.port())).orElse(OptionalInt.empty());
    }

    /**
     * Other cluster nodes this server has routes to now (each over a pool of route connections); 0 when the
     * server is not a cluster node. Thread-safe.
     */
    public int numRoutes() {
        return running().module(RouteModule.class).map(RouteModule::numRemotes).orElse(0);
    }

    /** The port routes connect to (0 when the server is not a cluster node). Thread-safe. */
    int routePort() {
        return running().module(RouteModule.class).map(RouteModule::routePort).orElse(0);
    }

    /** Client connections open now. Thread-safe. */
    public int numClients() {
        return running().numClients();
    }

    private synchronized NatsServer running() {
        if (server == null) {
            throw new IllegalStateException("the embedded server is not started");
        }
        return server;
    }

    @Override
    public String toString() {
        NatsServer s;
        synchronized (this) {
            s = server;
        }
        return "JnatsdServer[" + (s == null ? "not started" : clientHost(options.host()) + ":" + s.clientPort())
                + (options.jetStream() ? ", jetstream" : "") + (stopped ? ", stopped" : "") + "]";
    }
}
