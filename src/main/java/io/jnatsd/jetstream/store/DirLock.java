package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a store directory ({@code <dir>/lock}), so that two stores (in this process or another)
 * never append to the same blocks. The operating system drops it when the process dies.
 *
 * <p>Threading: acquire and release on the store's opening and closing thread.
 */
final class DirLock implements AutoCloseable {
    /** The lock file's name. */
    static final String FILE_NAME = "lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dir the store directory
     * @return the held lock
     * @throws IOException if the directory is already locked or the file cannot be opened
     */
    static DirLock acquire(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new IOException("store directory " + dir + " is in use by another store");
        }
        return new DirLock(ch, l);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it as well.
            assert e != null;
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing more to release.
                assert e != null;
            }
        }
    }
}
