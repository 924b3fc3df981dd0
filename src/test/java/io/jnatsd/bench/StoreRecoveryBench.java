package io.jnatsd.bench;

import io.jnatsd.jetstream.store.DurabilityPolicy;
import io.jnatsd.jetstream.store.FileStore;
import io.jnatsd.jetstream.store.FileStoreOptions;
import io.jnatsd.jetstream.store.StoreClock;
import io.jnatsd.jetstream.store.StoreCompression;
import io.jnatsd.jetstream.store.StreamStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Measures how long a file store takes to open (recover) with and without its block index files. Not JMH: one
 * open of a large store is the measurement, repeated a few times. Run briefly, e.g.
 * {@code java -Xmx3g -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)"
 * io.jnatsd.bench.StoreRecoveryBench /path/on/disk 3000000 128 none}.
 */
public final class StoreRecoveryBench {
    private static final int REPS = 3;

    private StoreRecoveryBench() {
    }

    /**
     * @param args directory, messages, payload bytes, compression ({@code none} or {@code s2})
     * @throws IOException if the store cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).resolve("recovery-bench");
        long msgs = Long.parseLong(args[1]);
        int payloadBytes = Integer.parseInt(args[2]);
        StoreCompression compression = StoreCompression.fromConfig(args.length > 3 ? args[3] : "none");
        deleteTree(dir);
        FileStoreOptions options = FileStoreOptions.defaults(dir).withCompression(compression)
            .withDurability(DurabilityPolicy.interval(Duration.ofMinutes(2)));
        StreamStoreConfig config = StreamStoreConfig.unlimited("RECOVERY");
        byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 7);
        }
        long t0 = System.nanoTime();
        try (FileStore fs = FileStore.open(options, config, StoreClock.SYSTEM)) {
            for (long i = 0; i < msgs; i++) {
                fs.storeMsg("orders." + (i % 1000), null, payload, 0);
            }
        }
        System.out.printf("wrote %d msgs, %d MB on disk in %.1f s%n", msgs, diskBytes(dir) >> 20,
            (System.nanoTime() - t0) / 1e9);
        for (int rep = 0; rep < REPS; rep++) {
            System.out.printf("open with index files:    %s%n", timeOpen(options, config));
        }
        for (int rep = 0; rep < REPS; rep++) {
            deleteIndexes(dir);
            System.out.printf("open without index files: %s%n", timeOpen(options, config));
        }
        deleteTree(dir);
    }

    private static String timeOpen(FileStoreOptions options, StreamStoreConfig config) {
        System.gc();
        long t0 = System.nanoTime();
        try (FileStore fs = FileStore.open(options, config, StoreClock.SYSTEM)) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return ms + " ms (" + fs.state().msgs() + " msgs, " + fs.recoveryReport().indexedBlocks() + " of "
                + fs.recoveryReport().blocks() + " blocks from their index)";
        }
    }

    private static long diskBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteIndexes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".idx")).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
