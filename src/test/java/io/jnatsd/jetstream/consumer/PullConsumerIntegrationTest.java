package io.jnatsd.jetstream.consumer;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
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
import java.util.List;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class PullConsumerIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private JetStream setup(Connection nc, int msgs) throws Exception {
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("S").subjects("s.>").storageType(StorageType.File).build());
        JetStream js = nc.jetStream();
        for (int i = 1; i <= msgs; i++) {
            js.publish("s." + i, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        return js;
    }

    @Test
    void shouldFetchAndAck_whenDurablePullConsumer() throws Exception {
        Connection nc = jnatsd.connect();
        JetStream js = setup(nc, 10);
        JetStreamSubscription sub = js.subscribe("s.>", PullSubscribeOptions.builder().durable("d").build());
        List<Message> msgs = sub.fetch(4, Duration.ofSeconds(2));
        assertThat(msgs).hasSize(4);
        assertThat(new String(msgs.get(0).getData(), StandardCharsets.UTF_8)).isEqualTo("m1");
        assertThat(msgs.get(3).metaData().streamSequence()).isEqualTo(4);
        assertThat(msgs.get(3).metaData().pendingCount()).isEqualTo(6);
        msgs.forEach(Message::ack);
        JetStreamManagement jsm = nc.jetStreamManagement();
        checkFor(() -> {
            ConsumerInfo ci = jsm.getConsumerInfo("S", "d");
            assertThat(ci.getAckFloor().getStreamSequence()).isEqualTo(4);
            assertThat(ci.getNumAckPending()).isZero();
            assertThat(ci.getNumPending()).isEqualTo(6);
            assertThat(ci.getDelivered().getConsumerSequence()).isEqualTo(4);
        });
        List<Message> rest = sub.fetch(100, Duration.ofMillis(500));
        assertThat(rest).hasSize(6);
    }

    @Test
    void shouldRedeliver_whenAckWaitPasses() throws Exception {
        Connection nc = jnatsd.connect();
        JetStream js = setup(nc, 1);
        ConsumerConfiguration cc = ConsumerConfiguration.builder().durable("r").ackPolicy(AckPolicy.Explicit)
            .ackWait(Duration.ofMillis(300)).build();
        JetStreamSubscription sub = js.subscribe("s.>", PullSubscribeOptions.builder().configuration(cc).build());
        List<Message> first = sub.fetch(1, Duration.ofSeconds(2));
        assertThat(first).hasSize(1);
        List<Message> again = sub.fetch(1, Duration.ofSeconds(3));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).metaData().deliveredCount()).isEqualTo(2);
        assertThat(again.get(0).metaData().streamSequence()).isEqualTo(1);
        again.get(0).ackSync(Duration.ofSeconds(2));
        ConsumerInfo ci = nc.jetStreamManagement().getConsumerInfo("S", "r");
        assertThat(ci.getNumAckPending()).isZero();
        assertThat(ci.getAckFloor().getStreamSequence()).isEqualTo(1);
    }
}
