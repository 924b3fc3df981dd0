package io.jnatsd.server;

import io.jnatsd.config.ServerOptions;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Twin of the ping timer in {@code server/client.go} ({@code setFirstPingTimer},
 * {@code processPingTimer}): pings a client every {@code ping_interval} and calls it stale
 * after {@code ping_max} pings go unanswered. The first ping after CONNECT comes sooner,
 * so a dead peer is found early, and a client that was heard from recently is not pinged.
 *
 * <p>Event loop only.
 */
final class ClientKeepAlive {

    /** The first ping after CONNECT comes at most this soon (the reference's firstPingInterval). */
    static final long FIRST_PING_MILLIS = 2_000;
    /** Up to this share of the interval is added at random, so clients do not all ping at once. */
    static final double JITTER = 0.2;

    private final ClientConnection connection;
    private final EventLoop eventLoop;
    private long intervalNanos;
    private int pingMax;
    private ScheduledFuture<?> timer;
    private int pingsOut;
    private long lastActivityNanos = System.nanoTime();

    ClientKeepAlive(ClientConnection connection, EventLoop eventLoop, ServerOptions options) {
        this.connection = connection;
        this.eventLoop = eventLoop;
        this.intervalNanos = options.pingInterval().toNanos();
        this.pingMax = options.pingMax();
    }

    /** A reload changed {@code ping_interval} or {@code ping_max}: the next ping follows the new interval. */
    void reconfigure(ServerOptions options) {
        long newInterval = options.pingInterval().toNanos();
        pingMax = options.pingMax();
        if (newInterval != intervalNanos) {
            intervalNanos = newInterval;
            if (timer != null) {
                schedule(intervalNanos);
            }
        }
    }

    void start() {
        schedule(intervalNanos);
    }

    void onConnectReceived() {
        schedule(Math.min(intervalNanos, TimeUnit.MILLISECONDS.toNanos(FIRST_PING_MILLIS)));
    }

    void onActivity() {
        lastActivityNanos = System.nanoTime();
    }

    /** When the client was last heard from, on the {@link System#nanoTime} clock. */
    long lastActivityNanos() {
        return lastActivityNanos;
    }

    void onPong() {
        pingsOut = 0;
        lastActivityNanos = System.nanoTime();
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule(long delayNanos) {
        stop();
        long jitter = (long) (delayNanos * JITTER * ThreadLocalRandom.current().nextDouble());
        timer = eventLoop.schedule(this::onTimer, delayNanos + jitter, TimeUnit.NANOSECONDS);
    }

    private void onTimer() {
        timer = null;
        if (connection.state().closed()) {
            return;
        }
        boolean recentlyHeard = System.nanoTime() - lastActivityNanos < intervalNanos;
        if (recentlyHeard && pingsOut == 0) {
            schedule(intervalNanos);
            return;
        }
        if (++pingsOut > pingMax) {
            connection.onStale();
            return;
        }
        connection.sendPing();
        connection.flushes().flushAll();
        schedule(intervalNanos);
    }
}
