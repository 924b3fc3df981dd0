package io.jnatsd.jetstream.consumer;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class RetentionIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private static ConsumerConfiguration explicit(String name, String filter) {
        return ConsumerConfiguration.builder().durable(name).ackPolicy(AckPolicy.Explicit).filterSubject(filter)
            .build();
    }

    @Test
    void shouldRemoveOnAck_whenWorkQueue() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("WQ").subjects("wq.>")
            .retentionPolicy(RetentionPolicy.WorkQueue).storageType(StorageType.Memory).build());
        JetStream js = nc.jetStream();
        for (int i = 0; i < 3; i++) {
            js.publish("wq.a", new byte[]{1});
        }
        JetStreamSubscription sub = js.subscribe("wq.a", PullSubscribeOptions.builder()
            .configuration(explicit("w1", "wq.a")).build());
        assertThatThrownBy(() -> jsm.addOrUpdateConsumer("WQ", explicit("w2", "wq.>")))
            .isInstanceOf(JetStreamApiException.class)
            .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode()).isEqualTo(10100));
        List<Message> msgs = sub.fetch(3, Duration.ofSeconds(2));
        assertThat(msgs).hasSize(3);
        msgs.get(0).ackSync(Duration.ofSeconds(2));
        msgs.get(1).ackSync(Duration.ofSeconds(2));
        checkFor(() -> assertThat(jsm.getStreamInfo("WQ").getStreamState().getMsgCount()).isEqualTo(1));
    }

    @Test
    void shouldRemoveOnceAllAck_whenInterest() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("IN").subjects("in")
            .retentionPolicy(RetentionPolicy.Interest).storageType(StorageType.Memory).build());
        JetStream js = nc.jetStream();
        JetStreamSubscription a = js.subscribe("in", PullSubscribeOptions.builder()
            .configuration(explicit("a", null)).build());
        JetStreamSubscription b = js.subscribe("in", PullSubscribeOptions.builder()
            .configuration(explicit("b", null)).build());
        js.publish("in", new byte[]{1});
        a.fetch(1, Duration.ofSeconds(2)).get(0).ackSync(Duration.ofSeconds(2));
        assertThat(jsm.getStreamInfo("IN").getStreamState().getMsgCount()).isEqualTo(1);
        b.fetch(1, Duration.ofSeconds(2)).get(0).ackSync(Duration.ofSeconds(2));
        checkFor(() -> assertThat(jsm.getStreamInfo("IN").getStreamState().getMsgCount()).isZero());
    }
}
