package io.jnatsd.bench;

import io.jnatsd.jetstream.store.DurabilityPolicy;
import io.jnatsd.jetstream.store.FileStore;
import io.jnatsd.jetstream.store.FileStoreOptions;
import io.jnatsd.jetstream.store.StoreClock;
import io.jnatsd.jetstream.store.StreamStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Append throughput of the file store (issue 6 targets: 1M records/s of 128 B lazily, 100k/s with group commit
 * and 256 appends in flight). Run briefly, e.g.
 * {@code java -cp target/test-classes:$(cat cp.txt) org.openjdk.jmh.Main FileStoreAppendBenchmark -f 1 -wi 1 -i 2},
 * with {@code -p fs=disk} for the machine's disk instead of tmpfs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 3)
@Fork(1)
public class FileStoreAppendBenchmark {
    /** Appends per group-commit invocation (appends in flight before waiting). */
    static final int IN_FLIGHT = 256;
    /** The one subject appended to (13 bytes). */
    static final String SUBJECT = "bench.subject";

    @Param({"16", "128", "1024"})
    int payloadBytes;

    @Param({"lazy", "group"})
    String sync;

    /** Where the store lives: {@code shm} (tmpfs) or {@code disk} ({@code target/} of the working directory). */
    @Param({"shm"})
    String fs;

    private Path dir;
    private FileStore store;
    private byte[] payload;
    private boolean lazy;

    /** Opens a fresh store in a temp directory (tmpfs when there is one). */
    @Setup(Level.Trial)
    public void open() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path root = fs.equals("disk") || !Files.isWritable(shm) ? Files.createDirectories(Path.of("target")) : shm;
        dir = Files.createTempDirectory(root, "bench");
        lazy = sync.equals("lazy");
        DurabilityPolicy policy = lazy ? DurabilityPolicy.interval(Duration.ofMinutes(2))
            : DurabilityPolicy.groupCommit();
        store = FileStore.open(FileStoreOptions.defaults(dir).withDurability(policy),
            StreamStoreConfig.unlimited("BENCH").withMaxBytes(512L * 1024 * 1024), StoreClock.SYSTEM);
        payload = new byte[payloadBytes];
    }

    /** Closes and deletes the store. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Appends {@link #IN_FLIGHT} records and waits until the last is durable under the policy. With group commit
     * every append has its own waiter (256 in flight); lazily, the appends are plain stores and the invocation
     * waits once, for the last, as the stream's ingest does for a batch ({@code StreamIngest}).
     *
     * @return the last sequence
     */
    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public long append() {
        if (lazy) {
            long last = 0;
            for (int i = 0; i < IN_FLIGHT; i++) {
                last = store.storeMsg(SUBJECT, null, payload, 0);
            }
            return store.awaitDurable(last).join();
        }
        CompletableFuture<Long> last = null;
        for (int i = 0; i < IN_FLIGHT; i++) {
            last = store.storeMsgDurable(SUBJECT, null, payload, 0);
        }
        return last.join();
    }
}
