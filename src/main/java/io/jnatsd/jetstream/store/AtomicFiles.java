package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes files that recovery trusts so that a crash leaves either the old or the new content, never a mix:
 * write a temp file, fsync it, rename it over the target, fsync the directory.
 *
 * <p>Design note: the reference writes its stream metadata without an fsync, so a power cut can drop a stream
 * whose messages were acknowledged; every trusted file here goes through this one class.
 *
 * <p>Threading: stateless; callers serialise writes to the same path.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * @param io      the file operations
     * @param target the file to replace
     * @param content its new content
     * @throws IOException if any step fails (the target then keeps its old content)
     */
    public static void write(FileIo io, Path target, byte[] content) throws IOException {
        Path tmp = writeTemp(io, target, content);
        io.move(tmp, target);
        io.syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * The first half of {@link #write}: writes and forces the temp file; the caller renames it over the target
     * ({@link FileIo#move}) and syncs the directory, or deletes it.
     *
     * @param io      the file operations
     * @param target  the file to replace
     * @param content its new content
     * @return the forced temp file, {@code <target>.tmp}
     * @throws IOException if a step fails
     */
    public static Path writeTemp(FileIo io, Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = io.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        return tmp;
    }

}
