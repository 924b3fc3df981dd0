package io.jnatsd.integration;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Core publish/subscribe through jnatsd with the official Java client. */
@Timeout(30)
class PubSubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    @Test
    void shouldDeliverMessage_whenSubscriberListensOnSubject() throws Exception {
        Connection sub = jnatsd.connect();
        Connection pub = jnatsd.connect();
        Subscription s = sub.subscribe("greet.one");
        sub.flush(WAIT);

        pub.publish("greet.one", "hello".getBytes(StandardCharsets.UTF_8));

        Message m = s.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.getSubject()).isEqualTo("greet.one");
        assertThat(m.getReplyTo()).isNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void shouldDeliverEmptyPayload_whenMessageHasNoData() throws Exception {
        Connection nc = jnatsd.connect();
        Subscription s = nc.subscribe("empty");
        nc.publish("empty", new byte[0]);

        Message m = s.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.getData()).isEmpty();
    }

    @Test
    void shouldDeliverEveryMessageInOrder_whenOnePublisherSendsMany() throws Exception {
        int count = 5_000;
        Connection sub = jnatsd.connect();
        Connection pub = jnatsd.connect();
        Subscription s = sub.subscribe("seq");
        sub.flush(WAIT);

        for (int i = 0; i < count; i++) {
            pub.publish("seq", ByteBuffer.allocate(Integer.BYTES).putInt(i).array());
        }
        pub.flush(WAIT);

        for (int i = 0; i < count; i++) {
            Message m = s.nextMessage(WAIT);
            assertThat(m).as("message %d", i).isNotNull();
            assertThat(ByteBuffer.wrap(m.getData()).getInt()).isEqualTo(i);
        }
    }

    @Test
    void shouldDeliverPayloadByteExact_whenPayloadIsAtMaxPayload() throws Exception {
        Connection sub = jnatsd.connect();
        Connection pub = jnatsd.connect();
        assertThat(pub.getMaxPayload()).isEqualTo(ServerOptions.MAX_PAYLOAD_DEFAULT);
        Subscription s = sub.subscribe("big");
        sub.flush(WAIT);
        Random random = new Random(42);
        int[] sizes = {ServerOptions.MAX_PAYLOAD_DEFAULT, ServerOptions.MAX_PAYLOAD_DEFAULT - 1, 512 * 1024 + 7};

        for (int size : sizes) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            pub.publish("big", payload);
            Message m = s.nextMessage(WAIT);
            assertThat(m).as("payload of %d bytes", size).isNotNull();
            assertThat(m.getData()).isEqualTo(payload);
        }
    }

    @Test
    void shouldDeliverToEverySubscriber_whenSeveralConnectionsSubscribe() throws Exception {
        Connection pub = jnatsd.connect();
        Subscription[] subs = new Subscription[5];
        for (int i = 0; i < subs.length; i++) {
            Connection c = jnatsd.connect();
            subs[i] = c.subscribe("fan.out");
            c.flush(WAIT);
        }

        pub.publish("fan.out", "x".getBytes(StandardCharsets.UTF_8));

        for (Subscription s : subs) {
            assertThat(s.nextMessage(WAIT)).isNotNull();
        }
    }

    @Test
    void shouldStopDelivery_whenSubscriptionIsUnsubscribed() throws Exception {
        Connection sub = jnatsd.connect();
        Connection pub = jnatsd.connect();
        Subscription gone = sub.subscribe("topic");
        Subscription kept = sub.subscribe("topic");
        sub.flush(WAIT);
        gone.unsubscribe();
        sub.flush(WAIT);
        checkFor(() -> assertThat(jnatsd.server().globalAccount().sublist().count()).isEqualTo(1));

        pub.publish("topic", "after".getBytes(StandardCharsets.UTF_8));

        assertThat(kept.nextMessage(WAIT)).isNotNull();
        assertThat(jnatsd.server().stats().outMsgs()).isEqualTo(1);
    }

    @Test
    void shouldCountMessages_whenPublished() throws Exception {
        Connection sub = jnatsd.connect();
        Connection pub = jnatsd.connect();
        Subscription s = sub.subscribe("counted");
        sub.flush(WAIT);
        for (int i = 0; i < 10; i++) {
            pub.publish("counted", new byte[100]);
        }
        pub.flush(WAIT);
        for (int i = 0; i < 10; i++) {
            assertThat(s.nextMessage(WAIT)).isNotNull();
        }

        assertThat(jnatsd.server().stats().inMsgs()).isEqualTo(10);
        assertThat(jnatsd.server().stats().inBytes()).isEqualTo(1000);
        assertThat(jnatsd.server().stats().outMsgs()).isEqualTo(10);
    }
}
