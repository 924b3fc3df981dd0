package io.jnatsd.jetstream.consumer;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
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
import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class PushConsumerIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private static void publish(JetStream js, String subject, int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            js.publish(subject, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void stream(Connection nc) throws Exception {
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("P").subjects("p.>")
            .storageType(StorageType.Memory).build());
    }

    @Test
    void shouldDeliverOldAndNewMessages_whenPushSubscribed() throws Exception {
        Connection nc = jnatsd.connect();
        stream(nc);
        JetStream js = nc.jetStream();
        publish(js, "p.a", 1, 3);
        JetStreamSubscription sub = js.subscribe("p.>", PushSubscribeOptions.builder().durable("pd").build());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message m = sub.nextMessage(Duration.ofSeconds(3));
            assertThat(m).isNotNull();
            got.add(new String(m.getData(), StandardCharsets.UTF_8));
            m.ack();
        }
        publish(js, "p.b", 4, 4);
        Message m4 = sub.nextMessage(Duration.ofSeconds(3));
        assertThat(m4).isNotNull();
        assertThat(m4.metaData().streamSequence()).isEqualTo(4);
        m4.ack();
        assertThat(got).containsExactly("m1", "m2", "m3");
        JetStreamManagement jsm = nc.jetStreamManagement();
        checkFor(() -> assertThat(jsm.getConsumerInfo("P", "pd").getAckFloor().getStreamSequence()).isEqualTo(4));
        assertThat(jsm.getConsumerInfo("P", "pd").isPushBound()).isTrue();
    }

    @Test
    void shouldDeliverInOrder_whenOrderedConsumer() throws Exception {
        Connection nc = jnatsd.connect();
        stream(nc);
        JetStream js = nc.jetStream();
        publish(js, "p.x", 1, 50);
        JetStreamSubscription sub = js.subscribe("p.>", PushSubscribeOptions.builder().ordered(true).build());
        for (int i = 1; i <= 50; i++) {
            Message m = sub.nextMessage(Duration.ofSeconds(3));
            assertThat(m).isNotNull();
            assertThat(m.metaData().streamSequence()).isEqualTo(i);
        }
        assertThat(sub.nextMessage(Duration.ofMillis(100))).isNull();
    }

    @Test
    void shouldStartAtLastPerSubject_whenDeliverLastPerSubject() throws Exception {
        Connection nc = jnatsd.connect();
        stream(nc);
        JetStream js = nc.jetStream();
        publish(js, "p.a", 1, 2);
        publish(js, "p.b", 3, 3);
        publish(js, "p.a", 4, 4);
        ConsumerConfiguration cc = ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.LastPerSubject)
            .ackPolicy(AckPolicy.None).filterSubject("p.>").build();
        JetStreamSubscription sub = js.subscribe("p.>", PushSubscribeOptions.builder().configuration(cc).build());
        Message a = sub.nextMessage(Duration.ofSeconds(3));
        Message b = sub.nextMessage(Duration.ofSeconds(3));
        assertThat(a.metaData().streamSequence()).isEqualTo(3);
        assertThat(b.metaData().streamSequence()).isEqualTo(4);
        assertThat(b.metaData().pendingCount()).isZero();
        publish(js, "p.c", 5, 5);
        assertThat(sub.nextMessage(Duration.ofSeconds(3)).metaData().streamSequence()).isEqualTo(5);
    }
}
