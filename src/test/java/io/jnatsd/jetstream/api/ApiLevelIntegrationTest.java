package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.ServerInfo;
import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The JetStream API level: {@code api_lvl} in INFO and account info, and the Nats-Required-Api-Level header. */
@Timeout(60)
class ApiLevelIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    @Test
    void shouldAnnounceApiLevel_whenClientConnectsAndAsksAccountInfo() throws Exception {
        RawNatsSocket raw = jnatsd.closeAfterTest(RawNatsSocket.open(jnatsd.port()));
        String info = raw.readLineStartingWith("INFO ");
        assertThat(JSON.readTree(info.substring(5)).get("api_lvl").asInt()).isEqualTo(ServerInfo.JS_API_LEVEL);

        JsonNode account = request(jnatsd.connect(), "$JS.API.INFO", null, "");
        assertThat(account.path("api").path("level").asInt()).isEqualTo(ServerInfo.JS_API_LEVEL);
    }

    @Test
    void shouldRefuseRequest_whenItRequiresHigherApiLevel() throws Exception {
        Connection nc = jnatsd.connect();
        String create = "{\"name\":\"LVL\",\"subjects\":[\"lvl\"],\"storage\":\"memory\"}";

        JsonNode tooHigh = request(nc, "$JS.API.STREAM.CREATE.LVL", level(ServerInfo.JS_API_LEVEL + 1), create);
        JsonNode notNumber = request(nc, "$JS.API.STREAM.CREATE.LVL", level("two"), create);
        JsonNode supported = request(nc, "$JS.API.STREAM.CREATE.LVL", level(ServerInfo.JS_API_LEVEL), create);

        for (JsonNode refused : new JsonNode[] {tooHigh, notNumber}) {
            assertThat(refused.path("type").asText()).isEqualTo("io.nats.jetstream.api.v1.stream_create_response");
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(412);
            assertThat(refused.path("error").path("err_code").asInt()).isEqualTo(10185);
            assertThat(refused.path("error").path("description").asText())
                .isEqualTo("JetStream minimum api level required");
        }
        assertThat(supported.has("error")).as(supported.toString()).isFalse();
        assertThat(supported.path("config").path("name").asText()).isEqualTo("LVL");
    }

    @Test
    void shouldAnswerStatus412_whenDirectGetRequiresHigherApiLevel() throws Exception {
        Connection nc = jnatsd.connect();
        request(nc, "$JS.API.STREAM.CREATE.DG", null,
            "{\"name\":\"DG\",\"subjects\":[\"dg\"],\"storage\":\"memory\",\"allow_direct\":true}");
        nc.publish("dg", new byte[] {1});
        nc.flush(WAIT);

        Message refused = nc.request(NatsMessage.builder().subject("$JS.API.DIRECT.GET.DG")
            .headers(level(ServerInfo.JS_API_LEVEL + 1)).data("{\"seq\":1}".getBytes(StandardCharsets.UTF_8))
            .build(), WAIT);
        Message allowed = nc.request(NatsMessage.builder().subject("$JS.API.DIRECT.GET.DG")
            .headers(level(ServerInfo.JS_API_LEVEL)).data("{\"seq\":1}".getBytes(StandardCharsets.UTF_8))
            .build(), WAIT);

        assertThat(refused.isStatusMessage()).isTrue();
        assertThat(refused.getStatus().getCode()).isEqualTo(412);
        assertThat(refused.getStatus().getMessage()).isEqualTo("Required Api Level");
        assertThat(allowed.getData()).containsExactly(1);
    }

    @Test
    void shouldAnswerStatus412_whenPullRequestRequiresHigherApiLevel() throws Exception {
        Connection nc = jnatsd.connect();
        request(nc, "$JS.API.STREAM.CREATE.PL", null,
            "{\"name\":\"PL\",\"subjects\":[\"pl\"],\"storage\":\"memory\"}");
        request(nc, "$JS.API.CONSUMER.CREATE.PL.d", null,
            "{\"stream_name\":\"PL\",\"config\":{\"durable_name\":\"d\",\"ack_policy\":\"none\"}}");
        assertThat(nc.request("pl", new byte[] {5}, WAIT)).as("PubAck").isNotNull();
        byte[] next = "{\"batch\":1,\"expires\":5000000000}".getBytes(StandardCharsets.UTF_8);

        Message refused = nc.request(NatsMessage.builder().subject("$JS.API.CONSUMER.MSG.NEXT.PL.d")
            .headers(level(ServerInfo.JS_API_LEVEL + 1)).data(next).build(), WAIT);
        // A delivered message carries its stored subject, not the inbox, so jnats' request() could not match it.
        io.nats.client.Subscription inbox = nc.subscribe(nc.createInbox());
        nc.publish(NatsMessage.builder().subject("$JS.API.CONSUMER.MSG.NEXT.PL.d").replyTo(inbox.getSubject())
            .headers(level(ServerInfo.JS_API_LEVEL)).data(next).build());
        Message allowed = inbox.nextMessage(WAIT);

        assertThat(refused.isStatusMessage()).isTrue();
        assertThat(refused.getStatus().getCode()).isEqualTo(412);
        assertThat(refused.getStatus().getMessage()).isEqualTo("Required Api Level");
        assertThat(allowed.getData()).containsExactly(5);
    }

    private static Headers level(Object value) {
        return new Headers().add(JsApiRouter.REQUIRED_API_LEVEL_HEADER, String.valueOf(value));
    }

    private static JsonNode request(Connection nc, String subject, Headers headers, String body) throws Exception {
        NatsMessage.Builder b = NatsMessage.builder().subject(subject).data(body.getBytes(StandardCharsets.UTF_8));
        if (headers != null) {
            b.headers(headers);
        }
        Message reply = nc.request(b.build(), WAIT);
        assertThat(reply).as("reply to %s", subject).isNotNull();
        return JSON.readTree(reply.getData());
    }
}
