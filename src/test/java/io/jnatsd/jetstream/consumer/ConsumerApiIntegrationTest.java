package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class ConsumerApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private Connection setup() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("S").subjects("s.>")
            .storageType(StorageType.File).build());
        return nc;
    }

    private static JsonNode request(Connection nc, String subject, String body) throws Exception {
        Message m = nc.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        return JSON.readTree(m.getData());
    }

    private static void assertError(JsonNode r, int code, int errCode) {
        assertThat(r.path("error").path("code").asInt()).as(r.toString()).isEqualTo(code);
        assertThat(r.path("error").path("err_code").asInt()).as(r.toString()).isEqualTo(errCode);
    }

    @Test
    void shouldCreateWithEveryForm_whenSubjectAndBodyAgree() throws Exception {
        Connection nc = setup();
        JsonNode eph = request(nc, "$JS.API.CONSUMER.CREATE.S", "{\"stream_name\":\"S\",\"config\":{}}");
        assertThat(eph.path("type").asText()).isEqualTo("io.nats.jetstream.api.v1.consumer_create_response");
        assertThat(eph.path("name").asText()).hasSize(8);
        assertThat(eph.path("config").path("inactive_threshold").asLong()).isEqualTo(5_000_000_000L);
        JsonNode named = request(nc, "$JS.API.CONSUMER.CREATE.S.c1.s.a",
            "{\"stream_name\":\"S\",\"config\":{\"name\":\"c1\",\"filter_subject\":\"s.a\",\"ack_policy\":\"explicit\"}}");
        assertThat(named.path("config").path("filter_subject").asText()).isEqualTo("s.a");
        assertThat(named.path("config").path("ack_wait").asLong()).isEqualTo(30_000_000_000L);
        assertThat(named.path("config").path("max_ack_pending").asInt()).isEqualTo(1000);
        JsonNode durable = request(nc, "$JS.API.CONSUMER.DURABLE.CREATE.S.d1",
            "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"d1\",\"ack_policy\":\"explicit\"}}");
        assertThat(durable.path("name").asText()).isEqualTo("d1");
        assertThat(durable.path("delivered").path("consumer_seq").asLong()).isZero();
        assertThat(durable.has("num_pending")).isTrue();
    }

    @Test
    void shouldAnswerReferenceErrors_whenRequestIsWrong() throws Exception {
        Connection nc = setup();
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.S", "{\"stream_name\":\"X\",\"config\":{}}"), 400, 10056);
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.NOPE", "{\"stream_name\":\"NOPE\",\"config\":{}}"),
            404, 10059);
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.S", "{not json"), 400, 10025);
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.S",
            "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"x\"}}"), 400, 10020);
        assertError(request(nc, "$JS.API.CONSUMER.DURABLE.CREATE.S.d",
            "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"other\"}}"), 400, 10017);
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.S.c.s.a",
            "{\"stream_name\":\"S\",\"config\":{\"filter_subject\":\"s.b\"}}"), 400, 10131);
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.S.c",
            "{\"stream_name\":\"S\",\"config\":{\"deliver_subject\":\"out\",\"idle_heartbeat\":10}}"), 400, 10083);
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.S.c",
            "{\"stream_name\":\"S\",\"config\":{\"deliver_subject\":\"s.loop\"}}"), 400, 10081);
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.S.c",
            "{\"stream_name\":\"S\",\"config\":{\"deliver_policy\":\"by_start_sequence\"}}"), 400, 10094);
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.S.c",
            "{\"stream_name\":\"S\",\"config\":{\"flow_control\":true}}"), 400, 10089);
        assertError(request(nc, "$JS.API.CONSUMER.INFO.S.nope", ""), 404, 10014);
        assertError(request(nc, "$JS.API.CONSUMER.DELETE.S.nope", ""), 404, 10014);
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.S.c",
            "{\"stream_name\":\"S\",\"action\":\"update\",\"config\":{}}"), 400, 10149);
    }

    @Test
    void shouldApplyUpdateRules_whenConsumerExists() throws Exception {
        Connection nc = setup();
        String base = "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"u\",\"ack_policy\":\"explicit\"";
        request(nc, "$JS.API.CONSUMER.CREATE.S.u", base + "}}");
        JsonNode same = request(nc, "$JS.API.CONSUMER.CREATE.S.u", base + "},\"action\":\"create\"}");
        assertThat(same.has("error")).as(same.toString()).isFalse();
        assertError(request(nc, "$JS.API.CONSUMER.CREATE.S.u",
            base + ",\"description\":\"x\"},\"action\":\"create\"}"), 400, 10148);
        JsonNode updated = request(nc, "$JS.API.CONSUMER.CREATE.S.u", base + ",\"max_ack_pending\":7}}");
        assertThat(updated.path("config").path("max_ack_pending").asInt()).isEqualTo(7);
        JsonNode refused = request(nc, "$JS.API.CONSUMER.CREATE.S.u",
            "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"u\",\"ack_policy\":\"all\"}}");
        assertError(refused, 500, 10012);
        assertThat(refused.path("error").path("description").asText()).isEqualTo("ack policy can not be updated");
    }

    @Test
    void shouldPageNamesAndList_whenManyConsumers() throws Exception {
        Connection nc = setup();
        JetStreamManagement jsm = nc.jetStreamManagement();
        for (int i = 0; i < 5; i++) {
            jsm.addOrUpdateConsumer("S", ConsumerConfiguration.builder().durable("c" + i)
                .ackPolicy(AckPolicy.Explicit).build());
        }
        assertThat(jsm.getConsumerNames("S")).containsExactly("c0", "c1", "c2", "c3", "c4");
        assertThat(jsm.getConsumers("S")).extracting(ConsumerInfo::getName).hasSize(5);
        JsonNode page = request(nc, "$JS.API.CONSUMER.NAMES.S", "{\"offset\":3}");
        assertThat(page.path("total").asInt()).isEqualTo(5);
        assertThat(page.path("offset").asInt()).isEqualTo(3);
        assertThat(page.path("limit").asInt()).isEqualTo(1024);
        assertThat(page.path("consumers")).hasSize(2);
        assertThat(jsm.deleteConsumer("S", "c0")).isTrue();
        assertThat(jsm.getConsumerNames("S")).hasSize(4);
        assertThat(jsm.getStreamInfo("S").getStreamState().getConsumerCount()).isEqualTo(4);
    }

    @Test
    void shouldPauseAndResume_whenPauseApiUsed() throws Exception {
        Connection nc = setup();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addOrUpdateConsumer("S", ConsumerConfiguration.builder().durable("p").ackPolicy(AckPolicy.Explicit)
            .build());
        ZonedDateTime until = ZonedDateTime.now().plusMinutes(5);
        assertThat(jsm.pauseConsumer("S", "p", until).isPaused()).isTrue();
        ConsumerInfo ci = jsm.getConsumerInfo("S", "p");
        assertThat(ci.getPaused()).isTrue();
        assertThat(ci.getPauseRemaining()).isPositive();
        assertThat(jsm.resumeConsumer("S", "p")).isTrue();
        assertThat(jsm.getConsumerInfo("S", "p").getPaused()).isFalse();
    }
}
