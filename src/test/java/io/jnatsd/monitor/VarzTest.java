package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.config.ServerOptions;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VarzTest {

    private MonitorTestSupport env;

    @AfterEach
    void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void shouldReportConfigFields_whenVarzRequested() throws Exception {
        env = MonitorTestSupport.start(ServerOptions.builder().serverName("mon-1").maxPayload(2048)
                .pingInterval(Duration.ofSeconds(30)).maxSubscriptions(7));
        assertThat(env.get("/varz").body()).contains("\n  \"auth_timeout\": 2,\n", "\n  \"tls_timeout\": 2,\n");
        JsonNode v = env.json("/varz");
        assertThat(v.get("server_id").asText()).isEqualTo(env.server.serverId());
        assertThat(v.get("server_name").asText()).isEqualTo("mon-1");
        assertThat(v.get("proto").asInt()).isEqualTo(1);
        assertThat(v.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(v.get("port").asInt()).isEqualTo(env.server.clientPort());
        assertThat(v.get("http_host").asText()).isEqualTo("127.0.0.1");
        assertThat(v.get("http_port").asInt()).isEqualTo(env.httpPort);
        assertThat(v.get("max_payload").asInt()).isEqualTo(2048);
        assertThat(v.get("max_subscriptions").asInt()).isEqualTo(7);
        assertThat(v.get("ping_interval").asLong()).isEqualTo(30_000_000_000L);
        assertThat(v.get("write_deadline").asLong()).isEqualTo(10_000_000_000L);
        assertThat(v.get("max_pending").asLong()).isEqualTo(ServerOptions.MAX_PENDING_BYTES_DEFAULT);
        assertThat(v.get("max_control_line").asInt()).isEqualTo(4096);
        assertThat(v.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(v.get("mem").asLong()).isPositive();
        assertThat(v.get("uptime").asText()).matches("\\d+s|\\d+m\\d+s");
        assertThat(v.get("jetstream").isObject()).isTrue();
        assertThat(v.get("cluster").size()).isZero();
        assertThat(Instant.parse(v.get("start").asText())).isBefore(Instant.parse(v.get("now").asText()));
        assertThat(v.get("config_load_time").asText()).isEqualTo(v.get("start").asText());
    }

    @Test
    void shouldCountMessagesConnectionsAndSubscriptions_whenClientsPublish() throws Exception {
        env = MonitorTestSupport.start();
        try (Connection sub = env.connect(); Connection pub = env.connect()) {
            Subscription s = sub.subscribe("orders.>");
            sub.subscribe("other");
            sub.flush(Duration.ofSeconds(2));
            for (int i = 0; i < 3; i++) {
                pub.publish("orders.new", "hello".getBytes(StandardCharsets.UTF_8));
            }
            pub.publish("nobody", "x".getBytes(StandardCharsets.UTF_8));
            pub.flush(Duration.ofSeconds(2));
            for (int i = 0; i < 3; i++) {
                assertThat(s.nextMessage(Duration.ofSeconds(2))).isNotNull();
            }
            JsonNode v = env.json("/varz");
            assertThat(v.get("connections").asInt()).isEqualTo(2);
            assertThat(v.get("total_connections").asInt()).isEqualTo(2);
            assertThat(v.get("subscriptions").asInt()).isEqualTo(2);
            assertThat(v.get("in_msgs").asLong()).isEqualTo(4);
            assertThat(v.get("in_bytes").asLong()).isEqualTo(16);
            assertThat(v.get("out_msgs").asLong()).isEqualTo(3);
            assertThat(v.get("out_bytes").asLong()).isEqualTo(15);
            assertThat(v.get("slow_consumers").asLong()).isZero();
        }
        MonitorTestSupport.await(() -> env.server.numClients() == 0, "clients to leave");
        JsonNode after = env.json("/varz");
        assertThat(after.get("connections").asInt()).isZero();
        assertThat(after.get("total_connections").asInt()).isEqualTo(2);
        assertThat(after.get("subscriptions").asInt()).isZero();
    }
}
