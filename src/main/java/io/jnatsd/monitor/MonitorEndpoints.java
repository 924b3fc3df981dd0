package io.jnatsd.monitor;

import io.jnatsd.server.ClientSnapshot;
import io.jnatsd.server.NatsServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Twin of the handler set of {@code startMonitoring} ({@code server/server.go}) and the
 * {@code Handle*} functions of {@code server/monitor.go}: turns one request into one
 * answer, counts it in {@code http_req_stats}, and maps bad input to the reference's 400
 * texts. Thread-safe; it blocks while open connections are snapshotted, so it runs off the
 * server's I/O threads.
 */
final class MonitorEndpoints {

    /** How long /connz waits for the I/O threads to snapshot their connections. */
    static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(5);

    private final NatsServer server;
    private final MonitorPaths paths;
    private final ClosedConnections closed;
    private final ProcessUsage usage = new ProcessUsage();
    private final Map<String, LongAdder> requestStats = new ConcurrentHashMap<>();
    private volatile int httpPort;
    private volatile int httpsPort;

    MonitorEndpoints(NatsServer server, MonitorPaths paths, ClosedConnections closed) {
        this.server = server;
        this.paths = paths;
        this.closed = closed;
    }

    void setHttpPort(int port) {
        this.httpPort = port;
    }

    void setHttpsPort(int port) {
        this.httpsPort = port;
    }

    /** Requests served per endpoint path, as /varz shows them (sorted, as Go writes a map). */
    Map<String, Long> requestStats() {
        Map<String, Long> out = new TreeMap<>();
        requestStats.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Answers a GET of {@code path} with {@code query}.
     *
     * @param accept the request's Accept header, or empty; only /metrics reads it
     */
    MonitorResponse handle(String path, QueryParams query, String accept) throws InterruptedException {
        String endpoint = paths.endpointOf(path);
        if (endpoint == null) {
            return MonitorResponse.notFound();
        }
        try {
            if (!MonitorResponse.isValidCallback(query.get("callback"))) {
                throw new BadRequestException("invalid callback: use letters, digits, '_', '$' and '.'");
            }
            return dispatch(endpoint, query, accept);
        } catch (BadRequestException e) {
            return MonitorResponse.text(400, e.getMessage());
        }
    }

    private MonitorResponse dispatch(String endpoint, QueryParams q, String accept)
            throws BadRequestException, InterruptedException {
        String id = server.serverId();
        return switch (endpoint) {
            case MonitorPaths.ROOT -> html(count(MonitorPaths.ROOT, IndexPage.render(paths)));
            case MonitorPaths.VARZ -> {
                count(MonitorPaths.VARZ, null);
                yield ok(Varz.collect(server, httpPort, httpsPort, requestStats(), usage), q);
            }
            case MonitorPaths.CONNZ -> connz(q);
            case MonitorPaths.ROUTEZ -> ok(Routez.of(server, q), q, MonitorPaths.ROUTEZ);
            case MonitorPaths.GATEWAYZ -> ok(Gatewayz.of(id, q), q, MonitorPaths.GATEWAYZ);
            case MonitorPaths.LEAFZ -> ok(Leafz.of(id, q), q, MonitorPaths.LEAFZ);
            case MonitorPaths.SUBSZ, MonitorPaths.SUBSCRIPTIONSZ -> {
                count(MonitorPaths.SUBSZ, null);
                yield MonitorResponse.ok(MonitorJson.pretty(Subsz.answer(server, q)), q);
            }
            case MonitorPaths.STACKSZ -> MonitorResponse.text(200, Stacksz.dump());
            case MonitorPaths.ACCOUNTZ -> ok(Accountz.of(server, q), q, MonitorPaths.ACCOUNTZ);
            case MonitorPaths.ACCSTATZ -> ok(AccountStatz.of(server, q), q, MonitorPaths.ACCSTATZ);
            case MonitorPaths.JSZ -> jsz(q);
            case MonitorPaths.HEALTHZ -> healthz(q);
            case MonitorPaths.RAFTZ -> MonitorResponse.text(404, "No Raft nodes registered");
            case MonitorPaths.IPQUEUESZ -> MonitorResponse.ok(MonitorJson.prettyWide(Ipqueuesz.of(server, q)), q);
            case MonitorPaths.EXPVARZ -> new MonitorResponse(200, Expvarz.CONTENT_TYPE, Expvarz.render());
            case MonitorPaths.METRICS -> {
                count(MonitorPaths.METRICS, null);
                boolean open = PrometheusMetrics.wantsOpenMetrics(accept);
                yield new MonitorResponse(200, open ? PrometheusMetrics.OPENMETRICS_CONTENT_TYPE
                        : PrometheusMetrics.CONTENT_TYPE,
                        PrometheusMetrics.render(server, closed, open).getBytes(StandardCharsets.UTF_8));
            }
            default -> MonitorResponse.notFound();
        };
    }

    private MonitorResponse connz(QueryParams q) throws BadRequestException, InterruptedException {
        ConnzOptions o = ConnzOptions.from(q);
        count(MonitorPaths.CONNZ, null);
        List<ClientSnapshot> open = o.state() == QueryParams.ConnState.CLOSED ? List.of()
                : server.clientSnapshots(SNAPSHOT_TIMEOUT);
        List<ClientSnapshot> gone = o.state() == QueryParams.ConnState.OPEN ? List.of() : closed.snapshot();
        return ok(Connz.build(server.serverId(), open, gone, o), q);
    }

    private MonitorResponse jsz(QueryParams q) throws BadRequestException {
        count(MonitorPaths.JSZ, null);
        return ok(Jsz.of(server, q), q);
    }

    private MonitorResponse healthz(QueryParams q) throws BadRequestException {
        count(MonitorPaths.HEALTHZ, null);
        Healthz h = Healthz.check(server, q);
        return MonitorResponse.json(h.httpStatus(), MonitorJson.compact(h), q);
    }

    private MonitorResponse ok(Object body, QueryParams q, String countAs) {
        count(countAs, null);
        return ok(body, q);
    }

    private static MonitorResponse ok(Object body, QueryParams q) {
        return MonitorResponse.ok(MonitorJson.pretty(body), q);
    }

    private static MonitorResponse html(String page) {
        return new MonitorResponse(200, MonitorResponse.HTML, page.getBytes(StandardCharsets.UTF_8));
    }

    private <T> T count(String endpoint, T passThrough) {
        requestStats.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
        return passThrough;
    }
}
