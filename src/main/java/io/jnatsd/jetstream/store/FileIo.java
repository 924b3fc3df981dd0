package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every file operation the file store makes that changes or syncs the disk, so that tests can put a file
 * system between the store and the disk (one that drops unsynced writes on a simulated power cut). Reads of
 * whole small files ({@code store.meta}) and directory listings use {@link Files} directly.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface FileIo {
    /** The real file system. */
    FileIo DEFAULT = new FileIo() { };

    /**
     * @param path    a file
     * @param options open options
     * @return an open channel
     * @throws IOException as {@link FileChannel#open(Path, OpenOption...)}
     */
    default FileChannel open(Path path, OpenOption... options) throws IOException {
        return FileChannel.open(path, options);
    }

    /**
     * Renames {@code from} over {@code to} atomically.
     *
     * @param from source
     * @param to   target, replaced if present
     * @throws IOException if the rename fails
     */
    default void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @param path a file to delete if present
     * @throws IOException if the deletion fails
     */
    default void delete(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    /**
     * Makes a directory's entries durable.
     *
     * @param dir the directory
     * @throws IOException if the fsync fails
     */
    default void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
