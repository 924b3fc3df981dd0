package io.jnatsd.monitor;

import io.jnatsd.cluster.route.RouteModule;
import io.jnatsd.cluster.route.RouteSnapshot;
import io.jnatsd.server.GoDurations;
import io.jnatsd.server.NatsServer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route parts of /routez and /varz (the reference's {@code RouteInfo} and
 * {@code ClusterOptsVarz} in {@code server/monitor.go}), read from the {@link RouteModule} when
 * clustering runs. Stateless.
 */
final class RoutesView {

    private RoutesView() {
    }

    /** The /varz {@code cluster} block: empty without clustering. */
    static Map<String, Object> clusterBlock(NatsServer server) {
        RouteModule m = server.module(RouteModule.class).orElse(null);
        if (m == null) {
            return Map.of();
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", m.clusterName());
        c.put("addr", m.options().host());
        c.put("cluster_port", m.routePort());
        c.put("auth_timeout", m.options().authTimeout().toNanos() / 1e9);
        if (!m.routeUrls().isEmpty()) {
            c.put("urls", m.routeUrls());
        }
        c.put("tls_timeout", m.tlsRequired() ? m.tlsTimeoutSeconds() : Varz.TLS_TIMEOUT_SECONDS_DEFAULT);
        if (m.tlsRequired()) {
            c.put("tls_required", true);
            c.put("tls_verify", true);
        }
        if (m.poolSize() != 0) {
            c.put("pool_size", m.poolSize());
        }
        return c;
    }

    /** How many routes are up. */
    static int numRoutes(NatsServer server) {
        return server.module(RouteModule.class).map(m -> m.routes(false).size()).orElse(0);
    }

    /** The routes of /routez, each in the reference's field order. */
    static List<Map<String, Object>> routes(NatsServer server, boolean withSubs) {
        RouteModule m = server.module(RouteModule.class).orElse(null);
        if (m == null) {
            return List.of();
        }
        Instant now = Instant.now();
        List<Map<String, Object>> out = new ArrayList<>();
        for (RouteSnapshot r : m.routes(withSubs)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("rid", r.rid());
            e.put("remote_id", r.remoteId());
            e.put("remote_name", r.remoteName());
            e.put("did_solicit", r.didSolicit());
            e.put("is_configured", r.isConfigured());
            e.put("ip", r.ip());
            e.put("port", r.port());
            e.put("start", r.start());
            e.put("last_activity", r.lastActivity());
            e.put("uptime", GoDurations.uptime(Duration.between(r.start(), now).toNanos()));
            e.put("idle", GoDurations.uptime(Math.max(0, Duration.between(r.lastActivity(), now).toNanos())));
            e.put("pending_size", r.pendingBytes());
            e.put("in_msgs", r.inMsgs());
            e.put("out_msgs", r.outMsgs());
            e.put("in_bytes", r.inBytes());
            e.put("out_bytes", r.outBytes());
            e.put("subscriptions", r.subscriptions());
            if (!r.account().isEmpty()) {
                e.put("account", r.account());
            }
            if (!r.compression().isEmpty()) {
                e.put("compression", r.compression());
            }
            if (withSubs && !r.subscriptionsList().isEmpty()) {
                e.put("subscriptions_list", r.subscriptionsList());
            }
            out.add(e);
        }
        return out;
    }
}
