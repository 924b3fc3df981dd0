package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that stops reading is cut as a slow consumer once its pending bytes pass
 * max_pending; the publisher and the other subscribers do not notice.
 */
@Timeout(60)
class SlowConsumerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long MAX_PENDING_BYTES = 512 * 1024;
    /** Messages per flood round; a round is far below max_pending, so a subscriber that keeps up is never near it. */
    private static final int ROUND_MESSAGES = 128;
    private static final int PAYLOAD_BYTES = 1024;
    /** Far more than the kernel's socket buffers and max_pending together can hold. */
    private static final long FLOOD_LIMIT_BYTES = 256L * 1024 * 1024;
    private static final int SMALL_RECEIVE_BUFFER_BYTES = 4096;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(o -> o.maxPendingBytes(MAX_PENDING_BYTES));

    @Test
    void shouldCutSubscriber_whenItStopsReadingWhilePublisherFloods() throws Exception {
        RawNatsSocket stuck = jnatsd.closeAfterTest(RawNatsSocket.open(jnatsd.port(), SMALL_RECEIVE_BUFFER_BYTES));
        stuck.handshake("{\"verbose\":false,\"protocol\":1}");
        stuck.send("SUB flood 1\r\nPING\r\n").readLineStartingWith("PONG");
        Connection healthy = jnatsd.connect();
        Subscription healthySub = healthy.subscribe("flood");
        healthy.flush(WAIT);
        Connection pub = jnatsd.connect();

        long sentMessages = floodUntilSlowConsumer(pub, healthySub);

        assertThat(jnatsd.server().stats().slowConsumers()).isEqualTo(1);
        checkFor(() -> assertThat(jnatsd.server().numClients()).isEqualTo(2));
        stuck.awaitClosedByServer(WAIT);
        pub.publish("flood", "last".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        pub.flush(WAIT);
        healthy.flush(WAIT);
        assertThat(healthy.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(pub.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(healthySub.getPendingMessageCount() + healthySub.getDeliveredCount()).isEqualTo(sentMessages + 1);
    }

    @Test
    void shouldNotCountSlowConsumer_whenSubscriberKeepsUp() throws Exception {
        Connection sub = jnatsd.connect();
        Subscription s = sub.subscribe("steady");
        sub.flush(WAIT);
        Connection pub = jnatsd.connect();

        for (int i = 0; i < 5_000; i++) {
            pub.publish("steady", new byte[PAYLOAD_BYTES]);
        }
        pub.flush(WAIT);
        sub.flush(WAIT);

        assertThat(s.getPendingMessageCount()).isEqualTo(5_000);
        assertThat(jnatsd.server().stats().slowConsumers()).isZero();
    }

    /**
     * Publishes in rounds until the server reports a slow consumer; returns how many messages
     * were sent. Each round waits until the healthy subscriber has them all, so only the
     * subscriber that stopped reading can fall behind.
     */
    private long floodUntilSlowConsumer(Connection pub, Subscription healthySub) throws Exception {
        byte[] payload = new byte[PAYLOAD_BYTES];
        long sent = 0;
        while (jnatsd.server().stats().slowConsumers() == 0) {
            for (int i = 0; i < ROUND_MESSAGES; i++) {
                pub.publish("flood", payload);
            }
            sent += ROUND_MESSAGES;
            pub.flush(WAIT);
            long expected = sent;
            checkFor(() -> assertThat(healthySub.getPendingMessageCount() + healthySub.getDeliveredCount())
                    .isEqualTo(expected));
            assertThat(sent * PAYLOAD_BYTES).as("bytes flooded without a slow consumer").isLessThan(FLOOD_LIMIT_BYTES);
        }
        return sent;
    }
}
