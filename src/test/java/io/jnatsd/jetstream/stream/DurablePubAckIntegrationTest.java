package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.jetstream.store.FileStore;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** In the durable default mode a PubAck leaves only after the fsync that covers its message. */
@Timeout(60)
class DurablePubAckIntegrationTest {

    private static final int MESSAGES = 3000;
    private static final int IN_FLIGHT = 256;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private FileStore store(String name) {
        return (FileStore) jnatsd.server().module(JetStreamModule.class).orElseThrow().engine().account("$G")
            .orElseThrow().get(name).store();
    }

    @Test
    void shouldAckOnlyDurableSequences_whenManyAsyncPublishesInFlight() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("D").subjects("d")
            .storageType(StorageType.File).build());
        FileStore store = store("D");
        JetStream js = nc.jetStream();
        Queue<String> early = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<PublishAck>> inFlight = new ArrayList<>();
        long lastSeq = 0;
        for (int i = 0; i < MESSAGES; i++) {
            CompletableFuture<PublishAck> f = js.publishAsync("d", new byte[128]);
            inFlight.add(f.whenComplete((ack, err) -> {
                long durable = store.durableSeq();
                if (ack != null && ack.getSeqno() > durable) {
                    early.add("seq " + ack.getSeqno() + " acked with durable " + durable);
                }
            }));
            if (inFlight.size() == IN_FLIGHT) {
                for (CompletableFuture<PublishAck> g : inFlight) {
                    lastSeq = Math.max(lastSeq, g.get(30, TimeUnit.SECONDS).getSeqno());
                }
                inFlight.clear();
            }
        }
        for (CompletableFuture<PublishAck> g : inFlight) {
            lastSeq = Math.max(lastSeq, g.get(30, TimeUnit.SECONDS).getSeqno());
        }
        assertThat(early).isEmpty();
        assertThat(lastSeq).isEqualTo(MESSAGES);
    }
}
