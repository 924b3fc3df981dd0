package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Power cuts under the default (group commit) policy, on {@link LossyFileIo}: appends in flight, a cut at a
 * random moment, restart: every acknowledged message is there and intact, and the store takes writes again.
 */
@Timeout(60)
class PowerLossTest {
    private static final int ROUNDS = 80;
    /** Sequences whose message is large: each round ends with one. */
    private final Set<Long> bigSeqs = ConcurrentHashMap.newKeySet();
    private final Path dir = FastDirs.create("fs-power");
    private final LossyFileIo io = new LossyFileIo();
    private final StreamStoreConfig config = StreamStoreConfig.unlimited("P");

    @AfterEach
    void cleanUp() {
        FastDirs.delete(dir);
    }

    private byte[] payload(long seq) {
        if (bigSeqs.contains(seq)) {
            // Larger than the append buffer: written straight to the file, so a cut right after it finds
            // written but unforced bytes to discard.
            return ("power-" + seq + "-" + "P".repeat(MessageBlock.WRITE_BUFFER_BYTES + 100))
                .getBytes(StandardCharsets.UTF_8);
        }
        return ("power-" + seq + "-" + "p".repeat((int) (seq % 41))).getBytes(StandardCharsets.UTF_8);
    }

    private FileStore open() {
        return FileStore.open(FileStoreOptions.defaults(dir).withBlockSizeBytes(4096).withIo(io)
            .withCompression(compression()), config, StoreClock.SYSTEM);
    }

    /** @return the block compression under test; a subclass turns it on */
    protected StoreCompression compression() {
        return StoreCompression.NONE;
    }

    @Test
    void shouldKeepEveryAckedMessage_whenPowerIsCutWithAppendsInFlight() throws Exception {
        Random rnd = new Random(7);
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        Set<Long> removed = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < ROUNDS; round++) {
            FileStore fs = open();
            verify(fs, acked, removed, round);
            List<CompletableFuture<Long>> inFlight = new ArrayList<>();
            int n = 20 + rnd.nextInt(200);
            for (int i = 0; i <= n; i++) {
                long next = fs.state().lastSeq() + 1;
                if (i == n) {
                    bigSeqs.add(next);
                }
                CompletableFuture<Long> f = fs.storeMsgDurable("p." + (next % 5), null, payload(next), 0);
                inFlight.add(f.thenApply(seq -> {
                    acked.add(seq);
                    return seq;
                }));
                if (rnd.nextInt(40) == 0) {
                    inFlight.get(rnd.nextInt(inFlight.size())).join();
                }
                if (rnd.nextInt(30) == 0 && !acked.isEmpty()) {
                    long victim = acked.iterator().next();
                    removed.add(victim);
                    fs.removeMsg(victim);
                }
            }
            io.powerCut();
            try {
                fs.close();
            } catch (StoreException expected) {
                assertThat(expected.error()).isEqualTo(StoreError.IO);
            }
        }
        FileStore fs = open();
        verify(fs, acked, removed, ROUNDS);
        fs.close();
        assertThat(acked.size()).as("acked messages").isGreaterThan(ROUNDS);
        assertThat(io.discardedWrites()).as("cuts discarded unsynced writes").isPositive();
    }

    private void verify(FileStore fs, Set<Long> acked, Set<Long> removed, int round) {
        long last = fs.state().lastSeq();
        for (long seq : acked) {
            assertThat(seq).as("round %d: acked %d within last %d", round, seq, last).isLessThanOrEqualTo(last);
            if (removed.contains(seq)) {
                continue;
            }
            StoredMsg m = fs.loadMsg(seq);
            assertThat(m.payload()).as("round %d seq %d", round, seq).isEqualTo(payload(seq));
        }
        assertThat(fs.recoveryReport().corruptRegions()).isEmpty();
    }
}
