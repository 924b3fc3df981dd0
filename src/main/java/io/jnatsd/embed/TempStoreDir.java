package io.jnatsd.embed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A JetStream store directory made for one embedded server and removed, whole, when it stops. */
final class TempStoreDir {

    private static final Logger LOG = LoggerFactory.getLogger(TempStoreDir.class);
    static final String PREFIX = "jnatsd-store-";

    private TempStoreDir() {
    }

    static Path create() {
        try {
            return Files.createTempDirectory(PREFIX);
        } catch (IOException e) {
            throw new JnatsdStartException("could not create a temporary store directory: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code dir} and everything under it; logs, and goes on, when a file resists. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not remove the temporary store directory {}: {}", dir, e.toString());
        }
    }
}
