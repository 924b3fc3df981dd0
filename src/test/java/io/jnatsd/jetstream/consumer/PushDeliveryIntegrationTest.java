package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
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
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push consumers over the wire: flow control (the 100 FlowControl Request, the stall, the reply), deliver groups,
 * rate limits and replay original. Time is only ever a lower bound the server cannot beat, never an upper bound.
 */
@Timeout(60)
class PushDeliveryIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Payload size of the flow control tests: 3 messages pass half of the first 2 MiB window, 5 pass it. */
    private static final int BIG = 500_000;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private Connection setup() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("D").subjects("d.>")
            .storageType(StorageType.Memory).build());
        return nc;
    }

    private static void create(Connection nc, String name, String config) throws Exception {
        Message m = nc.request("$JS.API.CONSUMER.CREATE.D." + name,
            ("{\"stream_name\":\"D\",\"config\":" + config + "}").getBytes(StandardCharsets.UTF_8), WAIT);
        JsonNode r = JSON.readTree(m.getData());
        assertThat(r.has("error")).as(r.toString()).isFalse();
    }

    private static void publish(Connection nc, String subject, int count, int size) throws Exception {
        JetStream js = nc.jetStream();
        for (int i = 0; i < count; i++) {
            js.publish(subject, new byte[size]);
        }
    }

    private static Message next(Subscription sub) throws InterruptedException {
        Message m = sub.nextMessage(WAIT);
        assertThat(m).as("a message on %s", sub.getSubject()).isNotNull();
        return m;
    }

    private static void waitAtLeast(Duration gap) {
        long start = System.nanoTime();
        checkFor(Duration.ofSeconds(5), Duration.ofMillis(10),
            () -> assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(gap.toNanos()));
    }

    @Test
    void shouldStallUntilFlowControlAnswered_whenFlowControl() throws Exception {
        Connection nc = setup();
        Subscription sub = nc.subscribe("deliver.fc");
        nc.flush(WAIT);
        publish(nc, "d.x", 8, BIG);
        create(nc, "fc", "{\"name\":\"fc\",\"deliver_subject\":\"deliver.fc\",\"flow_control\":true,"
            + "\"idle_heartbeat\":500000000,\"ack_policy\":\"none\"}");
        int data = 0;
        String fcReply = null;
        Message stalledBeat = null;
        while (stalledBeat == null) {
            Message m = next(sub);
            if (!m.isStatusMessage()) {
                data++;
            } else if (m.getStatus().getMessage().equals("FlowControl Request")) {
                assertThat(m.getStatus().getCode()).isEqualTo(100);
                assertThat(fcReply).as("one flow control request while it is not answered").isNull();
                fcReply = m.getReplyTo();
            } else if (m.getHeaders().getFirst("Nats-Consumer-Stalled") != null) {
                stalledBeat = m;
            }
        }
        assertThat(fcReply).startsWith("$JS.FC.D.fc.");
        assertThat(stalledBeat.getHeaders().getFirst("Nats-Consumer-Stalled")).isEqualTo(fcReply);
        assertThat(data).as("the first 2 MiB window holds 5 messages of 500 kB").isEqualTo(5);

        nc.publish(fcReply, null);
        for (int i = data; i < 8; i++) {
            Message m = next(sub);
            while (m.isStatusMessage()) {
                m = next(sub);
            }
        }
        assertThat(nc.jetStreamManagement().getConsumerInfo("D", "fc").getDelivered().getStreamSequence())
            .isEqualTo(8);
    }

    @Test
    void shouldDeliverEverything_whenJnatsAnswersFlowControl() throws Exception {
        Connection nc = setup();
        publish(nc, "d.y", 12, BIG);
        ConsumerConfiguration cc = ConsumerConfiguration.builder().flowControl(Duration.ofSeconds(1))
            .ackPolicy(AckPolicy.None).build();
        JetStreamSubscription sub = nc.jetStream().subscribe("d.y",
            PushSubscribeOptions.builder().configuration(cc).build());
        for (int i = 1; i <= 12; i++) {
            assertThat(next(sub).metaData().streamSequence()).isEqualTo(i);
        }
    }

    @Test
    void shouldDeliverEachMessageToOneMember_whenDeliverGroup() throws Exception {
        Connection nc = setup();
        Connection nc2 = jnatsd.connect();
        ConsumerConfiguration cc = ConsumerConfiguration.builder().durable("grp").deliverGroup("G")
            .deliverSubject("deliver.grp").ackPolicy(AckPolicy.Explicit).build();
        PushSubscribeOptions opts = PushSubscribeOptions.builder().configuration(cc).build();
        JetStreamSubscription a = nc.jetStream().subscribe("d.q", "G", opts);
        JetStreamSubscription b = nc2.jetStream().subscribe("d.q", "G", PushSubscribeOptions.bind("D", "grp"));
        nc.flush(WAIT);
        nc2.flush(WAIT);
        publish(nc, "d.q", 40, 8);
        Set<Long> seen = new HashSet<>();
        List<Long> all = new ArrayList<>();
        int fromA = 0;
        while (all.size() < 40) {
            Message m = a.nextMessage(Duration.ofMillis(20));
            if (m != null) {
                fromA++;
            } else {
                m = b.nextMessage(Duration.ofMillis(20));
            }
            if (m != null) {
                all.add(m.metaData().streamSequence());
                seen.add(m.metaData().streamSequence());
                m.ack();
            }
            assertThat(all.size()).isLessThanOrEqualTo(40);
        }
        assertThat(seen).hasSize(40);
        assertThat(fromA).as("both members get messages").isBetween(1, 39);
        assertThat(nc.jetStreamManagement().getConsumerInfo("D", "grp").isPushBound()).isTrue();
    }

    @Test
    void shouldSpaceDeliveries_whenRateLimited() throws Exception {
        Connection nc = setup();
        Subscription sub = nc.subscribe("deliver.rate");
        nc.flush(WAIT);
        publish(nc, "d.r", 6, 1000);
        long start = System.nanoTime();
        create(nc, "rate", "{\"name\":\"rate\",\"deliver_subject\":\"deliver.rate\",\"ack_policy\":\"none\","
            + "\"rate_limit_bps\":80000}");
        for (int i = 1; i <= 6; i++) {
            assertThat(next(sub).metaData().streamSequence()).isEqualTo(i);
        }
        long elapsedNanos = System.nanoTime() - start;
        assertThat(elapsedNanos).as("6 messages of over 8000 bits at 80000 bps take at least 5 x 100 ms")
            .isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos());
    }

    @Test
    void shouldKeepOriginalGaps_whenReplayOriginal() throws Exception {
        Connection nc = setup();
        publish(nc, "d.o", 1, 10);
        waitAtLeast(Duration.ofMillis(400));
        publish(nc, "d.o", 1, 10);
        publish(nc, "d.o", 1, 10);
        ZonedDateTime first = nc.jetStreamManagement().getMessage("D", 1).getTime();
        ZonedDateTime second = nc.jetStreamManagement().getMessage("D", 2).getTime();
        long storedGapNanos = Duration.between(first, second).toNanos();
        assertThat(storedGapNanos).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());

        Subscription sub = nc.subscribe("deliver.replay");
        nc.flush(WAIT);
        long start = System.nanoTime();
        create(nc, "replay", "{\"name\":\"replay\",\"deliver_subject\":\"deliver.replay\",\"ack_policy\":\"none\","
            + "\"replay_policy\":\"original\"}");
        for (int i = 1; i <= 3; i++) {
            assertThat(next(sub).metaData().streamSequence()).isEqualTo(i);
        }
        assertThat(System.nanoTime() - start).as("the second message waits for the stored gap")
            .isGreaterThanOrEqualTo(storedGapNanos);
    }
}
