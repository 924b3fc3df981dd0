package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Test directories on tmpfs ({@code /dev/shm}) when there is one: fsync there is cheap, so tests that open
 * and close stores many times stay fast. Process-kill durability does not depend on the device (the page
 * cache survives a SIGKILL); power-loss tests use {@link LossyFileIo} instead of a real device.
 */
final class FastDirs {
    private static final Path SHM = Path.of("/dev/shm");

    private FastDirs() {
    }

    static Path create(String prefix) {
        try {
            if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
                return Files.createTempDirectory(SHM, prefix);
            }
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
