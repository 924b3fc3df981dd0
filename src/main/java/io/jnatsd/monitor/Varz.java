package io.jnatsd.monitor;

import io.jnatsd.server.GoDurations;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerInfo;
import io.jnatsd.server.ServerStats;

import java.time.Instant;
import java.util.Map;

/**
 * Twin of {@code Varz} in {@code server/monitor.go}: the /varz answer, with the reference's
 * field names, order, types and omit-when-empty rules. Durations are nanoseconds, as Go's
 * {@code time.Duration} marshals. Blocks of features jnatsd has not built (cluster, gateway,
 * leaf, mqtt, websocket) are the reference's empty objects; {@code jetstream} is
 * {@link Jsz#varzBlock}.
 */
record Varz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("server_name") String serverName,
        @JsonProperty("version") String version,
        @JsonProperty("proto") int proto,
        @JsonProperty("go") String go,
        @JsonProperty("host") String host,
        @JsonProperty("port") int port,
        @JsonProperty("auth_required") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean authRequired,
        @JsonProperty("connect_urls") @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<String> connectUrls,
        @JsonProperty("max_connections") int maxConnections,
        @JsonProperty("max_subscriptions") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int maxSubscriptions,
        @JsonProperty("ping_interval") long pingIntervalNanos,
        @JsonProperty("ping_max") int pingMax,
        @JsonProperty("http_host") String httpHost,
        @JsonProperty("http_port") int httpPort,
        @JsonProperty("http_base_path") String httpBasePath,
        @JsonProperty("https_port") int httpsPort,
        @JsonProperty("auth_timeout") double authTimeoutSeconds,
        @JsonProperty("max_control_line") int maxControlLine,
        @JsonProperty("max_payload") int maxPayload,
        @JsonProperty("max_pending") long maxPending,
        @JsonProperty("cluster") Map<String, Object> cluster,
        @JsonProperty("gateway") Map<String, Object> gateway,
        @JsonProperty("leaf") Map<String, Object> leaf,
        @JsonProperty("mqtt") Map<String, Object> mqtt,
        @JsonProperty("websocket") Map<String, Object> websocket,
        @JsonProperty("jetstream") Map<String, Object> jetstream,
        @JsonProperty("tls_timeout") double tlsTimeoutSeconds,
        @JsonProperty("write_deadline") long writeDeadlineNanos,
        @JsonProperty("start") Instant start,
        @JsonProperty("now") Instant now,
        @JsonProperty("uptime") String uptime,
        @JsonProperty("mem") long mem,
        @JsonProperty("cores") int cores,
        @JsonProperty("gomaxprocs") int gomaxprocs,
        @JsonProperty("cpu") double cpu,
        @JsonProperty("connections") int connections,
        @JsonProperty("total_connections") long totalConnections,
        @JsonProperty("routes") int routes,
        @JsonProperty("remotes") int remotes,
        @JsonProperty("leafnodes") int leafnodes,
        @JsonProperty("in_msgs") long inMsgs,
        @JsonProperty("out_msgs") long outMsgs,
        @JsonProperty("in_bytes") long inBytes,
        @JsonProperty("out_bytes") long outBytes,
        @JsonProperty("slow_consumers") long slowConsumers,
        @JsonProperty("subscriptions") long subscriptions,
        @JsonProperty("http_req_stats") Map<String, Long> httpReqStats,
        @JsonProperty("config_load_time") Instant configLoadTime,
        @JsonProperty("system_account") @JsonInclude(JsonInclude.Include.NON_NULL) String systemAccount) {

    private static String systemAccountName(NatsServer server) {
        io.jnatsd.account.Account sys = server.accountRegistry().system();
        return sys == null ? null : sys.name();
    }

    /** The reference's default TLS timeout, in seconds, reported when there is no TLS. */
    static final double TLS_TIMEOUT_SECONDS_DEFAULT = 2;

    /**
     * Collects /varz from the server now. Thread-safe.
     *
     * @param httpPort   the monitor's bound port, 0 when it serves HTTPS
     * @param httpsPort  the monitor's bound HTTPS port, 0 when it serves HTTP
     * @param reqStats   requests served per path, including this one
     */
    static Varz collect(NatsServer server, int httpPort, int httpsPort, Map<String, Long> reqStats,
                        ProcessUsage usage) {
        ServerOptions o = server.options();
        ServerStats st = server.stats();
        Instant now = Instant.now();
        int cores = Runtime.getRuntime().availableProcessors();
        boolean ready = server.info() != null;
        return new Varz(server.serverId(), ready ? server.info().serverName() : server.serverId(),
                ServerInfo.REFERENCE_VERSION, ServerInfo.PROTO, "java" + Runtime.version().feature(), o.host(),
                ready ? server.clientPort() : o.port(), ready && server.info().authRequired(),
                ready ? server.info().connectUrls() : java.util.List.of(),
                o.maxConnections(), o.maxSubscriptions(), o.pingInterval().toNanos(), o.pingMax(), o.httpHost(),
                httpPort, o.httpBasePath(), httpsPort, o.auth().timeout().toNanos() / 1e9, o.maxControlLine(),
                o.maxPayload(), o.maxPendingBytes(), RoutesView.clusterBlock(server), Map.of(), Map.of(), Map.of(),
                Map.of(), Jsz.varzBlock(server), o.tls() == null ? TLS_TIMEOUT_SECONDS_DEFAULT : o.tls().timeout().toNanos() / 1e9,
                o.writeDeadline().toNanos(), server.startTime(), now,
                GoDurations.uptime(server.uptimeNanos()), ProcessUsage.residentBytes(), cores, cores,
                usage.cpuPercent(), server.numClients(), st.totalConnections(), RoutesView.numRoutes(server),
                RoutesView.numRoutes(server), 0, st.inMsgs(), st.outMsgs(),
                st.inBytes(), st.outBytes(), st.slowConsumers(), server.numSubscriptions(), reqStats,
                server.startTime(), systemAccountName(server));
    }
}
