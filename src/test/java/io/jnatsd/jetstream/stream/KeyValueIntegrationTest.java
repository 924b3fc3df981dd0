package io.jnatsd.jetstream.stream;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.ObjectStore;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectStoreConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key-Value and Object Store operations that need only streams (no consumers), with jnats. */
@Timeout(30)
class KeyValueIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPutGetDeletePurge_whenUsingKeyValue() throws Exception {
        Connection nc = jnatsd.connect();
        KeyValueManagement kvm = nc.keyValueManagement();
        KeyValueStatus st = kvm.create(KeyValueConfiguration.builder().name("cfg").maxHistoryPerKey(5).build());
        assertThat(st.getBucketName()).isEqualTo("cfg");
        KeyValue kv = nc.keyValue("cfg");
        assertThat(kv.put("a", utf8("1"))).isEqualTo(1);
        assertThat(kv.put("a", utf8("2"))).isEqualTo(2);
        KeyValueEntry e = kv.get("a");
        assertThat(new String(e.getValue(), StandardCharsets.UTF_8)).isEqualTo("2");
        assertThat(e.getRevision()).isEqualTo(2);
        assertThat(kv.update("a", utf8("3"), 2)).isEqualTo(3);
        assertThatThrownBy(() -> kv.update("a", utf8("4"), 2)).isInstanceOf(JetStreamApiException.class);
        assertThat(kv.create("b", utf8("x"))).isEqualTo(4);
        assertThatThrownBy(() -> kv.create("b", utf8("y"))).isInstanceOf(JetStreamApiException.class);
        kv.delete("a");
        assertThat(kv.get("a")).isNull();
        kv.purge("b");
        assertThat(kv.get("b")).isNull();
        assertThat(kv.getStatus().getEntryCount()).isEqualTo(5);
        assertThat(kvm.getBucketNames()).containsExactly("cfg");
        kvm.delete("cfg");
        assertThat(kvm.getBucketNames()).isEmpty();
    }

    @Test
    void shouldStoreObjectsAndTheirInfo_whenUsingObjectStore() throws Exception {
        Connection nc = jnatsd.connect();
        ObjectStoreManagement osm = nc.objectStoreManagement();
        osm.create(ObjectStoreConfiguration.builder("files").build());
        ObjectStore os = nc.objectStore("files");
        for (int size : new int[]{0, 1024, 3 * 1024 * 1024}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) i;
            }
            ObjectInfo put = os.put("obj-" + size, new ByteArrayInputStream(data));
            assertThat(put.getSize()).isEqualTo(size);
            ObjectInfo info = os.getInfo("obj-" + size);
            assertThat(info.getSize()).isEqualTo(size);
            assertThat(info.getDigest()).isEqualTo(put.getDigest());
        }
        assertThat(os.getStatus().getSize()).isGreaterThan(3 * 1024 * 1024);
    }
}
