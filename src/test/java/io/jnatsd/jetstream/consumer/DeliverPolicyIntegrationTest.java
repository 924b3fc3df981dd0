package io.jnatsd.jetstream.consumer;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
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
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a consumer starts, for each deliver policy, over the wire with jnats pull subscriptions. */
@Timeout(60)
class DeliverPolicyIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    /** Stores d.a (1), d.b (2), d.a (3), d.b (4). */
    private Connection setup() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("P").subjects("d.>")
            .storageType(StorageType.File).build());
        JetStream js = nc.jetStream();
        for (String s : List.of("d.a", "d.b", "d.a", "d.b")) {
            js.publish(s, s.getBytes(StandardCharsets.UTF_8));
        }
        return nc;
    }

    private static JetStreamSubscription pull(Connection nc, ConsumerConfiguration.Builder cc) throws Exception {
        ConsumerConfiguration c = cc.ackPolicy(AckPolicy.Explicit).filterSubject("d.>").build();
        return nc.jetStream().subscribe("d.>", PullSubscribeOptions.builder().configuration(c).build());
    }

    private static List<Long> fetch(JetStreamSubscription sub, int batch) {
        List<Long> seqs = new ArrayList<>();
        for (Message m : sub.fetch(batch, WAIT)) {
            seqs.add(m.metaData().streamSequence());
            m.ack();
        }
        return seqs;
    }

    @Test
    void shouldStartAtLastMessage_whenDeliverLast() throws Exception {
        Connection nc = setup();
        JetStreamSubscription sub = pull(nc, ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.Last));
        assertThat(fetch(sub, 1)).containsExactly(4L);
        nc.jetStream().publish("d.c", new byte[1]);
        assertThat(fetch(sub, 1)).containsExactly(5L);
    }

    @Test
    void shouldSkipStoredMessages_whenDeliverNew() throws Exception {
        Connection nc = setup();
        JetStreamSubscription sub = pull(nc, ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.New));
        assertThat(nc.jetStreamManagement().getConsumerInfo("P", sub.getConsumerName()).getNumPending()).isZero();
        nc.jetStream().publish("d.c", new byte[1]);
        assertThat(fetch(sub, 1)).containsExactly(5L);
    }

    @Test
    void shouldStartAtSequence_whenDeliverByStartSequence() throws Exception {
        Connection nc = setup();
        JetStreamSubscription sub = pull(nc, ConsumerConfiguration.builder()
            .deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(2));
        assertThat(fetch(sub, 3)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void shouldStartAtFirstMessageAtOrAfterTime_whenDeliverByStartTime() throws Exception {
        Connection nc = setup();
        ZonedDateTime third = nc.jetStreamManagement().getMessage("P", 3).getTime();
        JetStreamSubscription sub = pull(nc, ConsumerConfiguration.builder()
            .deliverPolicy(DeliverPolicy.ByStartTime).startTime(third));
        assertThat(fetch(sub, 2)).containsExactly(3L, 4L);
    }

    @Test
    void shouldDeliverLastOfEachSubjectThenNew_whenDeliverLastPerSubject() throws Exception {
        Connection nc = setup();
        JetStreamSubscription sub = pull(nc, ConsumerConfiguration.builder()
            .deliverPolicy(DeliverPolicy.LastPerSubject));
        assertThat(fetch(sub, 2)).containsExactly(3L, 4L);
        nc.jetStream().publish("d.a", new byte[1]);
        assertThat(fetch(sub, 1)).containsExactly(5L);
    }
}
