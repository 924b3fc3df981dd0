package io.jnatsd.jetstream.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of {@link FileStoreCrashTest}: opens the store with {@code sync: always}, appends forever and
 * prints each acknowledged sequence on its own line, until it is killed.
 */
public final class CrashChild {
    private CrashChild() {
    }

    /** @return the payload the test expects for {@code seq} */
    static byte[] payloadFor(long seq) {
        return ("crash-payload-" + seq + "-" + "z".repeat((int) (seq % 97))).getBytes(StandardCharsets.UTF_8);
    }

    /** @return true for the sequences the child removes again (one in 50), acknowledged or not */
    static boolean mayBeRemoved(long seq) {
        return seq % 50 == 25;
    }

    /** @return the subject the test expects for {@code seq} */
    static String subjectFor(long seq) {
        return "crash." + (seq % 7);
    }

    /**
     * @param args the store directory, the block size in bytes and optionally the compression
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        FileStoreOptions options = FileStoreOptions.defaults(Path.of(args[0]))
            .withBlockSizeBytes(Long.parseLong(args[1])).withDurability(DurabilityPolicy.always())
            .withCompression(StoreCompression.fromConfig(args.length > 2 ? args[2] : "none"));
        FileStore fs = FileStore.open(options, StreamStoreConfig.unlimited("CRASH").withMaxMsgs(5000),
            StoreClock.SYSTEM);
        out.println("open " + fs.state().lastSeq());
        out.flush();
        while (true) {
            long next = fs.state().lastSeq() + 1;
            long seq = fs.storeMsg(subjectFor(next), null, payloadFor(next), 0);
            out.println(seq);
            out.flush();
            if (seq % 50 == 0) {
                fs.removeMsg(seq - 25);
            }
        }
    }
}
