package io.jnatsd.account.imports;

import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.Subscription;
import io.jnatsd.account.latency.LatencyTracking;
import io.jnatsd.server.InternalConnection;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twin of the response service imports of {@code server/accounts.go} ({@code newServiceReply},
 * {@code addRespServiceImport}, {@code processServiceImportResponse}): in an exporting account,
 * maps each {@code _R_.} reply it handed out back to the requester's reply in the importing
 * account, and carries the responses there.
 *
 * <p>Thread-safe: routes are added by requesters' threads and used by responders' threads.
 */
final class ServiceReplies {

    /** The reference's reply prefix for service imports. */
    static final String REPLY_PREFIX = "_R_.";
    /** How long a stream or chunked route lives (the reference's default response threshold). */
    static final Duration ROUTE_TTL = Duration.ofMinutes(2);
    /** Routes kept before expired ones are swept. */
    static final int SWEEP_AT = 10_000;
    private static final char[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** Lengths of the random tokens, as the reference's {@code _R_.xxxxxx.yyyyyy}. */
    private static final int PREFIX_CHARS = 6;
    private static final int TOKEN_CHARS = 6;

    private final SecureRandom random = new SecureRandom();
    private final String prefix;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final InternalConnection responder;
    private final Subscription subscription;

    private record Route(String reply, InternalConnection requester, ExportConfig.ResponseType type,
                         long expiresNanos, LatencyTracking.Sample latency) {
    }

    ServiceReplies(InternalConnection responder) {
        this.responder = responder;
        this.prefix = REPLY_PREFIX + randomToken(PREFIX_CHARS) + ".";
        this.subscription = responder.subscribe(prefix + ">", null,
                (InternalConnection.OriginAwareHandler) this::onResponse);
    }

    /**
     * A reply subject in the exporting account that leads back to {@code reply} of {@code requester}.
     *
     * @param latency the request's latency sample, completed by its first response, or null
     */
    String route(String reply, InternalConnection requester, ExportConfig.ResponseType type,
                 LatencyTracking.Sample latency) {
        long now = System.nanoTime();
        if (routes.size() >= SWEEP_AT) {
            routes.values().removeIf(r -> r.expiresNanos - now < 0);
        }
        String mapped = prefix + randomToken(TOKEN_CHARS);
        routes.put(mapped, new Route(reply, requester, type, now + ROUTE_TTL.toNanos(), latency));
        return mapped;
    }

    private void onResponse(Subscription sub, String subject, String reply, byte[] headers, byte[] payload,
                            Object origin) {
        Route r = routes.get(subject);
        if (r == null) {
            return;
        }
        if (r.type == ExportConfig.ResponseType.SINGLETON || r.expiresNanos - System.nanoTime() < 0) {
            if (!routes.remove(subject, r) || r.expiresNanos - System.nanoTime() < 0) {
                return;
            }
        }
        r.requester.publish(r.reply, reply, headers, payload);
        if (r.latency != null) {
            r.latency.onResponse(origin);
        }
    }

    private String randomToken(int chars) {
        char[] out = new char[chars];
        for (int i = 0; i < chars; i++) {
            out[i] = DIGITS[random.nextInt(DIGITS.length)];
        }
        return new String(out);
    }

    void close() {
        responder.unsubscribe(subscription);
        routes.clear();
    }
}
