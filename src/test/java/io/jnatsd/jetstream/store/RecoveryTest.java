package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Corruption of block files: recovery reports what it cut and keeps every record that verifies. */
@Timeout(60)
class RecoveryTest {
    private final Path root = FastDirs.create("fs-recovery");
    private final ManualClock clock = new ManualClock();
    private final StreamStoreConfig config = StreamStoreConfig.unlimited("R");

    @AfterEach
    void cleanUp() {
        FastDirs.delete(root);
    }

    private FileStoreOptions options(Path dir) {
        return FileStoreOptions.defaults(dir).withBlockSizeBytes(1024);
    }

    private static byte[] payload(long i) {
        return ("payload-" + i + "-" + "x".repeat((int) (i % 13))).getBytes(StandardCharsets.UTF_8);
    }

    private Path writeStore(String name, int n) {
        Path dir = root.resolve(name);
        try (FileStore fs = FileStore.open(options(dir), config, clock)) {
            for (int i = 1; i <= n; i++) {
                fs.storeMsg("sub." + (i % 4), null, payload(i), 0);
            }
        }
        return dir;
    }

    private static List<Path> blockFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".blk"))
                .sorted((a, b) -> Long.compare(firstSeqOf(a), firstSeqOf(b))).toList();
        }
    }

    private static long firstSeqOf(Path p) {
        String n = p.getFileName().toString();
        return Long.parseLong(n.substring(0, n.length() - 4));
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    private static void truncateFile(Path p, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private void assertIntact(FileStore fs, List<Long> seqs) {
        for (long seq : seqs) {
            StoredMsg m = fs.loadMsg(seq);
            assertThat(m.payload()).as("seq %d", seq).isEqualTo(payload(seq));
            assertThat(m.subject()).isEqualTo("sub." + (seq % 4));
        }
    }

    @Test
    void shouldCutTornTail_whenLastRecordTruncatedAtEveryByte() throws IOException {
        int n = 12;
        Path pristine = writeStore("pristine", n);
        Path lastBlock = blockFiles(pristine).getLast();
        long size = Files.size(lastBlock);
        int lastLen = RecordCodec.recordLength(5, 0, payload(n).length);
        long lastOffset = size - lastLen;
        List<Long> before = new ArrayList<>();
        for (long s = 1; s < n; s++) {
            before.add(s);
        }
        for (long cut = lastOffset; cut < size; cut++) {
            Path dir = root.resolve("cut" + cut);
            copyDir(pristine, dir);
            truncateFile(dir.resolve(lastBlock.getFileName()), cut);
            try (FileStore fs = FileStore.open(options(dir), config, clock)) {
                RecoveryReport r = fs.recoveryReport();
                assertThat(r.truncatedBytes()).as("cut at %d", cut).isEqualTo(cut - lastOffset);
                assertThat(r.corruptRegions()).isEmpty();
                assertThat(fs.state().msgs()).isEqualTo(n - 1);
                assertIntact(fs, before);
                assertThat(fs.storeMsg("sub.0", null, payload(n), 0)).isEqualTo(n);
            }
            try (FileStore fs = FileStore.open(options(dir), config, clock)) {
                assertThat(fs.recoveryReport().clean()).isTrue();
                assertThat(fs.loadMsg(n).payload()).isEqualTo(payload(n));
            }
            FastDirs.delete(dir);
        }
    }

    @Test
    void shouldSkipOnlyTheCorruptRecord_whenAByteInTheMiddleFlips() throws IOException {
        Path dir = writeStore("flip", 10);
        Path block = blockFiles(dir).getFirst();
        int firstLen = RecordCodec.recordLength(5, 0, payload(1).length);
        long target = firstLen + RecordCodec.HEADER_LENGTH + 6;
        flip(block, target);
        try (FileStore fs = FileStore.open(options(dir), config, clock)) {
            RecoveryReport r = fs.recoveryReport();
            assertThat(r.corruptRegions()).hasSize(1);
            assertThat(r.corruptRegions().getFirst().offset()).isEqualTo(firstLen);
            assertThat(r.truncatedBytes()).isZero();
            assertThat(fs.deletedSeqs()).containsExactly(2L);
            assertIntact(fs, List.of(1L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
        }
    }

    private static void flip(Path file, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5A));
            one.rewind();
            ch.write(one, offset);
        }
    }

    @Test
    void shouldNeverCrashOrReturnBadData_whenRandomBytesFlip() throws IOException {
        int n = 60;
        Path pristine = writeStore("random", n);
        Random rnd = new Random(42);
        for (int round = 0; round < 25; round++) {
            Path dir = root.resolve("r" + round);
            copyDir(pristine, dir);
            List<Path> files = blockFiles(dir);
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                Path f = files.get(rnd.nextInt(files.size()));
                long size = Files.size(f);
                if (size > 0) {
                    flip(f, rnd.nextLong(size));
                }
            }
            try (FileStore fs = FileStore.open(options(dir), config, clock)) {
                StreamState st = fs.state();
                assertThat(st.msgs()).isLessThanOrEqualTo(n);
                for (long seq = st.firstSeq(); seq <= st.lastSeq(); seq++) {
                    try {
                        StoredMsg m = fs.loadMsg(seq);
                        assertThat(m.payload()).as("round %d seq %d", round, seq).isEqualTo(payload(seq));
                    } catch (StoreException e) {
                        assertThat(e.error()).isEqualTo(StoreError.MSG_NOT_FOUND);
                    }
                }
                long lost = n - st.msgs();
                assertThat(lost == 0 || !fs.recoveryReport().clean()).as("loss is reported").isTrue();
            }
            FastDirs.delete(dir);
        }
    }

    @Test
    void shouldReportTornTailOfSealedBlock_whenMiddleBlockIsCut() throws IOException {
        Path dir = writeStore("middle", 60);
        List<Path> blocks = blockFiles(dir);
        assertThat(blocks.size()).isGreaterThan(2);
        Path middle = blocks.get(1);
        truncateFile(middle, Files.size(middle) - 3);
        try (FileStore fs = FileStore.open(options(dir), config, clock)) {
            RecoveryReport r = fs.recoveryReport();
            assertThat(r.truncatedRegions()).hasSize(1);
            assertThat(r.truncatedRegions().getFirst().block()).isEqualTo(middle.getFileName().toString());
            assertThat(fs.state().msgs()).isEqualTo(59);
            assertThat(fs.state().lastSeq()).isEqualTo(60);
        }
    }

    @Test
    void shouldRebuildEverything_whenOnlyBlocksRemain() throws IOException {
        Path dir = writeStore("bare", 40);
        try (FileStore fs = FileStore.open(options(dir), config, clock)) {
            fs.removeMsg(7);
            fs.purgeEx("sub.1", 0, 2);
        }
        StreamState expected;
        try (FileStore fs = FileStore.open(options(dir), config, clock)) {
            expected = fs.state();
        }
        Files.delete(dir.resolve(StreamConfigFile.FILE_NAME));
        Files.deleteIfExists(dir.resolve(StoreMeta.FILE_NAME));
        try (FileStore fs = FileStore.open(options(dir), config, clock)) {
            assertThat(fs.state()).isEqualTo(expected);
            assertThat(fs.recoveryReport().clean()).isTrue();
        }
    }

    @Test
    void shouldOverwriteBytesOnDisk_whenErasing() throws IOException {
        Path dir = root.resolve("erase");
        byte[] secret = "top-secret-payload".getBytes(StandardCharsets.UTF_8);
        try (FileStore fs = FileStore.open(options(dir), config, clock)) {
            fs.storeMsg("a", null, secret, 0);
            fs.storeMsg("a", null, payload(2), 0);
            assertThat(fs.eraseMsg(1)).isTrue();
        }
        for (Path b : blockFiles(dir)) {
            assertThat(new String(Files.readAllBytes(b), StandardCharsets.ISO_8859_1)).doesNotContain("top-secret");
        }
        try (FileStore fs = FileStore.open(options(dir), config, clock)) {
            assertThat(fs.state().msgs()).isEqualTo(1);
            assertThat(fs.recoveryReport().clean()).isTrue();
        }
    }

    @Test
    void shouldCompactAndDeleteDeadBlocks_whenMostMessagesRemoved() throws IOException {
        Path dir = root.resolve("compact");
        FileStoreOptions opts = FileStoreOptions.defaults(dir).withBlockSizeBytes(8192);
        List<Long> firstSeqs;
        try (FileStore fs = FileStore.open(opts, config, clock)) {
            for (int i = 1; i <= 600; i++) {
                fs.storeMsg("sub." + (i % 4), null, payload(i), 0);
            }
            firstSeqs = fs.blockFirstSeqs();
            assertThat(firstSeqs.size()).isGreaterThan(3);
            long secondBlock = firstSeqs.get(1);
            long thirdBlock = firstSeqs.get(2);
            long before = Files.size(dir.resolve(MessageBlock.fileName(secondBlock)));
            for (long s = secondBlock; s < thirdBlock - 2; s++) {
                fs.removeMsg(s);
            }
            assertThat(Files.size(dir.resolve(MessageBlock.fileName(secondBlock)))).isLessThan(before / 2);
            for (long s = 1; s < secondBlock; s++) {
                fs.removeMsg(s);
            }
            assertThat(fs.blockFirstSeqs()).doesNotContain(1L);
            assertThat(Files.exists(dir.resolve(MessageBlock.fileName(1)))).isFalse();
            assertThat(fs.loadMsg(thirdBlock - 1).payload()).isEqualTo(payload(thirdBlock - 1));
        }
        try (FileStore fs = FileStore.open(opts, config, clock)) {
            assertThat(fs.state().msgs()).isEqualTo(600 - (firstSeqs.get(2) - 3));
            assertThat(fs.state().firstSeq()).isEqualTo(firstSeqs.get(2) - 2);
            assertThat(fs.recoveryReport().clean()).isTrue();
        }
    }

    @Test
    void shouldDeleteWithoutRewriting_whenRemovalsDrainABlockFromTheFront() throws IOException {
        Path dir = root.resolve("drain");
        FileStoreOptions opts = FileStoreOptions.defaults(dir).withBlockSizeBytes(8192);
        try (FileStore fs = FileStore.open(opts, config, clock)) {
            for (int i = 1; i <= 600; i++) {
                fs.storeMsg("sub." + (i % 4), null, payload(i), 0);
            }
            long secondBlock = fs.blockFirstSeqs().get(1);
            Path first = dir.resolve(MessageBlock.fileName(1));
            long before = Files.size(first);
            for (long s = 1; s < secondBlock - 2; s++) {
                fs.removeMsg(s);
            }
            assertThat(Files.size(first)).as("drained from the front, not rewritten").isGreaterThanOrEqualTo(before);
            fs.removeMsg(secondBlock - 2);
            fs.removeMsg(secondBlock - 1);
            assertThat(Files.exists(first)).isFalse();
            assertThat(fs.state().firstSeq()).isEqualTo(secondBlock);
        }
        try (FileStore fs = FileStore.open(opts, config, clock)) {
            assertThat(fs.state().msgs()).isEqualTo(600 - (fs.state().firstSeq() - 1));
            assertThat(fs.loadMsg(600).payload()).isEqualTo(payload(600));
            assertThat(fs.recoveryReport().clean()).isTrue();
        }
    }
}
