package io.jnatsd.monitor;

import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerStats;

/**
 * /metrics: the server's counters in the Prometheus text exposition format (version 0.0.4),
 * or OpenMetrics 1.0 when the scraper's Accept header asks for it (counter samples then end
 * in {@code _total}, and the text in {@code # EOF}). Names follow what
 * prometheus-nats-exporter derives from /varz ({@code gnatsd_varz_*}), so existing
 * dashboards read jnatsd without an exporter. Each line carries the {@code server_id} label.
 * The names are listed in {@code docs/monitoring.md}. Stateless.
 */
final class PrometheusMetrics {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String OPENMETRICS_MEDIA_TYPE = "application/openmetrics-text";

    private PrometheusMetrics() {
    }

    /** Whether the Accept header asks for OpenMetrics. */
    static boolean wantsOpenMetrics(String accept) {
        return accept != null && accept.contains(OPENMETRICS_MEDIA_TYPE);
    }

    static String render(NatsServer server, ClosedConnections closed, boolean openMetrics) {
        ServerStats st = server.stats();
        String label = MetricsText.labels("server_id", server.serverId());
        MetricsText sb = new MetricsText(openMetrics);
        gauge(sb, label, "gnatsd_varz_connections", "Open client connections", server.numClients());
        counter(sb, label, "gnatsd_varz_total_connections", "Client connections accepted since start",
                st.totalConnections());
        gauge(sb, label, "gnatsd_varz_subscriptions", "Subscriptions in all accounts", server.numSubscriptions());
        counter(sb, label, "gnatsd_varz_in_msgs", "Messages received from clients", st.inMsgs());
        counter(sb, label, "gnatsd_varz_out_msgs", "Messages delivered to clients", st.outMsgs());
        counter(sb, label, "gnatsd_varz_in_bytes", "Payload bytes received from clients", st.inBytes());
        counter(sb, label, "gnatsd_varz_out_bytes", "Payload bytes delivered to clients", st.outBytes());
        counter(sb, label, "gnatsd_varz_slow_consumers", "Connections cut as slow consumers", st.slowConsumers());
        gauge(sb, label, "gnatsd_varz_routes", "Route connections", RoutesView.numRoutes(server));
        gauge(sb, label, "gnatsd_varz_remotes", "Remote servers", 0);
        gauge(sb, label, "gnatsd_varz_leafnodes", "Leaf node connections", 0);
        gauge(sb, label, "gnatsd_varz_mem", "Resident memory of the process in bytes", ProcessUsage.residentBytes());
        gauge(sb, label, "gnatsd_varz_cores", "Processors available", Runtime.getRuntime().availableProcessors());
        gauge(sb, label, "gnatsd_varz_max_connections", "Client connections allowed",
                server.options().maxConnections());
        gauge(sb, label, "gnatsd_varz_max_payload", "Largest message accepted in bytes", server.options().maxPayload());
        gauge(sb, label, "gnatsd_varz_uptime_seconds", "Seconds since the server started",
                server.uptimeNanos() / 1e9);
        counter(sb, label, "jnatsd_auth_failures", "Connections refused for bad or missing credentials or an auth timeout",
                st.authFailures());
        counter(sb, label, "jnatsd_closed_connections", "Client connections closed since monitoring started",
                closed.totalClosed());
        sb.histogram(server.serverId(), "jnatsd_read_batch_seconds",
                "Time from a client read batch's arrival to the flush of the deliveries it made",
                st.readBatchLatency());
        AccountMetrics.render(sb, server);
        JetStreamMetrics.render(sb, server);
        return sb.finish();
    }

    private static void gauge(MetricsText sb, String label, String name, String help, double value) {
        sb.family(label, name, help, "gauge", value);
    }

    private static void counter(MetricsText sb, String label, String name, String help, double value) {
        sb.family(label, name, help, "counter", value);
    }
}
