package io.jnatsd.jetstream.consumer;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.Subscription;
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
class AckKindsIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private JetStreamSubscription pull(Connection nc, int msgs, ConsumerConfiguration cc) throws Exception {
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("A").subjects("a.>")
            .storageType(StorageType.Memory).build());
        JetStream js = nc.jetStream();
        for (int i = 1; i <= msgs; i++) {
            js.publish("a." + i, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        return js.subscribe("a.>", PullSubscribeOptions.builder().configuration(cc).build());
    }

    private static ConsumerConfiguration.Builder explicit(String name) {
        return ConsumerConfiguration.builder().durable(name).ackPolicy(AckPolicy.Explicit);
    }

    @Test
    void shouldRedeliverAtOnce_whenNak() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamSubscription sub = pull(nc, 1, explicit("n").ackWait(Duration.ofSeconds(30)).build());
        Subscription adv = nc.subscribe("$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.A.n");
        Message m = sub.fetch(1, Duration.ofSeconds(2)).get(0);
        m.nak();
        Message again = sub.fetch(1, Duration.ofSeconds(2)).get(0);
        assertThat(again.metaData().deliveredCount()).isEqualTo(2);
        Message advisory = adv.nextMessage(Duration.ofSeconds(2));
        assertThat(new String(advisory.getData(), StandardCharsets.UTF_8))
            .contains("\"type\":\"io.nats.jetstream.advisory.v1.nak\"").contains("\"stream_seq\":1");
    }

    @Test
    void shouldWaitTheDelay_whenNakWithDelay() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamSubscription sub = pull(nc, 1, explicit("nd").ackWait(Duration.ofSeconds(30)).build());
        Message m = sub.fetch(1, Duration.ofSeconds(2)).get(0);
        m.nakWithDelay(Duration.ofMillis(700));
        assertThat(sub.fetch(1, Duration.ofMillis(300))).isEmpty();
        List<Message> later = sub.fetch(1, Duration.ofSeconds(3));
        assertThat(later).hasSize(1);
        assertThat(later.get(0).metaData().deliveredCount()).isEqualTo(2);
    }

    @Test
    void shouldNeverRedeliver_whenTerm() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamSubscription sub = pull(nc, 2, explicit("t").ackWait(Duration.ofMillis(300)).build());
        Subscription adv = nc.subscribe("$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.A.t");
        Message m = sub.fetch(1, Duration.ofSeconds(2)).get(0);
        m.term();
        Message advisory = adv.nextMessage(Duration.ofSeconds(2));
        assertThat(advisory).isNotNull();
        Message next = sub.fetch(1, Duration.ofSeconds(2)).get(0);
        assertThat(next.metaData().streamSequence()).isEqualTo(2);
        next.ack();
        assertThat(sub.fetch(1, Duration.ofMillis(800))).isEmpty();
    }

    @Test
    void shouldPostponeRedelivery_whenInProgress() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamSubscription sub = pull(nc, 1, explicit("w").ackWait(Duration.ofMillis(600)).build());
        Message m = sub.fetch(1, Duration.ofSeconds(2)).get(0);
        for (int i = 0; i < 3; i++) {
            assertThat(sub.fetch(1, Duration.ofMillis(300))).isEmpty();
            m.inProgress();
        }
        m.ackSync(Duration.ofSeconds(2));
        assertThat(nc.jetStreamManagement().getConsumerInfo("A", "w").getRedelivered()).isZero();
    }

    @Test
    void shouldAckEverythingBelow_whenAckAll() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamSubscription sub = pull(nc, 5, ConsumerConfiguration.builder().durable("all")
            .ackPolicy(AckPolicy.All).build());
        List<Message> msgs = sub.fetch(5, Duration.ofSeconds(2));
        assertThat(msgs).hasSize(5);
        msgs.get(3).ackSync(Duration.ofSeconds(2));
        ConsumerInfo ci = nc.jetStreamManagement().getConsumerInfo("A", "all");
        assertThat(ci.getAckFloor().getStreamSequence()).isEqualTo(4);
        assertThat(ci.getNumAckPending()).isEqualTo(1);
    }

    @Test
    void shouldStopAndAdvise_whenMaxDeliverReached() throws Exception {
        Connection nc = jnatsd.connect();
        Subscription adv = nc.subscribe("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.A.md");
        JetStreamSubscription sub = pull(nc, 1, explicit("md").ackWait(Duration.ofMillis(200)).maxDeliver(2)
            .build());
        assertThat(sub.fetch(1, Duration.ofSeconds(2))).hasSize(1);
        assertThat(sub.fetch(1, Duration.ofSeconds(2))).hasSize(1);
        Message advisory = adv.nextMessage(Duration.ofSeconds(3));
        assertThat(new String(advisory.getData(), StandardCharsets.UTF_8)).contains("\"deliveries\":2");
        assertThat(sub.fetch(1, Duration.ofMillis(500))).isEmpty();
        JetStreamManagement jsm = nc.jetStreamManagement();
        checkFor(() -> assertThat(jsm.getConsumerInfo("A", "md").getNumAckPending()).isZero());
    }

    @Test
    void shouldHoldBack_whenMaxAckPendingReached() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamSubscription sub = pull(nc, 5, explicit("map").maxAckPending(2).build());
        List<Message> first = sub.fetch(5, Duration.ofMillis(700));
        assertThat(first).hasSize(2);
        first.get(0).ack();
        List<Message> more = sub.fetch(5, Duration.ofMillis(700));
        assertThat(more).hasSize(1);
        assertThat(more.get(0).metaData().streamSequence()).isEqualTo(3);
    }

    @Test
    void shouldFollowBackoff_whenBackoffSet() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamSubscription sub = pull(nc, 1, explicit("bo").backoff(Duration.ofMillis(200),
            Duration.ofMillis(1200)).maxDeliver(5).build());
        assertThat(sub.fetch(1, Duration.ofSeconds(2))).hasSize(1);
        assertThat(sub.fetch(1, Duration.ofSeconds(2))).hasSize(1);
        assertThat(sub.fetch(1, Duration.ofMillis(600))).isEmpty();
        List<Message> third = sub.fetch(1, Duration.ofSeconds(3));
        assertThat(third).hasSize(1);
        assertThat(third.get(0).metaData().deliveredCount()).isEqualTo(3);
    }
}
