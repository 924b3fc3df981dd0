package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-block index files: used when they verify; missing, corrupt, cut or stale ones are reported and rebuilt. */
@Timeout(30)
class BlockIndexTest {
    private static final int MSGS = 600;
    private final Path dir = FastDirs.create("fs-idx");
    private final StreamStoreConfig config = StreamStoreConfig.unlimited("I");

    @AfterEach
    void cleanUp() {
        FastDirs.delete(dir);
    }

    private FileStoreOptions options(StoreCompression compression) {
        return FileStoreOptions.defaults(dir).withBlockSizeBytes(4096).withCompression(compression);
    }

    private static byte[] payload(long seq) {
        return ("idx-" + seq + "-" + "q".repeat((int) (seq % 23))).getBytes(StandardCharsets.UTF_8);
    }

    private List<Long> fill(StoreCompression compression) {
        try (FileStore fs = FileStore.open(options(compression), config, StoreClock.SYSTEM)) {
            for (long i = 1; i <= MSGS; i++) {
                fs.storeMsg("idx." + (i % 9), null, payload(i), 0);
            }
            fs.removeMsg(5);
            return fs.blockFirstSeqs();
        }
    }

    private void assertAllThere(FileStore fs, long... removed) {
        assertThat(fs.state().msgs()).isEqualTo(MSGS - 1 - removed.length);
        assertThat(fs.state().lastSeq()).isEqualTo(MSGS);
        for (long seq = 1; seq <= MSGS; seq++) {
            final long s = seq;
            if (seq == 5 || java.util.Arrays.stream(removed).anyMatch(r -> r == s)) {
                continue;
            }
            assertThat(fs.loadMsg(seq).payload()).as("seq %d", seq).isEqualTo(payload(seq));
        }
        assertThat(fs.loadLastMsg("idx.3").seq()).isEqualTo(597);
        assertThat(fs.recoveryReport().clean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreCompression.class)
    void shouldOpenFromIndexesWithoutScanning_whenClosedCleanly(StoreCompression compression) {
        List<Long> firsts = fill(compression);
        assertThat(firsts.size()).isGreaterThan(3);
        try (FileStore fs = FileStore.open(options(compression), config, StoreClock.SYSTEM)) {
            assertThat(fs.recoveryReport().indexedBlocks()).isEqualTo(firsts.size());
            assertThat(fs.recoveryReport().indexProblems()).isEmpty();
            assertAllThere(fs);
        }
    }

    @Test
    void shouldReportAndRebuild_whenIndexDeletedCorruptedOrCut() throws IOException {
        List<Long> firsts = fill(StoreCompression.NONE);
        Files.delete(dir.resolve(firsts.get(0) + ".idx"));
        Path corrupt = dir.resolve(firsts.get(1) + ".idx");
        byte[] raw = Files.readAllBytes(corrupt);
        raw[BlockIndex.HEADER_BYTES + 3] ^= 0x10;
        Files.write(corrupt, raw);
        Path cut = dir.resolve(firsts.get(2) + ".idx");
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        try (FileStore fs = FileStore.open(options(StoreCompression.NONE), config, StoreClock.SYSTEM)) {
            assertThat(fs.recoveryReport().indexProblems()).containsExactlyInAnyOrder(
                firsts.get(0) + ".idx: missing", firsts.get(1) + ".idx: checksum mismatch",
                firsts.get(2) + ".idx: checksum mismatch");
            assertThat(fs.recoveryReport().indexedBlocks()).isEqualTo(firsts.size() - 3);
            assertAllThere(fs);
        }
        assertThat(Files.exists(dir.resolve(firsts.get(0) + ".idx"))).as("rebuilt").isTrue();
        try (FileStore fs = FileStore.open(options(StoreCompression.NONE), config, StoreClock.SYSTEM)) {
            assertThat(fs.recoveryReport().indexProblems()).isEmpty();
            assertAllThere(fs);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreCompression.class)
    void shouldScanRecordsAfterTheIndex_whenTombstonesAppendedLater(StoreCompression compression)
        throws IOException {
        List<Long> firsts = fill(compression);
        Path idx = dir.resolve(firsts.get(1) + ".idx");
        byte[] before = Files.readAllBytes(idx);
        long victim = firsts.get(1) + 2;
        try (FileStore fs = FileStore.open(options(compression), config, StoreClock.SYSTEM)) {
            fs.removeMsg(victim);
        }
        // A crash before the clean close would leave the older index: put it back.
        Files.write(idx, before);
        try (FileStore fs = FileStore.open(options(compression), config, StoreClock.SYSTEM)) {
            assertThat(fs.recoveryReport().indexProblems()).isEmpty();
            assertThat(fs.recoveryReport().indexedBlocks()).isEqualTo(firsts.size());
            assertAllThere(fs, victim);
        }
    }

    @Test
    void shouldRefuseStaleIndex_whenBlockRewrittenAfterIt() throws IOException {
        List<Long> firsts = fill(StoreCompression.NONE);
        long first = firsts.get(1);
        long next = firsts.get(2);
        Path idx = dir.resolve(first + ".idx");
        byte[] before = Files.readAllBytes(idx);
        long[] removed = java.util.stream.LongStream.range(first, next - 2).toArray();
        try (FileStore fs = FileStore.open(options(StoreCompression.NONE), config, StoreClock.SYSTEM)) {
            for (long seq : removed) {
                fs.removeMsg(seq);
            }
        }
        Files.write(idx, before);
        try (FileStore fs = FileStore.open(options(StoreCompression.NONE), config, StoreClock.SYSTEM)) {
            assertThat(fs.recoveryReport().indexProblems()).singleElement().asString()
                .startsWith(first + ".idx: does not match its block");
            assertAllThere(fs, removed);
        }
    }
}
