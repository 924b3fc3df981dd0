package io.jnatsd.account.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message tracing across accounts over the wire, as the reference's {@code TestMsgTraceServiceImport} and
 * {@code TestMsgTraceStreamExport}: a service import adds an {@code si} event and lets the trace into the exporting
 * account only with the export's {@code allow_trace}; a stream import adds an {@code se} event and lets it into the
 * importing account only with the import's {@code allow_trace}.
 */
@Timeout(30)
class ImportTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONF = """
            accounts {
              A {
                users = [ { user: a, password: a } ]
                exports = [ { service: "svc.>", allow_trace: true }, { service: "closed.>" },
                            { stream: "feed.>" }, { stream: "quiet.>" } ]
              }
              B {
                users = [ { user: b, password: b } ]
                imports = [ { service: { account: A, subject: "svc.>" } },
                            { service: { account: A, subject: "closed.>" } },
                            { stream: { account: A, subject: "feed.>" }, allow_trace: true },
                            { stream: { account: A, subject: "quiet.>" } } ]
              }
            }
            """;

    private NatsServer server;

    @BeforeEach
    void start() {
        server = ConfTestServers.start(CONF);
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.shutdown();
        server.awaitShutdown(5, TimeUnit.SECONDS);
    }

    private Connection connect(String user, String name) throws Exception {
        return Nats.connect(TestServers.clientOptions(server).userInfo(user, user).connectionName(name).build());
    }

    private static void publishTraced(Connection c, String subject, boolean traceOnly) {
        Headers h = new Headers().add("Nats-Trace-Dest", "trace.out");
        if (traceOnly) {
            h.add("Nats-Trace-Only", "true");
        }
        c.publish(NatsMessage.builder().subject(subject).headers(h).data("x".getBytes(StandardCharsets.UTF_8))
                .build());
    }

    private static List<JsonNode> ofType(JsonNode event, String type) {
        List<JsonNode> out = new ArrayList<>();
        event.path("events").forEach(e -> {
            if (e.path("type").asText().equals(type)) {
                out.add(e);
            }
        });
        return out;
    }

    private static JsonNode next(Subscription traces) throws Exception {
        Message m = traces.nextMessage(WAIT);
        assertThat(m).as("trace event").isNotNull();
        return JSON.readTree(m.getData());
    }

    @Test
    void shouldTraceIntoExporter_whenServiceExportAllowsTrace() throws Exception {
        try (Connection a = connect("a", "svc"); Connection b = connect("b", "req")) {
            Subscription service = a.subscribe("svc.x");
            Subscription traces = b.subscribe("trace.out");
            a.flush(WAIT);
            b.flush(WAIT);
            publishTraced(b, "svc.x", false);
            assertThat(service.nextMessage(WAIT)).isNotNull();
            JsonNode e = next(traces);
            JsonNode in = e.path("events").get(0);
            assertThat(in.path("type").asText()).isEqualTo("in");
            assertThat(in.path("acc").asText()).isEqualTo("B");
            JsonNode si = ofType(e, "si").get(0);
            assertThat(si.path("acc").asText()).isEqualTo("A");
            assertThat(si.path("from").asText()).isEqualTo("svc.x");
            assertThat(si.path("to").asText()).isEqualTo("svc.x");
            List<JsonNode> eg = ofType(e, "eg");
            assertThat(eg).hasSize(1);
            assertThat(eg.get(0).path("name").asText()).isEqualTo("svc");
            assertThat(eg.get(0).path("acc").asText()).isEqualTo("A");
            assertThat(eg.get(0).path("sub").asText()).isEqualTo("svc.x");
        }
    }

    @Test
    void shouldStopTraceAtImport_whenServiceExportDoesNotAllowTrace() throws Exception {
        try (Connection a = connect("a", "svc"); Connection b = connect("b", "req")) {
            Subscription service = a.subscribe("closed.x");
            Subscription traces = b.subscribe("trace.out");
            a.flush(WAIT);
            b.flush(WAIT);
            publishTraced(b, "closed.x", false);
            Message delivered = service.nextMessage(WAIT);
            assertThat(delivered).isNotNull();
            assertThat(delivered.getHeaders().getFirst("Nats-Trace-Dest")).isEqualTo("trace disabled");
            JsonNode e = next(traces);
            assertThat(ofType(e, "si")).hasSize(1);
            assertThat(ofType(e, "eg")).isEmpty();
            assertThat(traces.nextMessage(QUIET)).isNull();
        }
    }

    @Test
    void shouldNotDeliverInExporter_whenServiceImportIsTraceOnly() throws Exception {
        try (Connection a = connect("a", "svc"); Connection b = connect("b", "req")) {
            Subscription allowed = a.subscribe("svc.x");
            Subscription closed = a.subscribe("closed.x");
            Subscription traces = b.subscribe("trace.out");
            a.flush(WAIT);
            b.flush(WAIT);
            publishTraced(b, "svc.x", true);
            JsonNode e = next(traces);
            assertThat(ofType(e, "eg")).hasSize(1);
            publishTraced(b, "closed.x", true);
            JsonNode stopped = next(traces);
            assertThat(ofType(stopped, "si")).hasSize(1);
            assertThat(ofType(stopped, "eg")).isEmpty();
            assertThat(allowed.nextMessage(QUIET)).isNull();
            assertThat(closed.nextMessage(QUIET)).isNull();
        }
    }

    @Test
    void shouldTraceIntoImporter_whenStreamImportAllowsTrace() throws Exception {
        try (Connection a = connect("a", "pub"); Connection b = connect("b", "reader")) {
            Subscription feed = b.subscribe("feed.x");
            Subscription traces = a.subscribe("trace.out");
            a.flush(WAIT);
            b.flush(WAIT);
            publishTraced(a, "feed.x", false);
            assertThat(feed.nextMessage(WAIT)).isNotNull();
            JsonNode e = next(traces);
            JsonNode se = ofType(e, "se").get(0);
            assertThat(se.path("acc").asText()).isEqualTo("B");
            assertThat(se.path("to").asText()).isEqualTo("feed.x");
            List<JsonNode> eg = ofType(e, "eg");
            assertThat(eg).hasSize(1);
            assertThat(eg.get(0).path("name").asText()).isEqualTo("reader");
            assertThat(eg.get(0).path("acc").asText()).isEqualTo("B");
        }
    }

    @Test
    void shouldDeliverUntraced_whenStreamImportDoesNotAllowTrace() throws Exception {
        try (Connection a = connect("a", "pub"); Connection b = connect("b", "reader")) {
            Subscription quiet = b.subscribe("quiet.x");
            Subscription traces = a.subscribe("trace.out");
            a.flush(WAIT);
            b.flush(WAIT);
            publishTraced(a, "quiet.x", false);
            assertThat(quiet.nextMessage(WAIT)).isNotNull();
            JsonNode e = next(traces);
            assertThat(ofType(e, "se")).hasSize(1);
            assertThat(ofType(e, "eg")).isEmpty();
            publishTraced(a, "quiet.x", true);
            JsonNode only = next(traces);
            assertThat(ofType(only, "se")).hasSize(1);
            assertThat(quiet.nextMessage(QUIET)).isNull();
        }
    }
}
