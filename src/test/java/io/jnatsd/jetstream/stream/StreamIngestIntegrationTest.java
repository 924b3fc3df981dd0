package io.jnatsd.jetstream.stream;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.PublishOptions;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The publish path of a stream over the wire with jnats: acks, dedupe, expectations, limits, rollups. */
@Timeout(30)
class StreamIngestIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private Connection nc;
    private JetStreamManagement jsm;
    private JetStream js;

    @BeforeEach
    void connect() throws Exception {
        nc = jnatsd.connect();
        jsm = nc.jetStreamManagement();
        js = nc.jetStream();
    }

    private static void assertApiError(ThrowableAssert.ThrowingCallable call, int errCode) {
        assertThatThrownBy(call).isInstanceOf(JetStreamApiException.class)
            .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode()).isEqualTo(errCode));
    }

    @Test
    void shouldAckDuplicate_whenMsgIdRepeatsWithinWindow() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("D").subjects("d").build());
        PublishAck a = js.publish("d", new byte[1], PublishOptions.builder().messageId("id-1").build());
        PublishAck b = js.publish("d", new byte[1], PublishOptions.builder().messageId("id-1").build());
        PublishAck c = js.publish("d", new byte[1], PublishOptions.builder().messageId("id-2").build());
        assertThat(a.isDuplicate()).isFalse();
        assertThat(b.isDuplicate()).isTrue();
        assertThat(b.getSeqno()).isEqualTo(1);
        assertThat(c.getSeqno()).isEqualTo(2);
        assertThat(jsm.getStreamInfo("D").getStreamState().getMsgCount()).isEqualTo(2);
    }

    @Test
    void shouldRefuse_whenExpectationsFail() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("E").subjects("e.*").build());
        js.publish("e.a", new byte[1], PublishOptions.builder().messageId("m1").build());
        assertApiError(() -> js.publish("e.a", new byte[1], PublishOptions.builder().expectedStream("X").build()),
            10060);
        assertApiError(() -> js.publish("e.a", new byte[1], PublishOptions.builder().expectedLastSequence(5).build()),
            10071);
        assertApiError(() -> js.publish("e.b", new byte[1],
            PublishOptions.builder().expectedLastSubjectSequence(1).build()), 10071);
        assertApiError(() -> js.publish("e.a", new byte[1], PublishOptions.builder().expectedLastMsgId("zz").build()),
            10070);
        PublishAck ok = js.publish("e.a", new byte[1], PublishOptions.builder().expectedStream("E")
            .expectedLastSequence(1).expectedLastSubjectSequence(1).expectedLastMsgId("m1").build());
        assertThat(ok.getSeqno()).isEqualTo(2);
    }

    @Test
    void shouldRefuse_whenMessageIsLargerThanMaxMsgSize() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("S").subjects("s").maximumMessageSize(10).build());
        assertApiError(() -> js.publish("s", new byte[11]), 10054);
        assertThat(js.publish("s", new byte[10]).getSeqno()).isEqualTo(1);
    }

    @Test
    void shouldRefuse_whenDiscardNewAndFull() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("N").subjects("n").maxMessages(1)
            .discardPolicy(DiscardPolicy.New).build());
        js.publish("n", new byte[1]);
        assertApiError(() -> js.publish("n", new byte[1]), 10077);
    }

    @Test
    void shouldKeepOnlyTheRollup_whenRollupSubIsPublished() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("R").subjects("r.*").allowRollup(true).build());
        js.publish("r.a", new byte[1]);
        js.publish("r.a", new byte[1]);
        js.publish("r.b", new byte[1]);
        Headers h = new Headers().add("Nats-Rollup", "sub");
        PublishAck ack = js.publish(NatsMessage.builder().subject("r.a").headers(h).data(new byte[1]).build());
        assertThat(ack.getSeqno()).isEqualTo(4);
        assertThat(jsm.getStreamInfo("R").getStreamState().getMsgCount()).isEqualTo(2);
    }

    @Test
    void shouldRefuseRollup_whenNotAllowed() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("R2").subjects("r2").build());
        Headers h = new Headers().add("Nats-Rollup", "all");
        assertApiError(() -> js.publish(NatsMessage.builder().subject("r2").headers(h).data(new byte[1]).build()),
            10111);
    }

    @Test
    void shouldRefuseTtl_whenMsgTtlIsNotAllowed() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("T").subjects("t").build());
        Headers h = new Headers().add("Nats-TTL", "10s");
        assertApiError(() -> js.publish(NatsMessage.builder().subject("t").headers(h).data(new byte[1]).build()),
            10166);
    }

    @Test
    void shouldDropMessages_whenInterestStreamHasNoConsumers() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("I").subjects("i")
            .retentionPolicy(io.nats.client.api.RetentionPolicy.Interest).build());
        PublishAck ack = js.publish("i", new byte[1]);
        assertThat(ack.getSeqno()).isEqualTo(1);
        assertThat(jsm.getStreamInfo("I").getStreamState().getMsgCount()).isZero();
    }

    @Test
    void shouldRefuseDeleteAndPurge_whenDenied() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("P").subjects("p").denyDelete(true).denyPurge(true).build());
        js.publish("p", new byte[1]);
        assertApiError(() -> jsm.deleteMessage("P", 1), 10057);
        assertApiError(() -> jsm.purgeStream("P"), 10110);
    }

    @Test
    void shouldAckEveryAsyncPublish_inOrder() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name("A").subjects("a").build());
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<PublishAck>>();
        for (int i = 0; i < 500; i++) {
            futures.add(js.publishAsync("a", new byte[16]));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i).get(10, java.util.concurrent.TimeUnit.SECONDS).getSeqno()).isEqualTo(i + 1);
        }
        assertThat(jsm.getStreamInfo("A").getStreamState().getMsgCount()).isEqualTo(500);
    }
}
