package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class AdvisoriesIntegrationTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private static JsonNode next(Subscription sub) throws Exception {
        Message m = sub.nextMessage(Duration.ofSeconds(5));
        assertThat(m).as("advisory on " + sub.getSubject()).isNotNull();
        return MAPPER.readTree(m.getData());
    }

    @Test
    void shouldPublishStreamActions_whenStreamIsCreatedUpdatedDeleted() throws Exception {
        Connection nc = jnatsd.connect();
        Subscription created = nc.subscribe("$JS.EVENT.ADVISORY.STREAM.CREATED.>");
        Subscription updated = nc.subscribe("$JS.EVENT.ADVISORY.STREAM.UPDATED.>");
        Subscription deleted = nc.subscribe("$JS.EVENT.ADVISORY.STREAM.DELETED.>");
        Subscription audit = nc.subscribe("$JS.EVENT.ADVISORY.API");
        nc.flush(Duration.ofSeconds(2));
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("A").subjects("a").build());
        jsm.updateStream(StreamConfiguration.builder().name("A").subjects("a", "b").build());
        jsm.deleteStream("A");
        JsonNode c = next(created);
        assertThat(c.path("type").asText()).isEqualTo("io.nats.jetstream.advisory.v1.stream_action");
        assertThat(c.path("stream").asText()).isEqualTo("A");
        assertThat(c.path("action").asText()).isEqualTo("create");
        assertThat(next(updated).path("action").asText()).isEqualTo("modify");
        assertThat(next(deleted).path("action").asText()).isEqualTo("delete");
        JsonNode a = next(audit);
        assertThat(a.path("type").asText()).isEqualTo("io.nats.jetstream.advisory.v1.api_audit");
        assertThat(a.path("subject").asText()).isEqualTo("$JS.API.STREAM.CREATE.A");
        assertThat(a.path("response").asText()).contains("stream_create_response");
    }
}
