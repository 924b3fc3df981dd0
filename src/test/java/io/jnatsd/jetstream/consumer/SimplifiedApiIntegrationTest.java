package io.jnatsd.jetstream.consumer;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumer;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStream;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** jnats' simplified JetStream API (consume, fetch, next, iterate, ordered) and KV watch. */
@Timeout(60)
class SimplifiedApiIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private StreamContext stream(Connection nc, int msgs) throws Exception {
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("SI").subjects("si.>")
            .storageType(StorageType.Memory).build());
        JetStream js = nc.jetStream();
        for (int i = 1; i <= msgs; i++) {
            js.publish("si." + (i % 3), ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        return nc.getStreamContext("SI");
    }

    private static ConsumerConfiguration durable(String name) {
        return ConsumerConfiguration.builder().durable(name).ackPolicy(AckPolicy.Explicit).build();
    }

    @Test
    void shouldFetchAndNext_whenConsumerContext() throws Exception {
        Connection nc = jnatsd.connect();
        StreamContext sc = stream(nc, 10);
        ConsumerContext cc = sc.createOrUpdateConsumer(durable("f"));
        int n = 0;
        try (FetchConsumer fc = cc.fetchMessages(7)) {
            Message m;
            while ((m = fc.nextMessage()) != null) {
                m.ack();
                n++;
            }
        }
        assertThat(n).isEqualTo(7);
        Message next = cc.next(Duration.ofSeconds(2));
        assertThat(next.metaData().streamSequence()).isEqualTo(8);
        next.ack();
    }

    @Test
    void shouldConsumeAll_whenConsumeWithHandler() throws Exception {
        Connection nc = jnatsd.connect();
        StreamContext sc = stream(nc, 200);
        ConsumerContext cc = sc.createOrUpdateConsumer(durable("c"));
        CountDownLatch latch = new CountDownLatch(200);
        try (MessageConsumer mc = cc.consume(m -> {
            m.ack();
            latch.countDown();
        })) {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void shouldIterate_whenIterableConsumer() throws Exception {
        Connection nc = jnatsd.connect();
        StreamContext sc = stream(nc, 20);
        ConsumerContext cc = sc.createOrUpdateConsumer(durable("it"));
        int n = 0;
        try (IterableConsumer ic = cc.iterate()) {
            while (n < 20) {
                Message m = ic.nextMessage(Duration.ofSeconds(3));
                assertThat(m).isNotNull();
                m.ack();
                n++;
            }
        }
        assertThat(n).isEqualTo(20);
    }

    @Test
    void shouldDeliverInOrder_whenOrderedConsumerContext() throws Exception {
        Connection nc = jnatsd.connect();
        StreamContext sc = stream(nc, 30);
        OrderedConsumerContext oc = sc.createOrderedConsumer(new OrderedConsumerConfiguration().filterSubjects("si.>"));
        List<Long> seqs = new CopyOnWriteArrayList<>();
        try (IterableConsumer ic = oc.iterate()) {
            for (int i = 0; i < 30; i++) {
                Message m = ic.nextMessage(Duration.ofSeconds(3));
                assertThat(m).isNotNull();
                seqs.add(m.metaData().streamSequence());
            }
        }
        assertThat(seqs).hasSize(30).isSorted();
    }

    @Test
    void shouldSeeInitialValuesAndUpdates_whenKvWatch() throws Exception {
        Connection nc = jnatsd.connect();
        nc.keyValueManagement().create(KeyValueConfiguration.builder().name("cfg").storageType(StorageType.Memory)
            .maxHistoryPerKey(5).build());
        KeyValue kv = nc.keyValue("cfg");
        kv.put("a", "1");
        kv.put("b", "2");
        kv.put("a", "3");
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch initial = new CountDownLatch(1);
        CountDownLatch update = new CountDownLatch(1);
        KeyValueWatcher w = new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry e) {
                seen.add(e.getKey() + "=" + e.getValueAsString());
                if (e.getKey().equals("c")) {
                    update.countDown();
                }
            }

            @Override
            public void endOfData() {
                initial.countDown();
            }
        };
        try (var watch = kv.watchAll(w)) {
            assertThat(initial.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("b=2", "a=3");
            kv.put("c", "4");
            assertThat(update.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(kv.get("a").getValueAsString()).isEqualTo("3");
    }
}
