package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Push heartbeats, headers-only delivery and the ephemeral inactive threshold, read raw. */
@Timeout(30)
class PushFlowIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private static JsonNode create(Connection nc, String subject, String config) throws Exception {
        Message m = nc.request(subject, ("{\"stream_name\":\"F\",\"config\":" + config + "}")
            .getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        return JSON.readTree(m.getData());
    }

    private Connection setup() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("F").subjects("f.>")
            .storageType(StorageType.Memory).build());
        return nc;
    }

    @Test
    void shouldSendIdleHeartbeats_whenPushConsumerIdle() throws Exception {
        Connection nc = setup();
        Subscription sub = nc.subscribe("deliver.hb");
        nc.flush(Duration.ofSeconds(2));
        JsonNode r = create(nc, "$JS.API.CONSUMER.CREATE.F.hb", "{\"name\":\"hb\",\"deliver_subject\":\"deliver.hb\","
            + "\"idle_heartbeat\":200000000,\"flow_control\":true}");
        assertThat(r.has("error")).as(r.toString()).isFalse();
        Message hb = sub.nextMessage(Duration.ofSeconds(3));
        assertThat(hb.getStatus().getCode()).isEqualTo(100);
        assertThat(hb.getStatus().getMessage()).isEqualTo("Idle Heartbeat");
        assertThat(hb.getHeaders().getFirst("Nats-Last-Consumer")).isEqualTo("0");
        assertThat(hb.getHeaders().getFirst("Nats-Last-Stream")).isEqualTo("0");
    }

    @Test
    void shouldSendHeadersOnlyWithSize_whenHeadersOnly() throws Exception {
        Connection nc = setup();
        nc.jetStream().publish("f.a", "hello".getBytes(StandardCharsets.UTF_8));
        Subscription sub = nc.subscribe("deliver.ho");
        nc.flush(Duration.ofSeconds(2));
        create(nc, "$JS.API.CONSUMER.CREATE.F.ho", "{\"name\":\"ho\",\"deliver_subject\":\"deliver.ho\","
            + "\"headers_only\":true}");
        Message m = sub.nextMessage(Duration.ofSeconds(3));
        assertThat(m.getSubject()).isEqualTo("f.a");
        assertThat(m.getData()).isEmpty();
        assertThat(m.getHeaders().getFirst("Nats-Msg-Size")).isEqualTo("5");
    }

    @Test
    void shouldDeleteEphemeral_whenInactiveThresholdPasses() throws Exception {
        Connection nc = setup();
        JsonNode r = create(nc, "$JS.API.CONSUMER.CREATE.F", "{\"inactive_threshold\":300000000}");
        String name = r.path("name").asText();
        JetStreamManagement jsm = nc.jetStreamManagement();
        assertThat(jsm.getConsumerInfo("F", name).getName()).isEqualTo(name);
        checkFor(Duration.ofSeconds(5), Duration.ofMillis(50), () ->
            assertThatThrownBy(() -> jsm.getConsumerInfo("F", name)).isInstanceOf(JetStreamApiException.class));
    }
}
