package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fast batch publish ({@code allow_batched}, reply subjects {@code <prefix>.<id>.<flow>.<gap>.<seq>.<op>.$FI}) over
 * the wire: flow acks, gap reports, commits with and without end-of-batch, ping, and the reference's errors.
 */
@Timeout(60)
class FastBatchIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int START = 0;
    private static final int APPEND = 1;
    private static final int COMMIT = 2;
    private static final int COMMIT_EOB = 3;
    private static final int PING = 4;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    private Connection nc;
    private Subscription replies;

    private void setUp(boolean allowBatched) throws Exception {
        nc = jnatsd.connect();
        replies = nc.subscribe("_FB.>");
        nc.flush(WAIT);
        String cfg = "{\"name\":\"F\",\"subjects\":[\"f.>\"],\"allow_batched\":" + allowBatched + "}";
        Message created = nc.request("$JS.API.STREAM.CREATE.F", cfg.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(new String(created.getData(), StandardCharsets.UTF_8)).doesNotContain("\"error\"");
    }

    private void send(String id, int flow, String gap, long seq, int op) {
        String reply = "_FB." + id + "." + flow + "." + gap + "." + seq + "." + op + ".$FI";
        nc.publish("f.x", reply, ("m" + seq).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode next() throws Exception {
        Message m = replies.nextMessage(WAIT);
        assertThat(m).as("a reply to the publisher").isNotNull();
        return JSON.readTree(m.getData());
    }

    private long stored() throws Exception {
        return nc.jetStreamManagement().getStreamInfo("F").getStreamState().getMsgCount();
    }

    @Test
    void shouldAckEveryNMessages_thenPubAckTheCommit() throws Exception {
        setUp(true);
        send("b1", 10, "fail", 1, START);
        for (int seq = 2; seq < 25; seq++) {
            send("b1", 10, "fail", seq, APPEND);
        }
        send("b1", 10, "fail", 25, COMMIT);

        assertThat(next().toString()).isEqualTo("{\"type\":\"ack\",\"seq\":0,\"msgs\":10}");
        assertThat(next().toString()).isEqualTo("{\"type\":\"ack\",\"seq\":10,\"msgs\":10}");
        assertThat(next().toString()).isEqualTo("{\"type\":\"ack\",\"seq\":20,\"msgs\":10}");
        JsonNode ack = next();
        assertThat(ack.get("stream").asText()).isEqualTo("F");
        assertThat(ack.get("seq").asLong()).isEqualTo(25);
        assertThat(ack.get("batch").asText()).isEqualTo("b1");
        assertThat(ack.get("count").asLong()).isEqualTo(25);
        assertThat(stored()).isEqualTo(25);
    }

    @Test
    void shouldReportGapAndCommitWhatCame_whenGapFails() throws Exception {
        setUp(true);
        send("g", 10, "fail", 1, START);
        send("g", 10, "fail", 2, APPEND);
        send("g", 10, "fail", 4, APPEND);
        send("g", 10, "fail", 5, APPEND);

        assertThat(next().get("type").asText()).isEqualTo("ack");
        assertThat(next().toString()).isEqualTo("{\"type\":\"gap\",\"last_seq\":3,\"seq\":4}");
        JsonNode ack = next();
        assertThat(ack.get("count").asLong()).isEqualTo(2);
        assertThat(ack.get("seq").asLong()).isEqualTo(2);
        assertThat(next().get("error").get("err_code").asInt()).as("the batch is over").isEqualTo(10208);
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void shouldSkipTheGap_whenGapIsOk() throws Exception {
        setUp(true);
        send("o", 10, "ok", 1, START);
        send("o", 10, "ok", 3, APPEND);
        send("o", 10, "ok", 4, COMMIT);

        assertThat(next().get("type").asText()).isEqualTo("ack");
        assertThat(next().toString()).isEqualTo("{\"type\":\"gap\",\"last_seq\":2,\"seq\":3}");
        JsonNode ack = next();
        assertThat(ack.get("count").asLong()).isEqualTo(4);
        assertThat(ack.get("seq").asLong()).isEqualTo(3);
        assertThat(stored()).isEqualTo(3);
    }

    @Test
    void shouldCommitWithoutStoringTheMarker_whenEndOfBatch() throws Exception {
        setUp(true);
        send("e", 10, "fail", 1, START);
        send("e", 10, "fail", 2, APPEND);
        send("e", 10, "fail", 3, COMMIT_EOB);

        assertThat(next().get("type").asText()).isEqualTo("ack");
        JsonNode ack = next();
        assertThat(ack.get("count").asLong()).isEqualTo(2);
        assertThat(ack.get("seq").asLong()).isEqualTo(2);
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void shouldResendTheLastFlowAck_whenPinged() throws Exception {
        setUp(true);
        send("p", 10, "fail", 1, START);
        send("p", 10, "fail", 2, APPEND);
        send("p", 10, "fail", 2, PING);

        assertThat(next().toString()).isEqualTo("{\"type\":\"ack\",\"seq\":0,\"msgs\":10}");
        assertThat(next().toString()).isEqualTo("{\"type\":\"ack\",\"seq\":0,\"msgs\":10}");
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void shouldAnswerTheReferenceErrors_whenBatchIsRefused() throws Exception {
        setUp(false);
        send("d", 10, "fail", 1, START);
        assertThat(next().get("error").get("err_code").asInt()).isEqualTo(10205);
        nc.jetStreamManagement().deleteStream("F");
        setUp(true);
        nc.publish("f.x", "_FB.bad.$FI", new byte[1]);
        assertThat(next().get("error").get("err_code").asInt()).isEqualTo(10206);
        send("u", 10, "fail", 2, APPEND);
        assertThat(next().get("error").get("err_code").asInt()).isEqualTo(10208);
        send("x".repeat(65), 10, "fail", 1, START);
        assertThat(next().get("error").get("err_code").asInt()).isEqualTo(10207);
        assertThat(stored()).isZero();
    }

    @Test
    void shouldRefuseBatchedMirror() throws Exception {
        nc = jnatsd.connect();
        nc.request("$JS.API.STREAM.CREATE.O", "{\"name\":\"O\",\"subjects\":[\"o\"]}".getBytes(StandardCharsets.UTF_8),
            WAIT);
        String cfg = "{\"name\":\"M\",\"mirror\":{\"name\":\"O\"},\"allow_batched\":true}";
        Message m = nc.request("$JS.API.STREAM.CREATE.M", cfg.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(JSON.readTree(m.getData()).get("error").get("err_code").asInt()).isEqualTo(10209);
    }
}
