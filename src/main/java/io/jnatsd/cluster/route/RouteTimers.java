package io.jnatsd.cluster.route;

import io.jnatsd.protocol.ProtocolErrors;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A route's timers: the keep-alive PING (the first after at most a second, then at the ping interval, at most
 * every 30 seconds as the reference's {@code routeMaxPingInterval}) with its stale check, and, on an accepted route
 * when route credentials are configured, the auth timer that closes a peer that sends no
 * CONNECT in time. Both stop when the channel closes.
 *
 * <p>Thread-safe: each timer runs on its route's event loop.
 */
final class RouteTimers {

    /** The reference's {@code defaultRouteMaxPingInterval}. */
    static final Duration MAX_PING_INTERVAL = Duration.ofSeconds(30);
    /** The reference's {@code firstPingInterval}: a route's first PING comes soon, to measure its RTT. */
    static final Duration FIRST_PING_INTERVAL = Duration.ofSeconds(1);

    private final long pingNanos;
    private final int pingMax;
    private final long authTimeoutNanos;
    private final boolean authRequired;

    RouteTimers(Duration pingInterval, int pingMax, Duration authTimeout, boolean authRequired) {
        this.pingNanos = Math.min(pingInterval.toNanos(), MAX_PING_INTERVAL.toNanos());
        this.pingMax = pingMax;
        this.authTimeoutNanos = authTimeout.toNanos();
        this.authRequired = authRequired;
    }

    void start(RouteConnection route) {
        EventLoop loop = route.channel().eventLoop();
        long first = Math.min(pingNanos, FIRST_PING_INTERVAL.toNanos());
        // Up to 20% more for the first one, as the reference spreads its first PINGs.
        first += ThreadLocalRandom.current().nextLong(Math.max(1, first / 5));
        ScheduledFuture<?> ping = loop.scheduleAtFixedRate(() -> route.onPingTimer(pingMax), first, pingNanos,
                TimeUnit.NANOSECONDS);
        ScheduledFuture<?> auth = authRequired && !route.solicited()
                ? loop.schedule(() -> onAuthTimeout(route), authTimeoutNanos, TimeUnit.NANOSECONDS) : null;
        route.channel().closeFuture().addListener(f -> {
            ping.cancel(false);
            if (auth != null) {
                auth.cancel(false);
            }
        });
    }

    private static void onAuthTimeout(RouteConnection route) {
        if (route.awaitingConnect()) {
            route.sendProtoNow(("-ERR '" + ProtocolErrors.AUTHENTICATION_TIMEOUT + "'\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            route.close("Authentication Timeout");
        }
    }
}
