package io.jnatsd.jetstream.consumer;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand idle consumers on one stream: they all exist, a publish reaches the one that pulls, and the idle ones
 * still count it as pending (appends are not pushed to idle consumers; their count catches up when asked).
 */
@Timeout(180)
class ManyConsumersIntegrationTest {
    private static final int CONSUMERS = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    @Test
    void shouldDeliverToOneConsumer_whenTenThousandConsumersExist() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("MANY").subjects("many.>")
            .storageType(StorageType.Memory).build());
        createConsumers(nc);
        assertThat(jsm.getStreamInfo("MANY").getStreamState().getConsumerCount()).isEqualTo(CONSUMERS);

        nc.jetStream().publish("many.x", "hello".getBytes(StandardCharsets.UTF_8));

        JetStreamSubscription sub = nc.jetStream().subscribe(null, PullSubscribeOptions.bind("MANY", "c7777"));
        List<Message> got = sub.fetch(1, WAIT);
        assertThat(got).hasSize(1);
        assertThat(new String(got.get(0).getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(got.get(0).metaData().streamSequence()).isEqualTo(1);
        assertThat(jsm.getConsumerInfo("MANY", "c3").getNumPending()).isEqualTo(1);
        assertThat(jsm.getConsumerInfo("MANY", "c7777").getNumPending()).isZero();
    }

    private static void createConsumers(Connection nc) throws Exception {
        Semaphore window = new Semaphore(128);
        List<CompletableFuture<Message>> replies = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            String body = "{\"stream_name\":\"MANY\",\"config\":{\"durable_name\":\"c" + i
                + "\",\"ack_policy\":\"explicit\"}}";
            window.acquire();
            CompletableFuture<Message> f = nc.requestWithTimeout("$JS.API.CONSUMER.DURABLE.CREATE.MANY.c" + i,
                body.getBytes(StandardCharsets.UTF_8), WAIT);
            f.whenComplete((m, e) -> window.release());
            replies.add(f);
        }
        for (CompletableFuture<Message> f : replies) {
            String r = new String(f.get(60, TimeUnit.SECONDS).getData(), StandardCharsets.UTF_8);
            assertThat(r).doesNotContain("\"error\"");
        }
    }
}
