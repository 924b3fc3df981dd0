package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The file store's small trusted state, {@code store.meta}: what purges, compactions and truncations decided,
 * which the blocks alone cannot show once files are deleted. Written with {@link AtomicFiles}.
 *
 * <pre>
 *  0       4       8                16               24               32       36
 *  +-------+-------+----------------+----------------+----------------+--------+
 *  | magic |version| floorSeq       | lastSeq        | lastTimeNanos  | crc32c |
 *  +-------+-------+----------------+----------------+----------------+--------+
 * </pre>
 * {@code floorSeq}: records with a lower sequence are gone (ignored on recovery).
 * {@code lastSeq}, {@code lastTimeNanos}: a lower bound for the recovered last sequence and its time.
 * The CRC32C covers bytes {@code [0, 32)}.
 *
 * @param floorSeq      lowest sequence that may still hold a message
 * @param lastSeq       lower bound of the last sequence
 * @param lastTimeNanos time of that last sequence
 */
record StoreMeta(long floorSeq, long lastSeq, long lastTimeNanos) {
    /** The file name inside the store directory. */
    static final String FILE_NAME = "store.meta";
    /** The meta of a store that never purged. */
    static final StoreMeta INITIAL = new StoreMeta(0, 0, 0);

    private static final int MAGIC = 0x4A4E4D54;
    private static final int VERSION = 1;
    private static final int LENGTH = 36;

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putInt(MAGIC).putInt(VERSION).putLong(floorSeq).putLong(lastSeq).putLong(lastTimeNanos);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 32);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * @param dir the store directory
     * @return the meta, or {@link #INITIAL} if there is none
     * @throws IOException if it exists but cannot be read or does not validate
     */
    static StoreMeta read(Path dir) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(dir.resolve(FILE_NAME));
        } catch (NoSuchFileException e) {
            return INITIAL;
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        CRC32C crc = new CRC32C();
        crc.update(raw, 0, Math.min(32, raw.length));
        if (raw.length != LENGTH || b.getInt(0) != MAGIC || b.getInt(4) != VERSION
            || b.getInt(32) != (int) crc.getValue()) {
            throw new IOException("corrupt " + FILE_NAME + " in " + dir);
        }
        return new StoreMeta(b.getLong(8), b.getLong(16), b.getLong(24));
    }

    /**
     * @param io  the file operations
     * @param dir the store directory
     * @throws IOException if the atomic write fails
     */
    void write(FileIo io, Path dir) throws IOException {
        AtomicFiles.write(io, dir.resolve(FILE_NAME), encode());
    }
}
