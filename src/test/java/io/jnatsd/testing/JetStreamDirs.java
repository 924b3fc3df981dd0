package io.jnatsd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Fresh store directories for JetStream tests, removed when the JVM exits.
 *
 * <p>Thread-safe.
 */
public final class JetStreamDirs {
    private JetStreamDirs() {
    }

    /** @return a new empty directory */
    public static Path newStoreDir() {
        try {
            Path dir = Files.createTempDirectory("jnatsd-js-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param root a directory to delete with its contents; failures are ignored */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort at exit.
        }
    }
}
