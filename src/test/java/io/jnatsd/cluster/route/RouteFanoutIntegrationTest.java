package io.jnatsd.cluster.route;

import io.jnatsd.server.ClientConnection;
import io.jnatsd.server.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.awaitRemoteSubs;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A routed message fanned out to many local subscribers: every subscriber gets every message, in order, whole,
 * and a subscription with an UNSUB max gets exactly its max.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouteFanoutIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SUBSCRIBERS = 6;
    private static final int MESSAGES = 20_000;

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() throws InterruptedException {
        nodes.close();
    }

    private Connection connect(NatsServer server) throws Exception {
        return nodes.connect(server);
    }

    private static byte[] payload(int seq, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(seq);
        while (b.hasRemaining()) {
            b.put((byte) ('a' + seq % 26));
        }
        return b.array();
    }

    @Test
    void shouldDeliverEveryMessageInOrderToEverySubscriber_whenARoutedMessageFansOut() throws Exception {
        NatsServer a = nodes.start(List.of());
        NatsServer b = nodes.start(List.of(routeUrl(a)));
        awaitMesh(a, b);
        List<Subscription> subs = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Connection c = connect(b);
            subs.add(c.subscribe("fan.out"));
            c.flush(WAIT);
        }
        Connection limitedConn = connect(b);
        Subscription limited = limitedConn.subscribe("fan.out");
        limitedConn.flush(WAIT);
        limited.unsubscribe(777);
        limitedConn.flush(WAIT);
        // One plain interest in the subject, whatever the number of local subscriptions behind it.
        awaitRemoteSubs(a, 1);

        Connection pub = connect(a);
        for (int i = 0; i < MESSAGES; i++) {
            // Mostly small messages, some larger than a staging buffer, headers on some.
            int size = i % 1000 == 999 ? 70_000 : 8 + i % 50;
            if (i % 7 == 0) {
                pub.publish(io.nats.client.impl.NatsMessage.builder().subject("fan.out")
                        .headers(new io.nats.client.impl.Headers().add("Seq", Integer.toString(i)))
                        .data(payload(i, size)).build());
            } else {
                pub.publish("fan.out", payload(i, size));
            }
        }
        pub.flush(WAIT);

        for (Subscription s : subs) {
            for (int i = 0; i < MESSAGES; i++) {
                Message m = s.nextMessage(WAIT);
                assertThat(m).as("message %d", i).isNotNull();
                assertThat(ByteBuffer.wrap(m.getData()).getInt()).isEqualTo(i);
                assertThat(m.getData()).isEqualTo(payload(i, i % 1000 == 999 ? 70_000 : 8 + i % 50));
                assertThat(m.hasHeaders()).isEqualTo(i % 7 == 0);
            }
        }
        for (int i = 0; i < 777; i++) {
            Message m = limited.nextMessage(WAIT);
            assertThat(ByteBuffer.wrap(m.getData()).getInt()).isEqualTo(i);
        }
        // The client drops what passes its max by itself; the server's count says it sent exactly the max.
        checkFor(() -> assertThat(b.clients().stream().mapToLong(ClientConnection::outMsgs).sum())
                .isEqualTo((long) SUBSCRIBERS * MESSAGES + 777));
    }
}
