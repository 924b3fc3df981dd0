package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Compressed sealed blocks on disk: smaller files, every read path, erase, corruption, compress-then-encrypt. */
@Timeout(30)
class BlockFrameTest {
    private final Path dir = FastDirs.create("fs-frame");
    private final StreamStoreConfig config = StreamStoreConfig.unlimited("Z");

    @AfterEach
    void cleanUp() {
        FastDirs.delete(dir);
    }

    private FileStoreOptions options() {
        return FileStoreOptions.defaults(dir).withBlockSizeBytes(16 * 1024).withCompression(StoreCompression.S2);
    }

    private static byte[] payload(int i) {
        return ("{\"order\":" + i + ",\"customer\":\"c-" + (i % 13) + "\",\"items\":[1,2,3],\"note\":\""
            + "compressible ".repeat(8) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private long blockBytesOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long sum = 0;
            for (Path p : files.filter(p -> p.toString().endsWith(".blk")).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    private static void fill(FileStore fs, int n) {
        for (int i = 1; i <= n; i++) {
            fs.storeMsg("orders." + (i % 5), null, payload(i), 0);
        }
    }

    @Test
    void shouldCompressSealedBlocksAndReadThemBack_whenS2() throws IOException {
        long plain;
        Path plainDir = FastDirs.create("fs-frame-plain");
        try (FileStore fs = FileStore.open(FileStoreOptions.defaults(plainDir).withBlockSizeBytes(16 * 1024), config,
            StoreClock.SYSTEM)) {
            fill(fs, 2000);
            plain = fs.state().bytes();
        } finally {
            FastDirs.delete(plainDir);
        }
        try (FileStore fs = FileStore.open(options(), config, StoreClock.SYSTEM)) {
            fill(fs, 2000);
            assertThat(blockBytesOnDisk()).as("compressed blocks").isLessThan(plain / 3);
            assertThat(fs.loadMsg(17).payload()).isEqualTo(payload(17));
            assertThat(fs.loadLastMsg("orders.3").seq()).isEqualTo(1998);
            fs.removeMsg(18);
            fs.eraseMsg(19);
        }
        try (FileStore fs = FileStore.open(options(), config, StoreClock.SYSTEM)) {
            assertThat(fs.recoveryReport().clean()).isTrue();
            assertThat(fs.state().msgs()).isEqualTo(1998);
            for (int i = 1; i <= 2000; i += 7) {
                if (i != 18 && i != 19) {
                    assertThat(fs.loadMsg(i).payload()).as("seq %d", i).isEqualTo(payload(i));
                }
            }
        }
    }

    @Test
    void shouldReportCorruptFrameAndKeepOtherBlocks_whenCompressedBodyFlipped() throws IOException {
        List<Long> firsts;
        try (FileStore fs = FileStore.open(options(), config, StoreClock.SYSTEM)) {
            fill(fs, 2000);
            firsts = fs.blockFirstSeqs();
        }
        Path victim = dir.resolve(firsts.get(1) + ".blk");
        byte[] raw = Files.readAllBytes(victim);
        raw[BlockFrame.HEADER_BYTES + 20] ^= 0x40;
        Files.write(victim, raw);
        try (FileStore fs = FileStore.open(options(), config, StoreClock.SYSTEM)) {
            assertThat(fs.recoveryReport().corruptRegions()).hasSize(1);
            long lost = firsts.get(2) - firsts.get(1);
            assertThat(fs.state().msgs()).isEqualTo(2000 - lost);
            assertThat(fs.loadMsg(firsts.get(2)).payload()).isEqualTo(payload((int) (long) firsts.get(2)));
            assertThat(fs.loadMsg(1).payload()).isEqualTo(payload(1));
        }
    }

    @Test
    void shouldKeepNothingInClear_whenCompressedAndEncrypted() throws IOException {
        StoreCipher cipher = StoreCipher.fromPassphrase(StoreCipher.Kind.CHACHAPOLY, "k");
        try (FileStore fs = FileStore.open(options().withCipher(cipher), config, StoreClock.SYSTEM)) {
            fill(fs, 1000);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String raw = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertThat(raw).as(p.toString()).doesNotContain("compressible").doesNotContain("customer");
            }
        }
        try (FileStore fs = FileStore.open(options().withCipher(cipher), config, StoreClock.SYSTEM)) {
            assertThat(fs.recoveryReport().clean()).isTrue();
            assertThat(fs.loadMsg(3).payload()).isEqualTo(payload(3));
            assertThat(fs.state().msgs()).isEqualTo(1000);
        }
    }
}
