package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Queue groups: each message goes to one member of each group, spread over the members. */
@Timeout(30)
class QueueGroupIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MESSAGES = 600;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    /** The connection of each subscription, to flush it before its messages are counted. */
    private final Map<Subscription, Connection> connectionOf = new HashMap<>();

    @Test
    void shouldDeliverEachMessageOncePerGroup_whenGroupHasSeveralMembers() throws Exception {
        List<Subscription> workers = subscribeMembers("jobs", "workers", 3);
        List<Subscription> auditors = subscribeMembers("jobs", "auditors", 2);

        publishNumbered("jobs", MESSAGES);

        assertExactlyOnceAcross(workers, MESSAGES);
        assertExactlyOnceAcross(auditors, MESSAGES);
    }

    @Test
    void shouldSpreadMessagesOverMembers_whenGroupHasSeveralMembers() throws Exception {
        List<Subscription> workers = subscribeMembers("tasks", "workers", 3);

        publishNumbered("tasks", MESSAGES);

        for (Subscription member : workers) {
            connectionOf.get(member).flush(WAIT);
        }
        for (Subscription member : workers) {
            // Random choice: each member's share is far from 0 (P(0 of 600 at 1/3) ~ 1e-106).
            assertThat(member.getPendingMessageCount()).isGreaterThan(MESSAGES / 10);
        }
        assertExactlyOnceAcross(workers, MESSAGES);
    }

    @Test
    void shouldDeliverToPlainAndQueueSubscribers_whenBothListenOnSubject() throws Exception {
        Connection plainConn = jnatsd.connect();
        Subscription plain = plainConn.subscribe("orders");
        connectionOf.put(plain, plainConn);
        plainConn.flush(WAIT);
        List<Subscription> group = subscribeMembers("orders", "billing", 2);

        publishNumbered("orders", MESSAGES);

        assertExactlyOnceAcross(List.of(plain), MESSAGES);
        assertExactlyOnceAcross(group, MESSAGES);
    }

    @Test
    void shouldDeliverToBoth_whenPlainAndQueueSubscriptionShareAConnection() throws Exception {
        Connection nc = jnatsd.connect();
        Subscription plain = nc.subscribe("shared");
        Subscription queued = nc.subscribe("shared", "q");
        connectionOf.put(plain, nc);
        connectionOf.put(queued, nc);
        nc.flush(WAIT);

        publishNumbered("shared", 10);

        assertExactlyOnceAcross(List.of(plain), 10);
        assertExactlyOnceAcross(List.of(queued), 10);
    }

    @Test
    void shouldDeliverToOneMember_whenQueueSubscribesWithWildcard() throws Exception {
        List<Subscription> group = subscribeMembers("events.*", "handlers", 2);
        Connection pub = jnatsd.connect();

        for (int i = 0; i < 100; i++) {
            pub.publish("events." + (i % 7), ByteBuffer.allocate(Integer.BYTES).putInt(i).array());
        }
        pub.flush(WAIT);

        assertExactlyOnceAcross(group, 100);
    }

    private List<Subscription> subscribeMembers(String subject, String queue, int members) throws Exception {
        List<Subscription> subs = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            Connection c = jnatsd.connect();
            Subscription s = c.subscribe(subject, queue);
            connectionOf.put(s, c);
            subs.add(s);
            c.flush(WAIT);
        }
        return subs;
    }

    /** Publishes {@code count} numbered messages; the publisher's PONG means the server routed them all. */
    private void publishNumbered(String subject, int count) throws Exception {
        Connection pub = jnatsd.connect();
        for (int i = 0; i < count; i++) {
            pub.publish(subject, ByteBuffer.allocate(Integer.BYTES).putInt(i).array());
        }
        pub.flush(WAIT);
    }

    /**
     * Reads every pending message of {@code subs}
     * and checks that 0..count-1 each arrived exactly once. A subscriber's own PONG comes
     * after every MSG queued for it, so after its flush the client holds them all.
     */
    private void assertExactlyOnceAcross(List<Subscription> subs, int count) throws Exception {
        Set<Integer> seen = new HashSet<>();
        int total = 0;
        for (Subscription s : subs) {
            connectionOf.get(s).flush(WAIT);
            long pending = s.getPendingMessageCount();
            for (long i = 0; i < pending; i++) {
                Message m = s.nextMessage(WAIT);
                assertThat(seen.add(ByteBuffer.wrap(m.getData()).getInt())).as("duplicate").isTrue();
                total++;
            }
        }
        assertThat(total).isEqualTo(count);
        assertThat(seen).hasSize(count);
    }
}
