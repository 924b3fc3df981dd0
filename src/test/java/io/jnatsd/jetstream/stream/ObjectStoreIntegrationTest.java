package io.jnatsd.jetstream.stream;

import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.StorageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Object Store round trips with jnats: objects of 0 B, 1 KB and 50 MB, list, delete and links. */
@Timeout(120)
class ObjectStoreIntegrationTest {

    private static final int FIFTY_MB = 50 * 1024 * 1024;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    @Test
    void shouldReadBackEveryByte_whenObjectsOfEachSizeArePut() throws Exception {
        Connection nc = jnatsd.connect();
        nc.objectStoreManagement().create(ObjectStoreConfiguration.builder("files").storageType(StorageType.File)
            .build());
        ObjectStore os = nc.objectStore("files");
        Random random = new Random(42);

        for (int size : new int[] {0, 1024, FIFTY_MB}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            String name = "obj-" + size;
            ObjectInfo put = os.put(name, new ByteArrayInputStream(data));

            ByteArrayOutputStream out = new ByteArrayOutputStream(size);
            ObjectInfo got = os.get(name, out);

            assertThat(got.getSize()).isEqualTo(size);
            assertThat(got.getDigest()).isEqualTo(put.getDigest());
            assertThat(out.toByteArray()).as("content of %s", name).isEqualTo(data);
        }
        assertThat(os.getList()).extracting(ObjectInfo::getObjectName)
            .containsExactlyInAnyOrder("obj-0", "obj-1024", "obj-" + FIFTY_MB);
    }

    @Test
    void shouldFollowLinksAndForgetDeletedObjects_whenObjectsAreLinkedAndDeleted() throws Exception {
        Connection nc = jnatsd.connect();
        nc.objectStoreManagement().create(ObjectStoreConfiguration.builder("docs").storageType(StorageType.Memory)
            .build());
        ObjectStore os = nc.objectStore("docs");
        byte[] data = "the report".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectInfo report = os.put("report", new ByteArrayInputStream(data));
        ObjectInfo link = os.addLink("latest", report);

        ByteArrayOutputStream viaLink = new ByteArrayOutputStream();
        os.get("latest", viaLink);
        assertThat(link.isLink()).isTrue();
        assertThat(viaLink.toByteArray()).isEqualTo(data);

        os.delete("report");
        assertThat(os.getInfo("report")).isNull();
        assertThat(os.getInfo("report", true).isDeleted()).isTrue();
        assertThat(os.getList()).extracting(ObjectInfo::getObjectName).containsExactly("latest");
    }
}
