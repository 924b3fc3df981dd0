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
}
