package io.jnatsd.jetstream.stream;

import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The Key-Value operations that jnats builds on consumers: history, keys, watch, and TTL. */
@Timeout(60)
class KeyValueConsumersIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    @Test
    void shouldListHistoryAndKeys_whenKeysWereUpdatedAndDeleted() throws Exception {
        Connection nc = jnatsd.connect();
        nc.keyValueManagement().create(KeyValueConfiguration.builder().name("hist").maxHistoryPerKey(3)
            .storageType(StorageType.File).build());
        KeyValue kv = nc.keyValue("hist");
        for (int i = 1; i <= 5; i++) {
            kv.put("a", utf8("a" + i));
        }
        kv.put("b", utf8("b1"));
        kv.put("c", utf8("c1"));
        kv.delete("c");

        List<KeyValueEntry> history = kv.history("a");
        assertThat(history).extracting(e -> new String(e.getValue(), StandardCharsets.UTF_8))
            .containsExactly("a3", "a4", "a5");
        assertThat(history).extracting(KeyValueEntry::getRevision).containsExactly(3L, 4L, 5L);
        assertThat(kv.keys()).containsExactlyInAnyOrder("a", "b");
        assertThat(kv.history("c")).extracting(KeyValueEntry::getOperation)
            .containsExactly(KeyValueOperation.PUT, KeyValueOperation.DELETE);
        assertThat(kv.get("a", 4).getValue()).isEqualTo(utf8("a4"));
        // Three revisions of a, one of b, and c's put with its delete marker.
        assertThat(kv.getStatus().getEntryCount()).isEqualTo(6);
    }

    @Test
    void shouldDeliverUpdatesOnly_whenWatchingManyKeysWithUpdatesOnly() throws Exception {
        Connection nc = jnatsd.connect();
        // History keeps new.one's put when its delete arrives; with one revision per key the delete could
        // remove the put before a busy consumer thread delivered it, and the watchers would rightly skip it.
        nc.keyValueManagement().create(KeyValueConfiguration.builder().name("watch").maxHistoryPerKey(5)
            .storageType(StorageType.Memory).build());
        KeyValue kv = nc.keyValue("watch");
        kv.put("old.x", utf8("before"));
        Recorder all = new Recorder();
        Recorder updates = new Recorder();
        kv.watchAll(all);
        kv.watch(List.of("new.*", "other"), updates, KeyValueWatchOption.UPDATES_ONLY);
        assertThat(all.initialDone.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(updates.initialDone.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        kv.put("new.one", utf8("1"));
        kv.put("unwatched", utf8("u"));
        kv.put("other", utf8("2"));
        kv.delete("new.one");

        assertThat(updates.next().getKey()).isEqualTo("new.one");
        assertThat(updates.next().getKey()).isEqualTo("other");
        KeyValueEntry deleted = updates.next();
        assertThat(deleted.getKey()).isEqualTo("new.one");
        assertThat(deleted.getOperation()).isEqualTo(KeyValueOperation.DELETE);
        assertThat(all.next().getKey()).isEqualTo("old.x");
        assertThat(all.next().getKey()).isEqualTo("new.one");
        assertThat(all.next().getKey()).isEqualTo("unwatched");
        assertThat(updates.entries).isEmpty();
    }

    @Test
    void shouldForgetValues_whenBucketTtlPasses() throws Exception {
        Connection nc = jnatsd.connect();
        nc.keyValueManagement().create(KeyValueConfiguration.builder().name("short")
            .ttl(Duration.ofSeconds(1)).storageType(StorageType.Memory).build());
        KeyValue kv = nc.keyValue("short");
        kv.put("k", utf8("v"));
        assertThat(kv.get("k")).isNotNull();
        assertThat(kv.getStatus().getTtl()).isEqualTo(Duration.ofSeconds(1));

        checkFor(() -> assertThat(kv.get("k")).isNull());
        assertThat(kv.getStatus().getEntryCount()).isZero();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Collects watched entries; the initial values end with a null entry from jnats. */
    private static final class Recorder implements KeyValueWatcher {
        final BlockingQueue<KeyValueEntry> entries = new LinkedBlockingQueue<>();
        final CountDownLatch initialDone = new CountDownLatch(1);

        @Override
        public void watch(KeyValueEntry entry) {
            entries.add(entry);
        }

        @Override
        public void endOfData() {
            initialDone.countDown();
        }

        KeyValueEntry next() throws InterruptedException {
            KeyValueEntry e = entries.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(e).as("a watched entry within %s", WAIT).isNotNull();
            return e;
        }
    }
}
