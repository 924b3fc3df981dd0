package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Preallocation of the active block: zeros ahead of the appends while open, cut on close, ignored by recovery. */
@Timeout(30)
class MessageBlockTest {
    private final Path dir = FastDirs.create("fs-block");
    private final StreamStoreConfig config = StreamStoreConfig.unlimited("B");

    @AfterEach
    void cleanUp() {
        FastDirs.delete(dir);
    }

    private FileStore open() {
        return FileStore.open(FileStoreOptions.defaults(dir), config, StoreClock.SYSTEM);
    }

    private static byte[] payload(long seq) {
        return ("block-" + seq).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPreallocateWhileOpenAndTrimOnClose_whenAppending() throws IOException {
        Path blk = dir.resolve("1.blk");
        try (FileStore fs = open()) {
            for (long i = 1; i <= 100; i++) {
                fs.storeMsg("b.x", null, payload(i), 0);
            }
            fs.awaitDurable(100).join();
            assertThat(Files.size(blk)).as("zeros ahead of the appends")
                .isGreaterThanOrEqualTo(MessageBlock.PREALLOCATE_BYTES);
        }
        assertThat(Files.size(blk)).as("trimmed on close").isLessThan(100L * 64);
    }

    @Test
    void shouldIgnorePreallocatedZeros_whenACrashLeftThem() throws IOException {
        try (FileStore fs = open()) {
            for (long i = 1; i <= 50; i++) {
                fs.storeMsg("b.x", null, payload(i), 0);
            }
        }
        Path blk = dir.resolve("1.blk");
        long dataBytes = Files.size(blk);
        try (FileChannel ch = FileChannel.open(blk, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(300_000), dataBytes);
        }
        try (FileStore fs = open()) {
            assertThat(fs.recoveryReport().clean()).isTrue();
            assertThat(fs.recoveryReport().truncatedBytes()).isZero();
            assertThat(fs.state().msgs()).isEqualTo(50);
            assertThat(fs.loadMsg(50).payload()).isEqualTo(payload(50));
            assertThat(fs.storeMsg("b.x", null, payload(51), 0)).isEqualTo(51);
        }
        try (FileStore fs = open()) {
            assertThat(fs.loadMsg(51).payload()).isEqualTo(payload(51));
            assertThat(fs.recoveryReport().clean()).isTrue();
        }
    }
}
