package io.jnatsd.jetstream.store;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A block roll hands the sealed block's force and index file to the sync thread: the index is put in place only
 * after the block's bytes are forced, and a crash before it leaves a block that the next open scans, losing
 * nothing that was acknowledged as durable.
 */
@Timeout(30)
class SealedBlockIndexTest {
    private static final int BLOCK_BYTES = 4096;
    private final Path dir = FastDirs.create("fs-sealed");
    private final StreamStoreConfig config = StreamStoreConfig.unlimited("S");

    @AfterEach
    void cleanUp() {
        FastDirs.delete(dir);
    }

    private static byte[] payload(long seq) {
        return ("sealed-" + seq + "-" + "x".repeat(100)).getBytes(StandardCharsets.UTF_8);
    }

    private FileStore open(FileIo io, DurabilityPolicy policy) {
        return FileStore.open(FileStoreOptions.defaults(dir).withBlockSizeBytes(BLOCK_BYTES).withIo(io)
            .withDurability(policy), config, StoreClock.SYSTEM);
    }

    /** @return the last sequence stored; appends until the store has rolled to a second block */
    private static long appendPastOneRoll(FileStore fs) {
        long seq = 0;
        while (fs.blockFirstSeqs().size() < 2) {
            seq = fs.storeMsg("s." + (seq % 3), null, payload(seq + 1), 0);
        }
        return seq;
    }

    @Test
    void shouldForceTheSealedBlockBeforeItsIndex_whenLazyStoreRollsAndPowerIsCut() throws Exception {
        LossyFileIo io = new LossyFileIo();
        FileStore fs = open(io, DurabilityPolicy.interval(Duration.ofHours(1)));
        long last = appendPastOneRoll(fs);
        long firstBlock = fs.blockFirstSeqs().getFirst();
        long secondBlock = fs.blockFirstSeqs().get(1);
        Path idx = dir.resolve(firstBlock + BlockIndex.SUFFIX);
        checkFor(() -> assertThat(idx).exists());
        // No sync round ran (the interval is an hour): only the sync thread's force before the index made the
        // sealed block durable.
        assertThat(fs.syncRounds()).isZero();
        io.powerCut();
        try {
            fs.close();
        } catch (StoreException expected) {
            assertThat(expected.error()).isEqualTo(StoreError.IO);
        }

        FileStore reopened = open(FileIo.DEFAULT, DurabilityPolicy.groupCommit());
        try {
            assertThat(reopened.recoveryReport().indexedBlocks()).isEqualTo(1);
            assertThat(reopened.recoveryReport().indexProblems())
                .allMatch(p -> p.startsWith(secondBlock + BlockIndex.SUFFIX), "only the active block lacks one");
            for (long seq = firstBlock; seq < secondBlock; seq++) {
                assertThat(reopened.loadMsg(seq).payload()).as("seq %d of %d", seq, last).isEqualTo(payload(seq));
            }
        } finally {
            reopened.close();
        }
    }

    @Test
    void shouldRecoverTheSealedBlockByScan_whenPowerIsCutBeforeItsIndexIsWritten() throws Exception {
        LossyFileIo lossy = new LossyFileIo();
        FileIo noIndexes = new FileIo() {
            @Override
            public FileChannel open(Path path, OpenOption... options) throws IOException {
                if (path.getFileName().toString().endsWith(BlockIndex.SUFFIX + ".tmp")) {
                    throw new IOException("crash before the index");
                }
                return lossy.open(path, options);
            }

            @Override
            public void move(Path from, Path to) throws IOException {
                lossy.move(from, to);
            }

            @Override
            public void delete(Path path) throws IOException {
                lossy.delete(path);
            }

            @Override
            public void syncDirectory(Path d) throws IOException {
                lossy.syncDirectory(d);
            }
        };
        FileStore fs = open(noIndexes, DurabilityPolicy.groupCommit());
        long last = appendPastOneRoll(fs);
        assertThat(fs.awaitDurable(last).get(10, TimeUnit.SECONDS)).isEqualTo(last);
        long firstBlock = fs.blockFirstSeqs().getFirst();
        assertThat(Files.exists(dir.resolve(firstBlock + BlockIndex.SUFFIX))).isFalse();
        lossy.powerCut();
        try {
            fs.close();
        } catch (StoreException expected) {
            assertThat(expected.error()).isEqualTo(StoreError.IO);
        }

        FileStore reopened = open(FileIo.DEFAULT, DurabilityPolicy.groupCommit());
        try {
            assertThat(reopened.recoveryReport().indexedBlocks()).isZero();
            assertThat(reopened.recoveryReport().indexProblems()).anyMatch(p -> p.startsWith(firstBlock + ".idx"));
            assertThat(reopened.state().lastSeq()).isEqualTo(last);
            for (long seq = 1; seq <= last; seq++) {
                assertThat(reopened.loadMsg(seq).payload()).as("acked seq %d", seq).isEqualTo(payload(seq));
            }
        } finally {
            reopened.close();
        }
    }
}
