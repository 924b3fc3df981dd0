package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The durability modes: group commit shares fsyncs and never releases an ack before the fsync covering it. */
@Timeout(60)
class GroupCommitTest {
    private final Path dir = FastDirs.create("fs-sync");
    private final StreamStoreConfig config = StreamStoreConfig.unlimited("G");

    @AfterEach
    void cleanUp() {
        FastDirs.delete(dir);
    }

    @Test
    void shouldShareFsyncsAndAckOnlyCoveredSeqs_whenManyAppendsInFlight() throws Exception {
        try (FileStore fs = FileStore.open(FileStoreOptions.defaults(dir), config, StoreClock.SYSTEM)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Boolean>> checks = new ArrayList<>();
            try {
                for (int t = 0; t < 8; t++) {
                    checks.add(CompletableFuture.supplyAsync(() -> {
                        boolean ok = true;
                        List<CompletableFuture<Long>> mine = new ArrayList<>();
                        for (int i = 0; i < 250; i++) {
                            CompletableFuture<Long> f = fs.storeMsgDurable("g", null, new byte[128], 0);
                            mine.add(f.thenApply(seq -> {
                                assertThat(fs.durableSeq()).isGreaterThanOrEqualTo(seq);
                                return seq;
                            }));
                        }
                        for (CompletableFuture<Long> f : mine) {
                            ok &= f.join() > 0;
                        }
                        return ok;
                    }, pool));
                }
                for (CompletableFuture<Boolean> c : checks) {
                    assertThat(c.get(30, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(fs.state().msgs()).isEqualTo(2000);
            assertThat(fs.durableSeq()).isEqualTo(2000);
            assertThat(fs.syncRounds()).as("fsync rounds").isLessThan(2000);
        }
    }

    @Test
    void shouldReturnOnlyAfterSync_whenModeIsAlways() {
        FileStoreOptions o = FileStoreOptions.defaults(dir).withDurability(DurabilityPolicy.always());
        try (FileStore fs = FileStore.open(o, config, StoreClock.SYSTEM)) {
            for (int i = 1; i <= 20; i++) {
                long seq = fs.storeMsg("a", null, new byte[10], 0);
                assertThat(fs.durableSeq()).isGreaterThanOrEqualTo(seq);
            }
        }
    }

    @Test
    void shouldAckAtOnceAndSyncLater_whenModeIsInterval() {
        FileStoreOptions o = FileStoreOptions.defaults(dir)
            .withDurability(DurabilityPolicy.interval(Duration.ofHours(1)));
        try (FileStore fs = FileStore.open(o, config, StoreClock.SYSTEM)) {
            long seq = fs.storeMsg("a", null, new byte[10], 0);
            assertThat(fs.awaitDurable(seq)).isCompletedWithValue(seq);
            assertThat(fs.durableSeq()).isZero();
        }
        try (FileStore fs = FileStore.open(o, config, StoreClock.SYSTEM)) {
            assertThat(fs.state().msgs()).as("close syncs").isEqualTo(1);
            assertThat(fs.durableSeq()).isEqualTo(1);
        }
    }

    @Test
    void shouldFailPendingAcks_whenAwaitingAfterClose() {
        FileStore fs = FileStore.open(FileStoreOptions.defaults(dir), config, StoreClock.SYSTEM);
        long seq = fs.storeMsg("a", null, new byte[1], 0);
        fs.close();
        assertThat(fs.awaitDurable(seq)).isCompletedWithValue(seq);
        assertThatThrownBy(() -> fs.awaitDurable(seq + 1).join()).hasCauseInstanceOf(StoreException.class);
    }

    @Test
    void shouldParseSyncIntervalLikeReference_whenGivenOptionText() {
        assertThat(DurabilityPolicy.parse(null).mode()).isEqualTo(DurabilityPolicy.Mode.GROUP_COMMIT);
        assertThat(DurabilityPolicy.parse("always").mode()).isEqualTo(DurabilityPolicy.Mode.ALWAYS);
        DurabilityPolicy p = DurabilityPolicy.parse("2m");
        assertThat(p.mode()).isEqualTo(DurabilityPolicy.Mode.INTERVAL);
        assertThat(p.syncIntervalNanos()).isEqualTo(120_000_000_000L);
        assertThat(DurabilityPolicy.parse("500ms").syncIntervalNanos()).isEqualTo(500_000_000L);
        assertThatThrownBy(() -> DurabilityPolicy.parse("5 parsecs")).isInstanceOf(IllegalArgumentException.class);
    }
}
