package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The index file of one block, {@code <first_seq>.idx}: its live messages (sequence to offset) and a per-subject
 * summary, so that an open need not scan the block; the role of the reference's per-block index and
 * {@code fss} files.
 *
 * <pre>
 *  header (64 bytes)
 *  0      4   5   8        16            24           32        40           48       52        56     60   64
 *  +------+---+---+--------+-------------+------------+---------+------------+--------+---------+------+----+
 *  |"JNIX"|ver|pad|firstSeq|coveredBytes |maxSeq      |maxSeqTs |fingerprint |entries |subjects |rsvd  |rsvd|
 *  +------+---+---+--------+-------------+------------+---------+------------+--------+---------+------+----+
 *  subjects x subjects: sLen short, subject bytes, first long, last long, count int
 *  entries  x entries:  seq long, ts long, ttl long, offset long, recordLength int, subjectId int, size long
 *  crc32c int of everything before it
 * </pre>
 * {@code coveredBytes} is the block file's size when the index was written; records appended later (tombstones)
 * are read from the file after it. {@code fingerprint} is two CRC32Cs of the block file's first and last
 * {@link #FINGERPRINT_BYTES} covered bytes, so an index never describes a block that was rewritten after it.
 * Offsets are logical (see {@link MessageBlock#logicalSize()}). Integers are big-endian.
 *
 * <p>Design note: indexes are derived and rebuildable; one that is missing, cut, corrupt or does not match its
 * block is reported and the block is scanned instead ({@link Recovery}).
 *
 * <p>Threading: stateless; caller holds the store lock (or is the opening thread).
 */
final class BlockIndex {
    /** File name suffix. */
    static final String SUFFIX = ".idx";
    /** "JNIX". */
    static final int MAGIC = 0x4A4E4958;
    /** Format version. */
    static final byte VERSION = 1;
    /** Header bytes. */
    static final int HEADER_BYTES = 64;
    /** Bytes at each end of the block covered by the fingerprint. */
    static final int FINGERPRINT_BYTES = 64;

    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    /**
     * A loaded index.
     *
     * @param coveredBytes  the block file size it describes
     * @param maxSeq        the block's highest message or skip sequence then
     * @param maxSeqTsNanos that record's time
     * @param live          the live messages (block field left null; the caller fills it)
     */
    record Loaded(long coveredBytes, long maxSeq, long maxSeqTsNanos, List<FileMsgRef> live) { }

    private BlockIndex() {
    }

    /** @return the index file of a block */
    static Path pathOf(MessageBlock b) {
        return b.path().resolveSibling(b.firstSeq() + SUFFIX);
    }

    /**
     * Writes the index of a block atomically.
     *
     * @param io      the file operations
     * @param b       the block, flushed
     * @param live    its live messages in sequence order
     * @param maxTsNanos the time of its highest sequence (0 if unknown)
     * @throws IOException if the write fails
     */
    static void write(FileIo io, MessageBlock b, IndexRows live, long maxTsNanos) throws IOException {
        AtomicFiles.write(io, pathOf(b), encode(b, live, maxTsNanos));
    }

    /**
     * The bytes of a block's index file, describing the block as it is now ({@code b.size()} bytes, flushed).
     *
     * @param b       the block
     * @param live    its live messages in sequence order
     * @param maxTsNanos the time of its highest sequence (0 if unknown)
     * @return the file's content
     * @throws IOException if reading the block for the fingerprint fails
     */
    static byte[] encode(MessageBlock b, IndexRows live, long maxTsNanos) throws IOException {
        b.flush();
        Map<String, SubjectSummary> summary = new LinkedHashMap<>();
        SubjectSummary[] ofEntry = new SubjectSummary[live.size()];
        SubjectSummary prev = null;
        int bytes = HEADER_BYTES + 4;
        for (int i = 0; i < ofEntry.length; i++) {
            String subject = live.subject(i);
            SubjectSummary s = prev != null && prev.subject == subject ? prev : summary.get(subject);
            if (s == null) {
                s = new SubjectSummary(subject, summary.size(), live.seq(i));
                summary.put(subject, s);
                bytes += 2 + 20 + s.utf8.length;
            }
            s.last = live.seq(i);
            s.count++;
            ofEntry[i] = s;
            prev = s;
            bytes += 48;
        }
        ByteBuffer out = ByteBuffer.allocate(bytes);
        out.putInt(MAGIC).put(VERSION).put(new byte[3]).putLong(b.firstSeq()).putLong(b.size()).putLong(b.maxSeq())
            .putLong(maxTsNanos).putLong(fingerprint(b, b.size())).putInt(live.size()).putInt(summary.size())
            .putLong(0);
        for (SubjectSummary s : summary.values()) {
            out.putShort((short) s.utf8.length).put(s.utf8).putLong(s.first).putLong(s.last).putInt(s.count);
        }
        for (int i = 0; i < ofEntry.length; i++) {
            out.putLong(live.seq(i)).putLong(live.timestampNanos(i)).putLong(live.ttlSeconds(i))
                .putLong(live.offset(i)).putInt(live.recordLength(i)).putInt(ofEntry[i].id)
                .putLong(live.sizeBytes(i));
        }
        out.putInt(crc(out.array(), out.position()));
        return out.array();
    }

    /** One subject's line of the summary while an index is written; ids are given in order of first sight. */
    private static final class SubjectSummary {
        final String subject;
        final byte[] utf8;
        final int id;
        final long first;
        long last;
        int count;

        SubjectSummary(String subject, int id, long first) {
            this.subject = subject;
            this.utf8 = subject.getBytes(StandardCharsets.UTF_8);
            this.id = id;
            this.first = first;
        }
    }

    /**
     * @param b the block
     * @param covered the covered file size
     * @return CRC32C of the first and last covered bytes, in the high and low 32 bits
     * @throws IOException if a read fails
     */
    static long fingerprint(MessageBlock b, long covered) throws IOException {
        int n = (int) Math.min(FINGERPRINT_BYTES, covered);
        ByteBuffer head = b.readFileRange(0, n);
        ByteBuffer tail = b.readFileRange(covered - n, n);
        return (long) crc(head.array(), n) << 32 | (crc(tail.array(), n) & 0xFFFFFFFFL);
    }

    /**
     * Loads and checks a block's index.
     *
     * @param b the block
     * @return the index, never null
     * @throws InvalidIndexException saying why the index cannot be used (missing, cut, corrupt, stale)
     * @throws IOException if reading the block fails
     */
    static Loaded load(MessageBlock b) throws IOException {
        Path p = pathOf(b);
        if (!Files.exists(p)) {
            throw new InvalidIndexException("missing");
        }
        byte[] raw = Files.readAllBytes(p);
        if (raw.length < HEADER_BYTES + 4) {
            throw new InvalidIndexException("cut short (" + raw.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        if (crc(raw, raw.length - 4) != in.getInt(raw.length - 4)) {
            throw new InvalidIndexException("checksum mismatch");
        }
        long covered = in.getLong(16);
        if (in.getInt(0) != MAGIC || in.get(4) != VERSION || in.getLong(8) != b.firstSeq()) {
            throw new InvalidIndexException("not an index of this block");
        }
        if (covered > b.size() || covered < 0 || fingerprint(b, covered) != in.getLong(40)) {
            throw new InvalidIndexException("does not match its block (size " + b.size() + ", covered " + covered
                + ")");
        }
        try {
            return parse(in, b, covered);
        } catch (RuntimeException e) {
            throw new InvalidIndexException("malformed: " + e);
        }
    }

    private static Loaded parse(ByteBuffer in, MessageBlock b, long covered) throws InvalidIndexException {
        int entries = in.getInt(48);
        int subjects = in.getInt(52);
        in.position(HEADER_BYTES);
        String[] names = new String[subjects];
        long[] counts = new long[subjects];
        for (int i = 0; i < subjects; i++) {
            byte[] s = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(s);
            names[i] = new String(s, StandardCharsets.UTF_8);
            in.getLong();
            in.getLong();
            counts[i] = in.getInt();
        }
        List<FileMsgRef> live = new ArrayList<>(entries);
        long[] seen = new long[subjects];
        for (int i = 0; i < entries; i++) {
            long seq = in.getLong();
            long ts = in.getLong();
            long ttl = in.getLong();
            long offset = in.getLong();
            int len = in.getInt();
            int id = in.getInt();
            long size = in.getLong();
            seen[id]++;
            live.add(new FileMsgRef(seq, names[id], ts, ttl, size, b, offset, len));
        }
        if (in.remaining() != 4 || !java.util.Arrays.equals(seen, counts)) {
            throw new InvalidIndexException("entries disagree with the subject summary");
        }
        return new Loaded(covered, in.getLong(24), in.getLong(32), live);
    }

    /** Deletes a block's index if present (before the block is rewritten or deleted). */
    static void delete(FileIo io, MessageBlock b) throws IOException {
        Path p = pathOf(b);
        if (Files.exists(p)) {
            io.delete(p);
        }
    }

    private static int crc(byte[] b, int len) {
        CRC32C c = CRC.get();
        c.reset();
        c.update(b, 0, len);
        return (int) c.getValue();
    }

    /** Why an index file cannot be used. */
    static final class InvalidIndexException extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidIndexException(String why) {
            super(why);
        }
    }
}
