package io.jnatsd.account.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service latency tracking over the wire: a request through a service import of an export with
 * {@code latency} is answered, and the exporting account gets the reference's ServiceLatency JSON
 * on the latency subject; with {@code sampling: headers} only requests with tracing headers count.
 */
@Timeout(30)
class ServiceLatencyIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    private NatsServer server;

    @BeforeEach
    void start() {
        server = ConfTestServers.start("""
                accounts {
                  SVC {
                    users = [ { user: svc, password: svc } ]
                    exports = [
                      { service: "time", latency: { sampling: 100%, subject: "lat.time" } }
                      { service: "traced", latency: { sampling: headers, subject: "lat.traced" } }
                    ]
                  }
                  CLI {
                    users = [ { user: cli, password: cli } ]
                    imports = [
                      { service: { account: SVC, subject: "time" }, share: true }
                      { service: { account: SVC, subject: "traced" } }
                    ]
                  }
                }
                """);
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.shutdown();
        server.awaitShutdown(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldPublishServiceLatency_whenTrackedRequestIsAnswered() throws Exception {
        try (Connection svc = ConfTestServers.connect(server, "svc", "svc");
             Connection cli = ConfTestServers.connect(server, "cli", "cli")) {
            Dispatcher d = svc.createDispatcher(m -> svc.publish(m.getReplyTo(), "now".getBytes(StandardCharsets.UTF_8)));
            d.subscribe("time");
            Subscription lat = svc.subscribe("lat.time");
            svc.flush(WAIT);
            Instant before = Instant.now();
            Message reply = cli.request("time", new byte[0], WAIT);
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("now");

            Message m = lat.nextMessage(WAIT);
            assertThat(m).isNotNull();
            JsonNode j = JSON.readTree(m.getData());
            assertThat(j.path("type").asText()).isEqualTo("io.nats.server.metric.v1.service_latency");
            assertThat(j.path("status").asInt()).isEqualTo(200);
            assertThat(j.path("id").asText()).isNotEmpty();
            assertThat(j.path("requestor").path("acc").asText()).isEqualTo("CLI");
            assertThat(j.path("requestor").path("user").asText()).isEqualTo("cli");
            assertThat(j.path("responder").path("acc").asText()).isEqualTo("SVC");
            assertThat(j.path("responder").path("lang").asText()).isEqualTo("java");
            assertThat(j.path("responder").path("kind").asText()).isEqualTo("Client");
            assertThat(j.path("service").asLong()).isPositive();
            assertThat(j.path("total").asLong()).isGreaterThanOrEqualTo(j.path("service").asLong());
            assertThat(j.has("system")).isTrue();
            Instant start = Instant.parse(j.path("start").asText());
            assertThat(start).isBetween(before.minusSeconds(5), Instant.now());
        }
    }

    @Test
    void shouldSampleByHeaders_whenSamplingIsHeaders() throws Exception {
        try (Connection svc = ConfTestServers.connect(server, "svc", "svc");
             Connection cli = ConfTestServers.connect(server, "cli", "cli")) {
            Dispatcher d = svc.createDispatcher(m -> svc.publish(m.getReplyTo(), new byte[] {1}));
            d.subscribe("traced");
            Subscription lat = svc.subscribe("lat.traced");
            svc.flush(WAIT);
            assertThat(cli.request("traced", new byte[0], WAIT)).isNotNull();
            assertThat(lat.nextMessage(QUIET)).isNull();

            Headers h = new Headers().add("X-B3-Sampled", "1").add("X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7");
            Message req = NatsMessage.builder().subject("traced").headers(h).data(new byte[0]).build();
            assertThat(cli.request(req, WAIT)).isNotNull();
            Message m = lat.nextMessage(WAIT);
            assertThat(m).isNotNull();
            JsonNode j = JSON.readTree(m.getData());
            assertThat(j.path("header").path("X-B3-Sampled").get(0).asText()).isEqualTo("1");
            assertThat(j.path("header").path("X-B3-Traceid").get(0).asText())
                    .isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
            assertThat(j.path("requestor").has("user")).isFalse();
        }
    }
}
