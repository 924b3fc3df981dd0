package io.jnatsd.jetstream.stream;

import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A publisher gets its replies in the order it published, as from the reference: a rejected message's error, which
 * waits for no disk, must not overtake the ack of a stored message published before it that is still waiting for
 * its fsync.
 */
@Timeout(60)
class PubAckOrderIntegrationTest {

    private static final int PAIRS = 1500;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    @Test
    void shouldReplyInPublishOrder_whenRejectedMessagesFollowStoredOnes() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("ORD").subjects("ord")
            .storageType(StorageType.File).build());
        Subscription replies = nc.subscribe("_R.>");
        nc.flush(WAIT);
        Headers wrongStream = new Headers().put("Nats-Expected-Stream", "OTHER");

        for (int i = 0; i < PAIRS * 2; i += 2) {
            nc.publish("ord", "_R." + i, null, "stored".getBytes(StandardCharsets.UTF_8));
            nc.publish("ord", "_R." + (i + 1), wrongStream, "rejected".getBytes(StandardCharsets.UTF_8));
            nc.flush(WAIT);
        }

        List<Integer> order = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < PAIRS * 2; i++) {
            Message m = replies.nextMessage(WAIT);
            assertThat(m).as("reply %d of %d", i, PAIRS * 2).isNotNull();
            order.add(Integer.parseInt(m.getSubject().substring("_R.".length())));
            if (new String(m.getData(), StandardCharsets.UTF_8).contains("\"error\"")) {
                rejected++;
            }
        }
        assertThat(rejected).isEqualTo(PAIRS);
        assertThat(order).isSorted();
        assertThat(nc.jetStreamManagement().getStreamInfo("ORD").getStreamState().getMsgCount()).isEqualTo(PAIRS);
    }
}
