package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kills a child JVM that appends with {@code sync: always} with SIGKILL at random moments, 50 times and more:
 * after each kill every acknowledged sequence is present and intact, and the store accepts writes again.
 */
@Timeout(200)
class FileStoreCrashTest {
    private static final int KILLS = 50;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(150);

    private final Path dir = FastDirs.create("fs-crash");
    private Process child;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.destroyForcibly();
        }
        FastDirs.delete(dir);
    }

    /** @return the block compression under test; a subclass turns it on */
    protected StoreCompression compression() {
        return StoreCompression.NONE;
    }

    /** @return SIGKILLs to land within the budget */
    protected int kills() {
        return KILLS;
    }

    /** @return the child's block size: small, so that kills land in every phase of a block's life */
    protected long blockSizeBytes() {
        return 2048;
    }

    private Process startChild() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
            "-Xshare:auto", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
            dir.toString(), Long.toString(blockSizeBytes()), compression().name());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    @Test
    void shouldKeepEveryAckedMessage_whenChildIsKilledRepeatedly() throws Exception {
        Random rnd = new Random();
        Set<Long> acked = new HashSet<>();
        long start = System.nanoTime();
        int kills = 0;
        List<Integer> acksPerRun = new ArrayList<>();
        while (kills < kills() && System.nanoTime() - start < BUDGET_NANOS) {
            child = startChild();
            int target = 1 + rnd.nextInt(40);
            int acks = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII))) {
                String line = r.readLine();
                assertThat(line).as("child opened the store").startsWith("open ");
                while (acks < target && (line = r.readLine()) != null) {
                    long seq = Long.parseLong(line.trim());
                    acked.add(seq);
                    acks++;
                }
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            kills++;
            acksPerRun.add(acks);
            assertThat(acks).as("child acked after restart %d", kills).isEqualTo(target);
            verify(acked);
        }
        assertThat(kills).as("kills within budget").isGreaterThanOrEqualTo(kills());
        assertThat(acked.size()).isGreaterThan(kills());
    }

    private void verify(Set<Long> acked) {
        try (FileStore fs = FileStore.open(FileStoreOptions.defaults(dir).withBlockSizeBytes(blockSizeBytes())
                .withCompression(compression()),
            StreamStoreConfig.unlimited("CRASH").withMaxMsgs(5000), StoreClock.SYSTEM)) {
            long last = fs.state().lastSeq();
            for (long seq : acked) {
                assertThat(seq).as("acked seq within recovered range").isLessThanOrEqualTo(last);
                if (CrashChild.mayBeRemoved(seq) || seq <= last - 5000) {
                    continue;
                }
                StoredMsg m = fs.loadMsg(seq);
                assertThat(m.subject()).isEqualTo(CrashChild.subjectFor(seq));
                assertThat(m.payload()).as("payload of %d", seq).isEqualTo(CrashChild.payloadFor(seq));
            }
            assertThat(fs.recoveryReport().corruptRegions()).as("no corrupt middle records").isEmpty();
        }
    }
}
