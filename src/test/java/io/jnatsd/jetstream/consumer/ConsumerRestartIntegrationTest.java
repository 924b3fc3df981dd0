package io.jnatsd.jetstream.consumer;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ConsumerRestartIntegrationTest {

    @Test
    void shouldResumeFromAckFloor_whenServerRestarts() throws Exception {
        Path dir = JetStreamDirs.newStoreDir();
        ConsumerConfiguration cc = ConsumerConfiguration.builder().durable("d").ackPolicy(AckPolicy.Explicit)
            .ackWait(Duration.ofSeconds(30)).build();
        try (NatsServer s = TestServers.start(o -> o.jetStream(true).storeDir(dir));
             Connection nc = TestServers.connect(s)) {
            nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("R").subjects("r")
                .storageType(StorageType.File).build());
            JetStream js = nc.jetStream();
            for (int i = 1; i <= 6; i++) {
                js.publish("r", ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            JetStreamSubscription sub = js.subscribe("r", PullSubscribeOptions.builder().configuration(cc).build());
            List<Message> msgs = sub.fetch(4, Duration.ofSeconds(3));
            assertThat(msgs).hasSize(4);
            msgs.get(0).ackSync(Duration.ofSeconds(2));
            msgs.get(1).ackSync(Duration.ofSeconds(2));
            msgs.get(3).ackSync(Duration.ofSeconds(2));
            checkFor(() -> assertThat(nc.jetStreamManagement().getConsumerInfo("R", "d").getAckFloor()
                .getStreamSequence()).isEqualTo(2));
        }
        try (NatsServer s = TestServers.start(o -> o.jetStream(true).storeDir(dir));
             Connection nc = TestServers.connect(s)) {
            ConsumerInfo ci = nc.jetStreamManagement().getConsumerInfo("R", "d");
            assertThat(ci.getAckFloor().getStreamSequence()).isEqualTo(2);
            assertThat(ci.getDelivered().getStreamSequence()).isEqualTo(4);
            assertThat(ci.getNumAckPending()).isEqualTo(1);
            assertThat(ci.getNumPending()).isEqualTo(2);
            JetStreamSubscription sub = nc.jetStream().subscribe("r", PullSubscribeOptions.bind("R", "d"));
            List<Message> next = sub.fetch(2, Duration.ofSeconds(3));
            assertThat(next).extracting(m -> m.metaData().streamSequence()).containsExactly(5L, 6L);
        }
    }
}
