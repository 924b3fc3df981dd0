package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Atomic batch publish ({@code allow_atomic}, {@code Nats-Batch-*}) over the wire, with the reference's errors. */
@Timeout(60)
class AtomicBatchIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    @Test
    void shouldStoreNothingUntilCommit_thenTheWholeBatch() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = atomicStream(nc, "ORDERS", "orders.>");

        for (int seq = 1; seq <= 3; seq++) {
            Message staged = publish(nc, "orders.new", batch("b1", seq, null), "item" + seq);
            assertThat(staged.getData()).as("the empty ack of a staged message").isEmpty();
        }
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount()).isZero();
        JsonNode ack = json(publish(nc, "orders.new", batch("b1", 4, "1"), "item4"));

        assertThat(ack.get("seq").asLong()).isEqualTo(4);
        assertThat(ack.get("batch").asText()).isEqualTo("b1");
        assertThat(ack.get("count").asInt()).isEqualTo(4);
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount()).isEqualTo(4);
        MessageInfo last = jsm.getMessage("ORDERS", 4);
        assertThat(new String(last.getData(), StandardCharsets.UTF_8)).isEqualTo("item4");
        assertThat(last.getHeaders().getFirst("Nats-Batch-Commit")).isEqualTo("1");
    }

    @Test
    void shouldCommitWithoutStoringTheMarker_whenBatchEndsWithEob() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = atomicStream(nc, "EOB", "eob");
        publish(nc, "eob", batch("e", 1, null), "one");
        publish(nc, "eob", batch("e", 2, null), "two");

        JsonNode ack = json(publish(nc, "eob", batch("e", 3, "eob"), ""));

        assertThat(ack.get("count").asInt()).isEqualTo(2);
        assertThat(jsm.getStreamInfo("EOB").getStreamState().getMsgCount()).isEqualTo(2);
        assertThat(jsm.getMessage("EOB", 2).getHeaders().getFirst("Nats-Batch-Commit")).isEqualTo("1");
    }

    @Test
    void shouldRejectWholeBatch_whenOneMessageFailsItsCheckAtCommit() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = atomicStream(nc, "CHECKED", "checked");
        publish(nc, "checked", batch("c", 1, null), "first");
        Headers wrongExpectation = batch("c", 2, "1").add("Nats-Expected-Last-Sequence", "0");

        JsonNode ack = json(publish(nc, "checked", wrongExpectation, "second"));

        assertThat(ack.path("error").path("err_code").asInt()).isEqualTo(10071);
        assertThat(jsm.getStreamInfo("CHECKED").getStreamState().getMsgCount()).isZero();
        Headers rightExpectations = batch("d", 1, null).add("Nats-Expected-Last-Sequence", "0");
        publish(nc, "checked", rightExpectations, "first");
        Headers secondExpectsFirst = batch("d", 2, "1").add("Nats-Expected-Last-Sequence", "1");
        assertThat(json(publish(nc, "checked", secondExpectsFirst, "second")).get("count").asInt()).isEqualTo(2);
    }

    @Test
    void shouldAnswerReferenceErrors_whenBatchesAreMisused() throws Exception {
        Connection nc = jnatsd.connect();
        atomicStream(nc, "ERRS", "errs");
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("PLAIN").subjects("plain")
            .storageType(StorageType.Memory).build());

        assertError(publish(nc, "plain", batch("p", 1, "1"), "x"), 10174, "atomic publish is disabled");
        assertError(publish(nc, "errs", batch("x".repeat(65), 1, "1"), "x"), 10179,
            "atomic publish batch ID is invalid");
        assertError(publish(nc, "errs", new Headers().add("Nats-Batch-Id", "noseq"), "x"), 10175,
            "atomic publish sequence is missing");
        assertError(publish(nc, "errs", batch("late", 2, null), "x"), 10176, "atomic publish batch is incomplete");
        assertError(publish(nc, "errs", batch("big", 1001, null), "x"), 10199,
            "atomic publish batch is too large: 1000");
        publish(nc, "errs", batch("gap", 1, null), "x");
        assertError(publish(nc, "errs", batch("gap", 3, "1"), "x"), 10176, "atomic publish batch is incomplete");
        publish(nc, "errs", batch("badcommit", 1, null), "x");
        assertError(publish(nc, "errs", batch("badcommit", 2, "yes"), "x"), 10200,
            "atomic publish batch commit is invalid");
        Headers dupIds = batch("dup", 2, "1").add("Nats-Msg-Id", "same");
        publish(nc, "errs", batch("dup", 1, null).add("Nats-Msg-Id", "same"), "x");
        assertError(publish(nc, "errs", dupIds, "x"), 10201, "atomic publish batch contains duplicate message id");
        Headers lastMsgId = batch("unsup", 1, "1").add("Nats-Expected-Last-Msg-Id", "a");
        assertError(publish(nc, "errs", lastMsgId, "x"), 10177,
            "atomic publish unsupported header used: Nats-Expected-Last-Msg-Id");
        assertThat(nc.jetStreamManagement().getStreamInfo("ERRS").getStreamState().getMsgCount()).isZero();
    }

    private static JetStreamManagement atomicStream(Connection nc, String name, String subject) throws Exception {
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name(name).subjects(subject).storageType(StorageType.File)
            .allowAtomicPublish(true).build());
        return jsm;
    }

    private static Headers batch(String id, long seq, String commit) {
        Headers h = new Headers().add("Nats-Batch-Id", id).add("Nats-Batch-Sequence", Long.toString(seq));
        return commit == null ? h : h.add("Nats-Batch-Commit", commit);
    }

    private static Message publish(Connection nc, String subject, Headers headers, String body) throws Exception {
        Message reply = nc.request(NatsMessage.builder().subject(subject).headers(headers)
            .data(body.getBytes(StandardCharsets.UTF_8)).build(), WAIT);
        assertThat(reply).as("reply for %s", subject).isNotNull();
        return reply;
    }

    private static JsonNode json(Message m) throws Exception {
        return JSON.readTree(m.getData());
    }

    private static void assertError(Message reply, int errCode, String description) throws Exception {
        JsonNode ack = json(reply);
        assertThat(ack.path("error").path("err_code").asInt()).as(ack.toString()).isEqualTo(errCode);
        assertThat(ack.path("error").path("description").asText()).isEqualTo(description);
    }
}
