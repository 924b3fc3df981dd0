package io.jnatsd.monitor;

import io.jnatsd.server.LatencyHistogram;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerStats;

import java.util.Locale;

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
        String label = "{server_id=\"" + server.serverId() + "\"}";
        Lines sb = new Lines(openMetrics);
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
        return sb.finish();
    }

    private static void gauge(Lines sb, String label, String name, String help, double value) {
        sb.family(label, name, help, "gauge", "", value);
    }

    private static void counter(Lines sb, String label, String name, String help, double value) {
        sb.family(label, name, help, "counter", sb.openMetrics ? "_total" : "", value);
    }

    /** The text being written, in one of the two formats. */
    private static final class Lines {
        private final StringBuilder sb = new StringBuilder(2048);
        private final boolean openMetrics;

        Lines(boolean openMetrics) {
            this.openMetrics = openMetrics;
        }

        void family(String label, String name, String help, String type, String sampleSuffix, double value) {
            sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                    .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                    .append(name).append(sampleSuffix).append(label).append(' ').append(format(value)).append('\n');
        }

        /** A histogram family: cumulative buckets by {@code le}, then sum and count, in seconds. */
        void histogram(String serverId, String name, String help, LatencyHistogram h) {
            sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                    .append("# TYPE ").append(name).append(" histogram\n");
            long[] bounds = h.boundsNanos();
            long[] counts = h.counts();
            long cumulative = 0;
            for (int i = 0; i < counts.length; i++) {
                cumulative += counts[i];
                String le = i < bounds.length ? format(bounds[i] / 1e9) : "+Inf";
                sb.append(name).append("_bucket{server_id=\"").append(serverId).append("\",le=\"").append(le)
                        .append("\"} ").append(cumulative).append('\n');
            }
            String label = "{server_id=\"" + serverId + "\"}";
            sb.append(name).append("_sum").append(label).append(' ').append(format(h.sumNanos() / 1e9)).append('\n')
                    .append(name).append("_count").append(label).append(' ').append(cumulative).append('\n');
        }

        String finish() {
            if (openMetrics) {
                sb.append("# EOF\n");
            }
            return sb.toString();
        }
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.9f", v).replaceAll("0+$", "");
    }
}
