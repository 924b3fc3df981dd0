package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-process twin of ../shared/tools/lossyfs.py: a file system whose data is durable only once forced.
 * Metadata operations (create, rename, delete) are durable at once, as in lossyfs. {@link #powerCut()} kills
 * every open channel (the machine is dead: later operations fail) and puts every file back to its last forced
 * content.
 *
 * <p>Threading: thread-safe; every operation holds this object's monitor.
 */
final class LossyFileIo implements FileIo {
    private final Map<Path, byte[]> durable = new HashMap<>();
    private final List<LossyChannel> channels = new ArrayList<>();
    private int generation;
    private long discardedWrites;

    @Override
    public synchronized FileChannel open(Path path, OpenOption... options) throws IOException {
        Path p = path.toAbsolutePath();
        boolean existed = Files.exists(p);
        FileChannel real = FileChannel.open(p, options);
        if (!existed || Set.of(options).contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            durable.put(p, new byte[0]);
        } else if (!durable.containsKey(p)) {
            durable.put(p, Files.readAllBytes(p));
        }
        LossyChannel ch = new LossyChannel(real, p, generation);
        channels.add(ch);
        return ch;
    }

    @Override
    public synchronized void move(Path from, Path to) throws IOException {
        checkAlive(generation);
        Path f = from.toAbsolutePath();
        Path t = to.toAbsolutePath();
        Files.move(f, t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        byte[] content = durable.remove(f);
        durable.put(t, content == null ? new byte[0] : content);
        for (LossyChannel c : channels) {
            if (c.path != null && c.path.equals(t)) {
                c.path = null;
            } else if (c.path != null && c.path.equals(f)) {
                c.path = t;
            }
        }
    }

    @Override
    public synchronized void delete(Path path) throws IOException {
        checkAlive(generation);
        Path p = path.toAbsolutePath();
        Files.deleteIfExists(p);
        durable.remove(p);
        for (LossyChannel c : channels) {
            if (p.equals(c.path)) {
                c.path = null;
            }
        }
    }

    @Override
    public synchronized void syncDirectory(Path dir) throws IOException {
        checkAlive(generation);
    }

    /** Cuts the power: every open channel dies and every file goes back to its last forced content. */
    synchronized void powerCut() throws IOException {
        generation++;
        for (Map.Entry<Path, byte[]> e : durable.entrySet()) {
            if (Files.exists(e.getKey())) {
                byte[] now = Files.readAllBytes(e.getKey());
                if (!java.util.Arrays.equals(now, e.getValue())) {
                    discardedWrites++;
                }
                Files.write(e.getKey(), e.getValue());
            }
        }
        channels.clear();
    }

    /** @return files whose unsynced changes power cuts discarded */
    synchronized long discardedWrites() {
        return discardedWrites;
    }

    private void checkAlive(int gen) throws IOException {
        if (gen != generation) {
            throw new IOException("power is off");
        }
    }

    private final class LossyChannel extends FileChannel {
        private final FileChannel real;
        private final int gen;
        private Path path;

        LossyChannel(FileChannel real, Path path, int gen) {
            this.real = real;
            this.path = path;
            this.gen = gen;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            synchronized (LossyFileIo.this) {
                checkAlive(gen);
                return real.read(dst);
            }
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            synchronized (LossyFileIo.this) {
                checkAlive(gen);
                return real.read(dsts, offset, length);
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            synchronized (LossyFileIo.this) {
                checkAlive(gen);
                return real.write(src);
            }
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            synchronized (LossyFileIo.this) {
                checkAlive(gen);
                return real.write(srcs, offset, length);
            }
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            synchronized (LossyFileIo.this) {
                checkAlive(gen);
                return real.size();
            }
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            synchronized (LossyFileIo.this) {
                checkAlive(gen);
                real.truncate(size);
                return this;
            }
        }

        @Override
        public void force(boolean metaData) throws IOException {
            synchronized (LossyFileIo.this) {
                checkAlive(gen);
                real.force(metaData);
                if (path != null) {
                    durable.put(path, Files.readAllBytes(path));
                }
            }
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            synchronized (LossyFileIo.this) {
                checkAlive(gen);
                return real.read(dst, position);
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            synchronized (LossyFileIo.this) {
                checkAlive(gen);
                return real.write(src, position);
            }
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() throws IOException {
            synchronized (LossyFileIo.this) {
                real.close();
                channels.remove(this);
            }
        }
    }
}
