package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code $JS.API.CONSUMER.RESET}: back to a sequence or to the ack floor, and the deliver policies that refuse it. */
@Timeout(30)
class ConsumerResetIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(3);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private Connection setup() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("Z").subjects("z")
            .storageType(StorageType.Memory).build());
        for (int i = 1; i <= 4; i++) {
            nc.jetStream().publish("z", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        return nc;
    }

    private static JsonNode reset(Connection nc, String consumer, String body) throws Exception {
        Message m = nc.request("$JS.API.CONSUMER.RESET.Z." + consumer, body.getBytes(StandardCharsets.UTF_8), WAIT);
        return JSON.readTree(m.getData());
    }

    private static List<Long> fetch(JetStreamSubscription sub, int n) {
        return sub.fetch(n, WAIT).stream().peek(Message::ack).map(m -> m.metaData().streamSequence()).toList();
    }

    @Test
    void shouldRedeliverFromSequence_whenResetToSequence() throws Exception {
        Connection nc = setup();
        JetStreamSubscription sub = nc.jetStream().subscribe("z", PullSubscribeOptions.builder()
            .configuration(ConsumerConfiguration.builder().durable("r").ackPolicy(AckPolicy.Explicit).build())
            .build());
        assertThat(fetch(sub, 4)).containsExactly(1L, 2L, 3L, 4L);
        JsonNode r = reset(nc, "r", "{\"seq\":2}");
        assertThat(r.has("error")).as(r.toString()).isFalse();
        assertThat(r.get("type").asText()).isEqualTo("io.nats.jetstream.api.v1.consumer_reset_response");
        assertThat(r.get("reset_seq").asLong()).isEqualTo(2);
        assertThat(fetch(sub, 3)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void shouldGoBackToAckFloor_whenResetWithoutSequence() throws Exception {
        Connection nc = setup();
        JetStreamSubscription sub = nc.jetStream().subscribe("z", PullSubscribeOptions.builder()
            .configuration(ConsumerConfiguration.builder().durable("f").ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofSeconds(30)).build())
            .build());
        List<Message> two = sub.fetch(2, WAIT);
        assertThat(two).hasSize(2);
        two.get(0).ackSync(WAIT);
        JsonNode r = reset(nc, "f", "");
        assertThat(r.get("reset_seq").asLong()).as(r.toString()).isEqualTo(2);
        assertThat(fetch(sub, 3)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void shouldRefuseReset_whenDeliverPolicyDoesNotAllowSequence() throws Exception {
        Connection nc = setup();
        nc.jetStreamManagement().addOrUpdateConsumer("Z", ConsumerConfiguration.builder().durable("l")
            .deliverPolicy(DeliverPolicy.Last).ackPolicy(AckPolicy.Explicit).build());
        JsonNode e = reset(nc, "l", "{\"seq\":1}").get("error");
        assertThat(e.get("err_code").asInt()).isEqualTo(10204);
        assertThat(e.get("description").asText()).isEqualTo("invalid reset: not allowed");

        nc.jetStreamManagement().addOrUpdateConsumer("Z", ConsumerConfiguration.builder().durable("s")
            .deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(3).ackPolicy(AckPolicy.Explicit).build());
        JsonNode below = reset(nc, "s", "{\"seq\":2}").get("error");
        assertThat(below.get("description").asText()).isEqualTo("invalid reset: below start seq");
    }

    @Test
    void shouldAnswerWithStreamIdentity_whenRequestCarriesIdentityHeader() throws Exception {
        Connection nc = setup();
        nc.jetStreamManagement().addOrUpdateConsumer("Z", ConsumerConfiguration.builder().durable("i")
            .ackPolicy(AckPolicy.Explicit).build());
        JsonNode info = JSON.readTree(nc.request("$JS.API.STREAM.INFO.Z", new byte[0], WAIT).getData());
        String expected = goHash(info.get("created").asText());

        Headers h = new Headers().add("Nats-Stream-Identity", "not-this-one");
        Message m = nc.request(NatsMessage.builder().subject("$JS.API.CONSUMER.RESET.Z.i").headers(h)
            .data("{\"seq\":3}".getBytes(StandardCharsets.UTF_8)).build(), WAIT);
        JsonNode r = JSON.readTree(m.getData());
        assertThat(r.has("error")).as(r.toString()).isFalse();
        assertThat(r.get("type").asText()).isEqualTo("io.nats.jetstream.api.v1.consumer_reset_response");
        assertThat(r.get("reset_seq").asLong()).isEqualTo(3);
        assertThat(m.getHeaders()).isNotNull();
        assertThat(m.getHeaders().getFirst("Nats-Stream-Identity")).isEqualTo(expected);

        Message plain = nc.request("$JS.API.CONSUMER.RESET.Z.i", new byte[0], WAIT);
        assertThat(plain.getHeaders() == null || plain.getHeaders().get("Nats-Stream-Identity") == null).isTrue();
    }

    @Test
    void shouldAnswerErrorWithoutIdentity_whenResetRefusedWithIdentityHeader() throws Exception {
        Connection nc = setup();
        nc.jetStreamManagement().addOrUpdateConsumer("Z", ConsumerConfiguration.builder().durable("n")
            .deliverPolicy(DeliverPolicy.New).ackPolicy(AckPolicy.Explicit).build());
        Message m = nc.request(NatsMessage.builder().subject("$JS.API.CONSUMER.RESET.Z.n")
            .headers(new Headers().add("Nats-Stream-Identity", "x"))
            .data("{\"seq\":1}".getBytes(StandardCharsets.UTF_8)).build(), WAIT);
        assertThat(JSON.readTree(m.getData()).get("error").get("err_code").asInt()).isEqualTo(10204);
        assertThat(m.getHeaders() == null || m.getHeaders().get("Nats-Stream-Identity") == null).isTrue();
    }

    /** The reference's getHash: 8 base-62 digits of the SHA-256, written here independently of the server's. */
    private static String goHash(String text) throws Exception {
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            out.append(digits.charAt((sha[i] & 0xff) % 62));
        }
        return out.toString();
    }
}
