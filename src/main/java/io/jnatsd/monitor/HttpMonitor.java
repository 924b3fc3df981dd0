package io.jnatsd.monitor;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.ListenException;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerModule;
import io.jnatsd.tls.ClientTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Twin of {@code startMonitoring} in {@code server/server.go}: the HTTP monitoring listener
 * on {@code http_host:http_port} (-1 picks a free port), served by Netty's HTTP codec on its
 * own event loop so that a slow scrape never delays clients. Started by the server through
 * {@link ServerModule} when {@code http_port} is set.
 *
 * <p>Thread-safe.
 */
public final class HttpMonitor implements ServerModule {

    private static final Logger LOG = LoggerFactory.getLogger(HttpMonitor.class);
    /** Largest request accepted: monitoring requests are a GET line and a few headers. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    static final String HANDLER_TLS = "tls";
    static final String HANDLER_HTTP_CODEC = "http-codec";
    static final String HANDLER_AGGREGATOR = "http-aggregator";
    static final String HANDLER_MONITOR = "monitor";

    private volatile EventLoopGroup group;
    private volatile ExecutorService worker;
    private volatile Channel listener;
    private volatile NatsServer server;
    private volatile ClosedConnections closed;

    /**
     * Binds the monitoring port when {@code http_port} is not 0, else the HTTPS one when
     * {@code https_port} is not 0 (with the certificate of {@code tls {}}, no client
     * certificate asked), as {@code StartMonitoring} does; logs as the reference.
     */
    @Override
    public boolean start(NatsServer server) throws InterruptedException {
        ServerOptions o = server.options();
        boolean secure = o.httpPort() == 0 && o.httpsPort() != 0;
        if (o.httpPort() == 0 && !secure) {
            return false;
        }
        if (secure && o.tls() == null) {
            throw new ListenException("TLS cert and key required for HTTPS", null);
        }
        ClientTls tls = secure ? ClientTls.forMonitor(o.tls()) : null;
        int wanted = secure ? o.httpsPort() : o.httpPort();
        this.server = server;
        this.closed = new ClosedConnections(ClosedConnections.MAX_CLOSED_CLIENTS_DEFAULT);
        server.addClientListener(closed);
        MonitorEndpoints endpoints = new MonitorEndpoints(server, new MonitorPaths(o.httpBasePath()), closed);
        MonitorHttpHandler handler = new MonitorHttpHandler(endpoints, runWorker());
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jnatsd-monitor-http"),
                NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(HANDLER_TLS, tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(HANDLER_HTTP_CODEC, new HttpServerCodec())
                                .addLast(HANDLER_AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(HANDLER_MONITOR, handler);
                    }
                });
        int port = wanted == ServerOptions.RANDOM_PORT ? 0 : wanted;
        try {
            listener = b.bind(o.httpHost(), port).sync().channel();
        } catch (InterruptedException e) {
            stop();
            throw e;
        } catch (Exception e) {
            // Netty rethrows the bind's IOException unchecked.
            stop();
            throw new ListenException("can't listen to the monitor port: " + o.httpHost() + ":" + wanted
                    + ": " + e.getMessage(), e);
        }
        if (secure) {
            endpoints.setHttpsPort(port());
        } else {
            endpoints.setHttpPort(port());
        }
        LOG.info("Starting {} monitor on {}:{}", secure ? "https" : "http", o.httpHost(), port());
        return true;
    }

    private ExecutorService runWorker() {
        worker = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jnatsd-monitor-", 0).factory());
        return worker;
    }

    /** The bound monitoring port (the real one when -1 asked for a random port). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** How long {@link #stop()} waits for the HTTP thread to end. */
    static final long STOP_TIMEOUT_MILLIS = 5_000;

    @Override
    public void stop() {
        NatsServer s = server;
        if (s != null && closed != null) {
            s.removeClientListener(closed);
        }
        Channel l = listener;
        if (l != null) {
            l.close().awaitUninterruptibly();
        }
        EventLoopGroup g = group;
        if (g != null) {
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            awaitEnded(g);
        }
        ExecutorService w = worker;
        if (w != null) {
            w.shutdownNow();
        }
    }

    /** The HTTP thread ends before stop returns, unless stop runs on it. */
    private static void awaitEnded(EventLoopGroup g) {
        for (io.netty.util.concurrent.EventExecutor e : g) {
            if (e.inEventLoop()) {
                return;
            }
        }
        g.terminationFuture().awaitUninterruptibly(STOP_TIMEOUT_MILLIS);
    }
}
