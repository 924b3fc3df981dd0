package io.jnatsd.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message tracing of a plain publish over the wire: {@code Nats-Trace-Dest} gets the reference's
 * trace event (server, request headers and size, ingress, one egress per subscriber), and
 * {@code Nats-Trace-Only} keeps the message itself from its subscribers.
 */
@Timeout(30)
class MsgTracerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    private NatsServer server;

    @BeforeEach
    void start() {
        server = TestServers.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.shutdown();
        server.awaitShutdown(5, TimeUnit.SECONDS);
    }

    private Connection connect(String name) throws Exception {
        return Nats.connect(TestServers.clientOptions(server).connectionName(name).build());
    }

    @Test
    void shouldPublishTraceEvent_whenHeaderNamesDestination() throws Exception {
        try (Connection pub = connect("pub"); Connection sub = connect("sub1"); Connection tracer = connect("tr")) {
            Subscription data = sub.subscribe("orders.new");
            Subscription traces = tracer.subscribe("trace.out");
            sub.flush(WAIT);
            tracer.flush(WAIT);
            Headers h = new Headers().add("Nats-Trace-Dest", "trace.out");
            pub.publish(NatsMessage.builder().subject("orders.new").headers(h)
                    .data("hello".getBytes(StandardCharsets.UTF_8)).build());
            assertThat(data.nextMessage(WAIT)).isNotNull();
            Message t = traces.nextMessage(WAIT);
            assertThat(t).isNotNull();
            JsonNode e = JSON.readTree(t.getData());
            assertThat(e.path("server").path("id").asText()).isEqualTo(server.serverId());
            assertThat(e.path("request").path("header").path("Nats-Trace-Dest").get(0).asText()).isEqualTo("trace.out");
            assertThat(e.path("request").path("msgsize").asInt()).isGreaterThan(5);
            JsonNode in = e.path("events").get(0);
            assertThat(in.path("type").asText()).isEqualTo("in");
            assertThat(in.path("kind").asInt()).isZero();
            assertThat(in.path("name").asText()).isEqualTo("pub");
            assertThat(in.path("acc").asText()).isEqualTo("$G");
            assertThat(in.path("subj").asText()).isEqualTo("orders.new");
            assertThat(in.path("ts").asText()).endsWith("Z");
            JsonNode eg = e.path("events").get(1);
            assertThat(eg.path("type").asText()).isEqualTo("eg");
            assertThat(eg.path("name").asText()).isEqualTo("sub1");
            assertThat(eg.path("sub").asText()).isEqualTo("orders.new");
            assertThat(e.path("events").size()).isEqualTo(2);
        }
    }

    @Test
    void shouldNotDeliver_whenTraceOnly() throws Exception {
        try (Connection pub = connect("pub"); Connection sub = connect("sub1")) {
            Subscription data = sub.subscribe("orders.new");
            Subscription traces = sub.subscribe("trace.out");
            sub.flush(WAIT);
            Headers h = new Headers().add("Nats-Trace-Dest", "trace.out").add("Nats-Trace-Only", "true");
            pub.publish(NatsMessage.builder().subject("orders.new").headers(h).data(new byte[] {1}).build());
            assertThat(traces.nextMessage(WAIT)).isNotNull();
            assertThat(data.nextMessage(QUIET)).isNull();
            pub.publish(NatsMessage.builder().subject("orders.new").headers(new Headers().add("X-Other", "1"))
                    .data(new byte[] {2}).build());
            assertThat(data.nextMessage(WAIT)).isNotNull();
            assertThat(traces.nextMessage(QUIET)).isNull();
        }
    }

    @Test
    void shouldListNoEchoAndQueueEgress_whenPublisherSubscribesWithoutEcho() throws Exception {
        try (Connection pub = Nats.connect(TestServers.clientOptions(server).connectionName("self").noEcho().build());
             Connection worker = connect("worker")) {
            pub.subscribe("jobs.run");
            Subscription queue = worker.subscribe("jobs.run", "workers");
            Subscription traces = worker.subscribe("trace.out");
            pub.flush(WAIT);
            worker.flush(WAIT);
            pub.publish(NatsMessage.builder().subject("jobs.run").headers(new Headers().add("Nats-Trace-Dest",
                    "trace.out")).data(new byte[] {1}).build());
            assertThat(queue.nextMessage(WAIT)).isNotNull();
            JsonNode e = JSON.readTree(traces.nextMessage(WAIT).getData());
            JsonNode events = e.path("events");
            assertThat(events.size()).isEqualTo(3);
            assertThat(events.get(1).path("name").asText()).isEqualTo("self");
            assertThat(events.get(1).path("error").asText()).isEqualTo("Not delivered because of no echo");
            assertThat(events.get(2).path("name").asText()).isEqualTo("worker");
            assertThat(events.get(2).path("queue").asText()).isEqualTo("workers");
            assertThat(events.get(2).has("error")).isFalse();
        }
    }

    @Test
    void shouldAddMappingEvent_whenAccountMapsSubject() throws Exception {
        NatsServer mapped = io.jnatsd.testing.ConfTestServers.start("mappings { \"old.*\": \"new.$1\" }");
        try (Connection c = Nats.connect(TestServers.clientOptions(mapped).connectionName("m").build())) {
            Subscription data = c.subscribe("new.a");
            Subscription traces = c.subscribe("trace.out");
            c.flush(WAIT);
            c.publish(NatsMessage.builder().subject("old.a").headers(new Headers().add("Nats-Trace-Dest",
                    "trace.out")).data(new byte[] {1}).build());
            assertThat(data.nextMessage(WAIT)).isNotNull();
            JsonNode events = JSON.readTree(traces.nextMessage(WAIT).getData()).path("events");
            assertThat(events.get(0).path("subj").asText()).isEqualTo("old.a");
            assertThat(events.get(1).path("type").asText()).isEqualTo("sm");
            assertThat(events.get(1).path("to").asText()).isEqualTo("new.a");
            assertThat(events.get(2).path("sub").asText()).isEqualTo("new.a");
        } finally {
            mapped.shutdown();
            mapped.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRefuseTrace_whenPublisherMayNotPublishToDestination() throws Exception {
        NatsServer guarded = io.jnatsd.testing.ConfTestServers.start("""
                authorization { users = [ { user: u, password: u, permissions: { publish: { deny: "trace.>" } } } ] }
                """);
        try (Connection c = io.jnatsd.testing.ConfTestServers.connect(guarded, "u", "u")) {
            Subscription data = c.subscribe("orders.new");
            c.flush(WAIT);
            c.publish(NatsMessage.builder().subject("orders.new").headers(new Headers().add("Nats-Trace-Dest",
                    "trace.out")).data(new byte[] {1}).build());
            assertThat(data.nextMessage(QUIET)).isNull();
            c.publish("orders.new", new byte[] {2});
            assertThat(data.nextMessage(WAIT)).isNotNull();
        } finally {
            guarded.shutdown();
            guarded.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }
}
