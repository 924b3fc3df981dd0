package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sealed blocks read into the cache are let go once nobody has read them for the reference's 10 seconds. */
@Timeout(30)
class BlockCacheExpiryTest {
    private static final long IDLE = BlockCache.IDLE_EXPIRY_NANOS;
    private final Path dir = FastDirs.create("fs-cache");

    @AfterEach
    void cleanUp() {
        FastDirs.delete(dir);
    }

    /** @return a store of small blocks holding {@code messages} messages "cached-1"... */
    private FileStore storeWith(int messages) {
        FileStore fs = FileStore.open(FileStoreOptions.defaults(dir).withBlockSizeBytes(1024),
            StreamStoreConfig.unlimited("C"), StoreClock.SYSTEM);
        for (int i = 1; i <= messages; i++) {
            fs.storeMsg("c.x", null, ("cached-" + i).getBytes(StandardCharsets.UTF_8), 0);
        }
        return fs;
    }

    @Test
    void shouldDropOnlyBlocksIdleForTheExpiry_whenSwept() {
        try (FileStore fs = storeWith(100)) {
            assertThat(fs.cachedBytes()).isZero();

            long readAt = System.nanoTime();
            assertThat(new String(fs.loadMsg(1).payload(), StandardCharsets.UTF_8)).isEqualTo("cached-1");
            long held = fs.cachedBytes();
            assertThat(held).as("the first sealed block is cached").isPositive();

            fs.releaseIdleCache(readAt + IDLE / 2);
            assertThat(fs.cachedBytes()).as("read half the expiry ago").isEqualTo(held);

            fs.releaseIdleCache(System.nanoTime() + IDLE);
            assertThat(fs.cachedBytes()).as("idle for the whole expiry").isZero();
            assertThat(new String(fs.loadMsg(2).payload(), StandardCharsets.UTF_8)).as("read again from disk")
                .isEqualTo("cached-2");
            assertThat(fs.cachedBytes()).isEqualTo(held);
        }
    }

    @Test
    void shouldKeepTheRecentlyReadBlock_whenAnOlderOneExpires() {
        try (FileStore fs = storeWith(200)) {
            fs.loadMsg(1);
            long oneBlock = fs.cachedBytes();
            fs.releaseIdleCache(System.nanoTime() + IDLE);
            assertThat(fs.cachedBytes()).as("the first block expired before the second read").isZero();
            fs.loadMsg(1);
            fs.loadMsg(100);
            long twoBlocks = fs.cachedBytes();
            assertThat(twoBlocks).isGreaterThan(oneBlock);

            fs.releaseIdleCache(System.nanoTime() + IDLE / 2);
            assertThat(fs.cachedBytes()).as("both read just now").isEqualTo(twoBlocks);
        }
    }
}
