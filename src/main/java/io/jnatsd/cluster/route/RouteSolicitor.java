package io.jnatsd.cluster.route;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ClusterOptionsReader;
import io.jnatsd.server.NatsServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Twin of {@code connectToRoute}, {@code reConnectToRoute} and {@code processImplicitRoute} in
 * {@code server/route.go}: dials routes. An explicit (configured) route is tried for ever, every
 * {@link #CONNECT_DELAY_MILLIS}; an implicit one (learned by gossip) is tried once plus
 * {@code connect_retries} times. A lost route that this server dialled is dialled again after
 * {@link #RECONNECT_DELAY_MILLIS} plus up to 100 ms of jitter (explicit), or the jitter alone
 * (an implicit route marked to retry after a duplicate).
 *
 * <p>Thread-safe.
 */
final class RouteSolicitor {

    private static final Logger LOG = LoggerFactory.getLogger(RouteSolicitor.class);
    /** The reference's {@code DEFAULT_ROUTE_CONNECT}. */
    static final long CONNECT_DELAY_MILLIS = 1000;
    /** The reference's {@code DEFAULT_ROUTE_RECONNECT}. */
    static final long RECONNECT_DELAY_MILLIS = 1000;
    /** The reference's {@code DEFAULT_ROUTE_DIAL}. */
    static final int DIAL_TIMEOUT_MILLIS = 1000;
    /** Connect errors are logged at error level for the first attempt and then every this many. */
    static final int REPORT_EVERY_ATTEMPTS = 3600;
    /** The pinned account a dialled channel is dedicated to (absent for a pool route). */
    static final AttributeKey<String> DIAL_ACCOUNT = AttributeKey.valueOf("jnatsd.route.account");

    private final RouteModule module;
    private final NatsServer server;
    private final Set<String> dialling = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    RouteSolicitor(RouteModule module) {
        this.module = module;
        this.server = module.server();
    }

    void stop() {
        stopped = true;
    }

    /** Starts dialling every configured route. */
    void solicitConfigured(ClusterOptions options) {
        for (URI url : options.routes()) {
            dial(url, true, 0, null);
        }
    }

    /**
     * The next connection of a peer's pool, once its previous one is registered (the reference's
     * {@code startNewRoute}, dialled after the first PONG).
     */
    void dialPoolMember(URI url, boolean explicit) {
        dial(url, explicit, 0, null);
    }

    /** The dedicated route of a pinned {@code account} to the peer at {@code url}. */
    void dialPinned(URI url, boolean explicit, String account) {
        dial(url, explicit, 0, account);
    }

    /** Starts dialling routes a reload added. */
    void solicit(List<URI> urls) {
        for (URI url : urls) {
            dial(url, true, 0, null);
        }
    }

    /** Whether an explicit route is still configured (a reload may have removed it). */
    private boolean stillConfigured(URI url, boolean explicit) {
        return !explicit || module.options().routes().contains(url);
    }

    /** A peer told us of a server we may not know: dial it unless we know it or it is configured. */
    void connectImplicit(RouteProtocolJson.PeerInfo info) {
        // A peer's dedicated (pinned-account) routes are dialled once its pool's first route is up, not on gossip.
        if (info.id().equals(server.serverId()) || module.registry().hasRemote(info.id()) || isConfigured(info)
                || info.ip().isEmpty() || !info.routeAccount().isEmpty()) {
            return;
        }
        URI url;
        try {
            url = ClusterOptionsReader.parseRouteUrl(info.ip());
        } catch (IllegalArgumentException e) {
            LOG.error("Error parsing URL from INFO: {}", e.getMessage());
            return;
        }
        if (dialling.add(key(url))) {
            dial(url, false, 0, null);
        }
    }

    private boolean isConfigured(RouteProtocolJson.PeerInfo info) {
        String hp = RouteConnection.hostPort(info.host(), info.port()).toLowerCase(Locale.ROOT);
        for (URI u : module.options().routes()) {
            if (RouteConnection.hostPort(u.getHost(), u.getPort()).toLowerCase(Locale.ROOT).equals(hp)) {
                return true;
            }
        }
        return false;
    }

    /** {@code route} closed and wants to come back. */
    void reconnect(RouteConnection route) {
        if (!stillConfigured(route.url(), route.explicit())) {
            return;
        }
        long delay = ThreadLocalRandom.current().nextLong(100) + (route.explicit() ? RECONNECT_DELAY_MILLIS : 0);
        URI url = route.url();
        boolean explicit = route.explicit();
        String account = route.slot().account();
        schedule(() -> dial(url, explicit, 0, account), delay);
    }

    private void dial(URI url, boolean explicit, int attempts, String account) {
        if (stopped || !stillConfigured(url, explicit) || account != null && !module.pool().isPinned(account)) {
            // Not wanted any more: a reload removed the route, or the account's dedicated routes.
            return;
        }
        Bootstrap b = new Bootstrap()
                .group(server.ioGroup())
                .channel(server.socketChannelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, DIAL_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .attr(DIAL_ACCOUNT, account)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        RouteTls tls = module.tls();
                        if (tls != null) {
                            tls.addDialling(ch, url);
                        }
                        ch.pipeline().addLast(RouteModule.PIPELINE_NAME, new RouteChannelHandler(module, url, explicit));
                    }
                });
        LOG.debug("Trying to connect to route on {}", url.getHost() + ":" + url.getPort());
        ChannelFuture f;
        try {
            f = b.connect(url.getHost(), url.getPort());
        } catch (RuntimeException e) {
            onDialFailed(url, explicit, attempts + 1, account, e);
            return;
        }
        f.addListener(done -> {
            if (done.isSuccess()) {
                dialling.remove(key(url));
            } else {
                onDialFailed(url, explicit, attempts + 1, account, done.cause());
            }
        });
    }

    private void onDialFailed(URI url, boolean explicit, int attempts, String account, Throwable cause) {
        String text = "Error trying to connect to route (attempt " + attempts + "): " + cause.getMessage();
        if (attempts == 1 || attempts % REPORT_EVERY_ATTEMPTS == 0) {
            LOG.error(text);
        } else {
            LOG.debug(text);
        }
        int retries = module.options().connectRetries();
        if (stopped || !stillConfigured(url, explicit) || !explicit && (retries <= 0 || attempts > retries)) {
            dialling.remove(key(url));
            return;
        }
        schedule(() -> dial(url, explicit, attempts, account), CONNECT_DELAY_MILLIS);
    }

    private void schedule(Runnable task, long delayMillis) {
        if (stopped) {
            return;
        }
        EventLoop loop = server.ioGroup().next();
        try {
            loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            LOG.debug("Not dialling route, the server is shutting down");
        }
    }

    /** Whether an implicit route to {@code url} is still being dialled (retries not used up). */
    boolean isDiallingImplicit(URI url) {
        return dialling.contains(key(url));
    }

    private static String key(URI url) {
        return url.getHost() + ":" + url.getPort();
    }
}
