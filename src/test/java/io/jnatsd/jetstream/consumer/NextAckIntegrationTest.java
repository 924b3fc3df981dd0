package io.jnatsd.jetstream.consumer;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The +NXT ack (ack and ask for more in one message) and max_waiting, read raw from the reply inbox. */
@Timeout(30)
class NextAckIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private Connection setup(int msgs, ConsumerConfiguration cc) throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("N").subjects("n").storageType(StorageType.Memory).build());
        for (int i = 0; i < msgs; i++) {
            nc.jetStream().publish("n", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        jsm.addOrUpdateConsumer("N", cc);
        return nc;
    }

    private static Message next(Subscription inbox) throws InterruptedException {
        Message m = inbox.nextMessage(WAIT);
        assertThat(m).as("a message on %s", inbox.getSubject()).isNotNull();
        return m;
    }

    @Test
    void shouldAckAndDeliverNext_whenNxtAck() throws Exception {
        Connection nc = setup(5, ConsumerConfiguration.builder().durable("c").ackPolicy(AckPolicy.Explicit).build());
        Subscription inbox = nc.subscribe(nc.createInbox());
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.N.c", inbox.getSubject(), "1".getBytes(StandardCharsets.UTF_8));
        Message first = next(inbox);
        assertThat(first.metaData().streamSequence()).isEqualTo(1);

        nc.publish(first.getReplyTo(), inbox.getSubject(), "+NXT".getBytes(StandardCharsets.UTF_8));
        Message second = next(inbox);
        assertThat(second.metaData().streamSequence()).isEqualTo(2);

        nc.publish(second.getReplyTo(), inbox.getSubject(), "+NXT {\"batch\":2}".getBytes(StandardCharsets.UTF_8));
        assertThat(next(inbox).metaData().streamSequence()).isEqualTo(3);
        assertThat(next(inbox).metaData().streamSequence()).isEqualTo(4);

        JetStreamManagement jsm = nc.jetStreamManagement();
        checkFor(() -> assertThat(jsm.getConsumerInfo("N", "c").getAckFloor().getStreamSequence()).isEqualTo(2));
        assertThat(jsm.getConsumerInfo("N", "c").getNumAckPending()).isEqualTo(2);
    }

    @Test
    void shouldRefuseRequest_whenMaxWaitingReached() throws Exception {
        Connection nc = setup(0, ConsumerConfiguration.builder().durable("c").ackPolicy(AckPolicy.Explicit)
            .maxPullWaiting(1).build());
        Subscription first = nc.subscribe(nc.createInbox());
        Subscription second = nc.subscribe(nc.createInbox());
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.N.c", first.getSubject(),
            "{\"batch\":1,\"expires\":10000000000}".getBytes(StandardCharsets.UTF_8));
        JetStreamManagement jsm = nc.jetStreamManagement();
        checkFor(() -> assertThat(jsm.getConsumerInfo("N", "c").getNumWaiting()).isEqualTo(1));
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.N.c", second.getSubject(),
            "{\"batch\":1,\"expires\":10000000000}".getBytes(StandardCharsets.UTF_8));
        Message refused = next(second);
        assertThat(refused.getStatus().getCode()).isEqualTo(409);
        assertThat(refused.getStatus().getMessage()).isEqualTo("Exceeded MaxWaiting");

        nc.jetStream().publish("n", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(next(first).metaData().streamSequence()).isEqualTo(1);
        assertThat(jsm.getConsumerInfo("N", "c").getNumWaiting()).isZero();
    }
}
