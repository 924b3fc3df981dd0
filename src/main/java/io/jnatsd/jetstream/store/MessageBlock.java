package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Twin of {@code msgBlock} in {@code server/filestore.go}: one append-only block file, {@code <first_seq>.blk},
 * of {@link RecordCodec} records.
 *
 * <p>Design note: a block only moves bytes; what the bytes mean (which messages are live) is the
 * {@link FileStore}'s in-memory index. The active block buffers appends in {@link #WRITE_BUFFER_BYTES} of heap
 * so that small records cost no system call each; the buffer is written out when full, before a read of its
 * range, and by every sync. Tombstones for a block's messages are appended to that same block, so a tombstone
 * lives exactly as long as the record it kills; a sealed block buffers its tombstones in
 * {@link #SEALED_BUFFER_BYTES} until the next sync round, so a removal costs no system call either.
 *
 * <p>Threading: caller holds the store lock for every method except {@link #force()}, which the sync thread
 * calls without it (for a sync round, and for a sealed block before its index file is written).
 */
final class MessageBlock {
    /** Size of the active block's append buffer. */
    static final int WRITE_BUFFER_BYTES = 64 * 1024;
    /** Size of a sealed block's buffer for tombstones, written out by the next sync round. */
    static final int SEALED_BUFFER_BYTES = 4 * 1024;
    /** File name suffix. */
    static final String SUFFIX = ".blk";
    /**
     * The active block's file is extended with zeros this far ahead of its appends, so that the fdatasync of a
     * sync round writes data blocks only and no file-size metadata (one size change per this many bytes).
     */
    static final int PREALLOCATE_BYTES = 1024 * 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024).asReadOnlyBuffer();

    private final FileIo io;
    private final StoreCipher cipher;
    private final long firstSeq;
    private final Path path;
    private volatile FileChannel channel;
    private ByteBuffer writeBuf;
    private boolean active;
    private long size;
    private long flushed;
    private long maxSeq;
    private int liveMsgs;
    private long liveRecordBytes;
    private boolean dirty;
    /** Bytes of the leading {@link BlockFrame} (header and body), 0 for a plain block. */
    private int frameBytes;
    /** The framed records' length before compression. */
    private int frameRawLength;
    /** Recovery found the frame corrupt: its records are gone, only the tail counts. */
    private boolean frameLost;
    private long maxSeqTimeNanos;
    /** The size the index file describes, -1 if none or stale. */
    private long indexedSize = -1;
    /** The file's length with its preallocated zeros; equals {@link #size} when nothing is preallocated. */
    private long allocatedTo;
    /** Counts changes that move or change existing bytes (rewrite, truncation, erase), so that an index built
     * before one is not put in place after it. */
    private int rewrites;

    private MessageBlock(FileIo io, StoreCipher cipher, long firstSeq, Path path, FileChannel channel, long size) {
        this.io = io;
        this.cipher = cipher;
        this.firstSeq = firstSeq;
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.flushed = size;
        this.maxSeq = firstSeq - 1;
    }

    /** @return the file name of a block starting at {@code firstSeq} */
    static String fileName(long firstSeq) {
        return firstSeq + SUFFIX;
    }

    /**
     * Creates an empty active block.
     *
     * @param io       the file operations
     * @param dir      the store directory
     * @param cipher   the store cipher (to open encrypted frames) or null
     * @param firstSeq the first sequence it may hold
     * @return the block
     * @throws IOException if the file cannot be created
     */
    static MessageBlock create(FileIo io, Path dir, StoreCipher cipher, long firstSeq) throws IOException {
        Path p = dir.resolve(fileName(firstSeq));
        FileChannel ch = io.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        MessageBlock b = new MessageBlock(io, cipher, firstSeq, p, ch, 0);
        b.activate();
        b.dirty = true;
        return b;
    }

    /**
     * Opens an existing block after recovery checked it.
     *
     * @param io       the file operations
     * @param path     its file
     * @param cipher   the store cipher (to open encrypted frames) or null
     * @param firstSeq the sequence in its name
     * @return the block, sealed (no append buffer) until {@link #activate()}
     * @throws IOException if it cannot be opened
     */
    static MessageBlock open(FileIo io, Path path, StoreCipher cipher, long firstSeq) throws IOException {
        FileChannel ch = io.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        MessageBlock b = new MessageBlock(io, cipher, firstSeq, path, ch, ch.size());
        b.detectFrame();
        return b;
    }

    private void detectFrame() throws IOException {
        frameBytes = 0;
        frameRawLength = 0;
        frameLost = false;
        if (size < BlockFrame.HEADER_BYTES) {
            return;
        }
        BlockFrame.Header h = BlockFrame.header(readFile(0, BlockFrame.HEADER_BYTES), size);
        if (h != null) {
            frameBytes = h.fileBytes();
            frameRawLength = Math.max(0, h.rawLength());
            frameLost = h.rawLength() < 0;
        }
    }

    /** @return true if the block starts with a compressed frame */
    boolean isCompressed() {
        return frameBytes > 0;
    }

    /** Recovery found the frame corrupt: from now on only the tail records are read. */
    void markFrameLost() {
        frameLost = true;
    }

    /** @return bytes of the leading frame (0 for a plain block) */
    int frameBytes() {
        return frameBytes;
    }

    /**
     * The size of the block's logical content, the space record offsets live in: the frame's records before
     * compression followed by the tail; for a plain block, its file size.
     *
     * @return logical bytes, buffered ones included
     */
    long logicalSize() {
        return frameBytes == 0 ? size : logicalFrameLength() + (size - frameBytes);
    }

    private long logicalFrameLength() {
        return frameLost ? 0 : frameRawLength;
    }

    private long toFilePosition(long logical) {
        return frameBytes == 0 ? logical : frameBytes + Math.max(0, logical - logicalFrameLength());
    }

    /** Makes this the block that takes appends. */
    void activate() throws IOException {
        flush();
        writeBuf = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        active = true;
        allocatedTo = Math.max(allocatedTo, size);
    }

    /** Extends the active block's file with zeros so that bytes up to {@code end} overwrite allocated space. */
    private void preallocate(long end) throws IOException {
        if (!active || end <= allocatedTo) {
            return;
        }
        long from = Math.max(allocatedTo, flushed);
        long target = end + PREALLOCATE_BYTES;
        long pos = from;
        while (pos < target) {
            ByteBuffer z = ZEROS.duplicate();
            z.limit((int) Math.min(z.capacity(), target - pos));
            pos += channel.write(z, pos);
        }
        allocatedTo = target;
    }

    /**
     * Cuts the preallocated zeros off the file (when the block is sealed or closed).
     *
     * @throws IOException if the truncation fails
     */
    void trimPreallocation() throws IOException {
        if (allocatedTo > size) {
            flush();
            channel.truncate(size);
            dirty = true;
        }
        allocatedTo = size;
    }

    long firstSeq() {
        return firstSeq;
    }

    Path path() {
        return path;
    }

    /** @return bytes in the block, buffered ones included */
    long size() {
        return size;
    }

    /** @return highest message or skip sequence written into this block */
    long maxSeq() {
        return maxSeq;
    }

    /**
     * @param seq     a message or skip sequence written into this block
     * @param tsNanos its record's time
     */
    void noteSeq(long seq, long tsNanos) {
        if (seq >= maxSeq) {
            maxSeq = seq;
            maxSeqTimeNanos = tsNanos;
        }
    }

    /**
     * Lowers the highest sequence after a truncation removed the records above it.
     *
     * @param seq     the new last sequence of the store
     * @param tsNanos its time
     */
    void capMaxSeq(long seq, long tsNanos) {
        if (maxSeq > seq) {
            maxSeq = Math.max(seq, firstSeq - 1);
            maxSeqTimeNanos = tsNanos;
        }
    }

    /** @return the time of the record of {@link #maxSeq()} (0 if unknown) */
    long maxSeqTimeNanos() {
        return maxSeqTimeNanos;
    }

    /** Notes that the index file now describes the block as it is. */
    void markIndexed() {
        indexedSize = size;
    }

    /** @param coveredSize the block size the index file just put in place describes */
    void markIndexed(long coveredSize) {
        indexedSize = coveredSize;
    }

    /** @return how often existing bytes were rewritten, truncated or erased (see {@link #rewrites}) */
    int rewrites() {
        return rewrites;
    }

    /** @return true if the index file describes the block as it is */
    boolean indexCurrent() {
        return indexedSize == size;
    }

    int liveMsgs() {
        return liveMsgs;
    }

    long liveRecordBytes() {
        return liveRecordBytes;
    }

    void addLive(int recordLen) {
        liveMsgs++;
        liveRecordBytes += recordLen;
    }

    void removeLive(int recordLen) {
        liveMsgs--;
        liveRecordBytes -= recordLen;
    }

    void resetLive() {
        liveMsgs = 0;
        liveRecordBytes = 0;
    }

    boolean isActive() {
        return active;
    }

    /**
     * Appends one record.
     *
     * @return the record's offset
     * @throws IOException if a write fails
     */
    long append(byte type, long seq, long ts, long aux, byte[] subject, byte[] hdr, byte[] payload)
        throws IOException {
        int len = RecordCodec.recordLength(subject.length, hdr.length, payload.length);
        long offset = size;
        long logicalOffset = logicalSize();
        if (writeBuf == null && !active) {
            writeBuf = ByteBuffer.allocate(SEALED_BUFFER_BYTES);
        }
        if (len <= writeBuf.capacity()) {
            if (writeBuf.remaining() < len) {
                flush();
            }
            RecordCodec.encode(writeBuf, type, seq, ts, aux, subject, hdr, payload);
        } else {
            flush();
            preallocate(offset + len);
            writeFully(ByteBuffer.wrap(RecordCodec.encode(type, seq, ts, aux, subject, hdr, payload)), offset);
            flushed += len;
        }
        size += len;
        dirty = true;
        if (type != RecordCodec.TYPE_TOMBSTONE) {
            noteSeq(type == RecordCodec.TYPE_SKIP ? seq + aux - 1 : seq, ts);
        }
        return logicalOffset;
    }

    /**
     * Appends a record encoded by the caller (sealed messages).
     *
     * @param record the record bytes
     * @param seq    its sequence
     * @param tsNanos its time
     * @return the record's offset
     * @throws IOException if a write fails
     */
    long appendEncoded(byte[] record, long seq, long tsNanos) throws IOException {
        long offset = size;
        long logicalOffset = logicalSize();
        if (writeBuf == null && !active) {
            writeBuf = ByteBuffer.allocate(SEALED_BUFFER_BYTES);
        }
        if (record.length <= writeBuf.capacity()) {
            if (writeBuf.remaining() < record.length) {
                flush();
            }
            writeBuf.put(record);
        } else {
            flush();
            preallocate(offset + record.length);
            writeFully(ByteBuffer.wrap(record), offset);
            flushed += record.length;
        }
        size += record.length;
        dirty = true;
        noteSeq(seq, tsNanos);
        return logicalOffset;
    }

    private void writeFully(ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    /** Writes buffered appends to the file (not forced). */
    void flush() throws IOException {
        if (writeBuf == null || writeBuf.position() == 0) {
            return;
        }
        preallocate(size);
        writeFully(writeBuf.duplicate().flip(), flushed);
        flushed = size;
        writeBuf.clear();
    }

    /**
     * Forces the bytes written so far to the device. The only method the sync thread calls without the lock.
     *
     * @throws IOException if the fsync fails; a closed (deleted or rewritten) block is not an error
     */
    void force() throws IOException {
        FileChannel ch = channel;
        try {
            ch.force(false);
        } catch (java.nio.channels.ClosedChannelException e) {
            // Deleted meanwhile, or rewritten: the replacement was forced before it was renamed in.
            return;
        }
    }

    /**
     * Takes the "changed since the last sync round" mark. A round takes it while it writes the buffer out,
     * under the store lock, and then forces: so any byte appended after the take is marked again for the
     * next round, even if this round's force has not started yet.
     *
     * @return true if bytes were appended, truncated or overwritten since the last take
     */
    boolean takeDirty() {
        boolean was = dirty;
        dirty = false;
        return was;
    }

    /**
     * @param offset a record's offset
     * @param len    its length
     * @return a big-endian buffer holding exactly the record
     * @throws IOException if the read fails
     */
    ByteBuffer read(long offset, int len) throws IOException {
        if (frameBytes > 0) {
            return readAll().slice((int) offset, len);
        }
        return readFile(offset, len);
    }

    private ByteBuffer readFile(long offset, int len) throws IOException {
        if (writeBuf != null && offset >= flushed) {
            return ByteBuffer.wrap(writeBuf.array(), (int) (offset - flushed), len).slice();
        }
        ByteBuffer buf = ByteBuffer.allocate(len);
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("short read in " + path + " at " + offset);
            }
            pos += n;
        }
        return buf.flip();
    }

    /**
     * @return the whole logical content (after a flush): a plain block's file, or a compressed block's records
     *     decompressed followed by its tail
     * @throws IOException if a read fails, or {@link io.jnatsd.compress.CorruptInputException} if the frame is
     *     corrupt
     */
    ByteBuffer readAll() throws IOException {
        flush();
        if (frameBytes == 0) {
            return readFile(0, (int) size);
        }
        ByteBuffer tail = readFile(frameBytes, (int) (size - frameBytes));
        byte[] records = frameLost ? new byte[0]
            : BlockFrame.decode(readFile(0, frameBytes), firstSeq, cipher);
        ByteBuffer all = ByteBuffer.allocate(records.length + tail.remaining());
        all.put(records).put(tail);
        return all.flip();
    }

    /**
     * Overwrites a record in place (secure erase).
     *
     * @param offset the record's offset
     * @param record the new record bytes, same length
     * @throws IOException if the write fails
     */
    void overwrite(long offset, byte[] record) throws IOException {
        if (frameBytes > 0) {
            throw new IllegalStateException("a compressed block is rewritten, never overwritten in place");
        }
        indexedSize = -1;
        rewrites++;
        flush();
        writeFully(ByteBuffer.wrap(record), offset);
        dirty = true;
    }

    /** Flushes and drops the append buffer; later appends (tombstones) use a small one. */
    void seal() throws IOException {
        flush();
        trimPreallocation();
        writeBuf = null;
        active = false;
    }

    /**
     * Cuts the block to {@code newLogicalSize} logical bytes (never into a compressed frame).
     *
     * @param newLogicalSize the new length
     * @throws IOException if the truncation fails
     */
    void truncate(long newLogicalSize) throws IOException {
        flush();
        long newSize = toFilePosition(newLogicalSize);
        rewrites++;
        channel.truncate(newSize);
        size = newSize;
        flushed = newSize;
        allocatedTo = newSize;
        dirty = true;
    }

    /** Flushes, cuts the preallocated zeros and closes the file. */
    void close() throws IOException {
        try {
            flush();
            trimPreallocation();
        } finally {
            channel.close();
        }
    }

    /** Closes and deletes the file, and its index file, without flushing. */
    void delete() throws IOException {
        channel.close();
        BlockIndex.delete(io, this);
        io.delete(path);
    }

    /**
     * @param offset file offset
     * @param len    bytes
     * @return a fresh array-backed buffer (position 0) of the file's bytes, after a flush
     * @throws IOException if the read fails
     */
    ByteBuffer readFileRange(long offset, int len) throws IOException {
        flush();
        ByteBuffer buf = ByteBuffer.allocate(len);
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("short read in " + path + " at " + offset);
            }
            pos += n;
        }
        return buf.flip();
    }

    /**
     * @param filePos a file position at or after the frame
     * @return the logical offset of that position
     */
    long logicalOffsetOf(long filePos) {
        return frameBytes == 0 ? filePos : logicalFrameLength() + filePos - frameBytes;
    }

    /**
     * Points this block at a rewritten file that replaced its own.
     *
     * @param newSize the new file's size
     * @throws IOException if it cannot be opened
     */
    void reopen(long newSize) throws IOException {
        channel.close();
        channel = io.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        rewrites++;
        size = newSize;
        flushed = newSize;
        allocatedTo = newSize;
        if (writeBuf != null) {
            writeBuf.clear();
        }
        detectFrame();
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
