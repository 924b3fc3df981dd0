package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The trusted small files: written atomically, read back, leftovers of a crashed write ignored. */
@Timeout(20)
class StreamConfigFileTest {
    private final Path dir = FastDirs.create("fs-conf");

    @AfterEach
    void cleanUp() {
        FastDirs.delete(dir);
    }

    @Test
    void shouldRoundTripLimits_whenStoreOpensAndUpdates() throws IOException {
        StreamStoreConfig c = new StreamStoreConfig("ORDERS", 10, 2048, 5_000_000_000L, 3, DiscardPolicy.NEW, true);
        try (FileStore fs = FileStore.open(FileStoreOptions.defaults(dir), StreamStoreConfig.unlimited("ORDERS"),
            StoreClock.SYSTEM)) {
            assertThat(StreamConfigFile.read(dir)).contains(StreamStoreConfig.unlimited("ORDERS"));
            fs.updateConfig(c);
        }
        assertThat(StreamConfigFile.read(dir)).contains(c);
        assertThat(Files.exists(dir.resolve(StreamConfigFile.FILE_NAME + ".tmp"))).isFalse();
    }

    @Test
    void shouldIgnoreTornTempFile_whenCrashHitDuringAtomicWrite() throws IOException {
        StreamStoreConfig c = StreamStoreConfig.unlimited("A").withMaxMsgs(5);
        StreamConfigFile.write(FileIo.DEFAULT, dir, c);
        Files.writeString(dir.resolve(StreamConfigFile.FILE_NAME + ".tmp"), "name=B\nmax_m");
        assertThat(StreamConfigFile.read(dir)).contains(c);
        try (FileStore fs = FileStore.open(FileStoreOptions.defaults(dir), c, StoreClock.SYSTEM)) {
            assertThat(Files.exists(dir.resolve(StreamConfigFile.FILE_NAME + ".tmp"))).isFalse();
        }
    }

    @Test
    void shouldRefuseSecondStore_whenDirectoryIsInUse() {
        try (FileStore fs = FileStore.open(FileStoreOptions.defaults(dir), StreamStoreConfig.unlimited("L"),
            StoreClock.SYSTEM)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileStore.open(FileStoreOptions.defaults(dir),
                StreamStoreConfig.unlimited("L"), StoreClock.SYSTEM)).isInstanceOf(StoreException.class)
                .hasMessageContaining("in use");
            fs.storeMsg("a", null, new byte[1], 0);
        }
        try (FileStore fs = FileStore.open(FileStoreOptions.defaults(dir), StreamStoreConfig.unlimited("L"),
            StoreClock.SYSTEM)) {
            assertThat(fs.state().msgs()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseCorruptMeta_whenChecksumFails() throws IOException {
        new StoreMeta(5, 9, 1).write(FileIo.DEFAULT, dir);
        assertThat(StoreMeta.read(dir)).isEqualTo(new StoreMeta(5, 9, 1));
        byte[] raw = Files.readAllBytes(dir.resolve(StoreMeta.FILE_NAME));
        raw[10] ^= 1;
        Files.write(dir.resolve(StoreMeta.FILE_NAME), raw);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoreMeta.read(dir)).isInstanceOf(IOException.class);
    }
}
