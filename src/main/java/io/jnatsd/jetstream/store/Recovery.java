package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds a file store's state from its block files on open: every record is re-validated (length, type,
 * CRC32C); a torn tail is cut off; a corrupt record in the middle is skipped by resynchronising on the next
 * record that validates; tombstones and the {@link StoreMeta} floor are applied. Twin of the recovery part of
 * {@code server/filestore.go} ({@code recoverMsgBlock}, {@code rebuildState}).
 *
 * <p>Design note: indexes are derived, never trusted: the state after recovery is exactly the records that
 * verify. Recovery returns what it cut, as Kafka's {@code LogSegment.recover} does.
 *
 * <p>Threading: runs on the opening thread before the store is shared.
 */
final class Recovery {

    /**
     * @param blocks        opened blocks in sequence order
     * @param live          live messages in sequence order
     * @param lastSeq       the last sequence handed out
     * @param lastTimeNanos its time
     * @param report        what was cut
     */
    record Result(List<MessageBlock> blocks, List<FileMsgRef> live, long lastSeq, long lastTimeNanos,
                  RecoveryReport report) { }

    private final FileIo io;
    private final Path dir;
    private final StoreMeta meta;
    private final StoreCipher cipher;
    private final List<FileMsgRef> msgs = new ArrayList<>();
    private boolean ascending = true;
    private final Set<Long> tombstones = new HashSet<>();
    private final Map<String, String> subjectCopies = new HashMap<>();
    private final List<RecoveryReport.Region> corrupt = new ArrayList<>();
    private final List<RecoveryReport.Region> truncated = new ArrayList<>();
    private final List<String> indexProblems = new ArrayList<>();
    private int indexedBlocks;
    private long records;
    private long truncatedBytes;
    private long lastSeq;
    private long lastTime;

    private Recovery(FileIo io, Path dir, StoreMeta meta, StoreCipher cipher) {
        this.io = io;
        this.dir = dir;
        this.meta = meta;
        this.cipher = cipher;
    }

    /**
     * @param io   the file operations
     * @param dir  the store directory
     * @param meta the trusted meta
     * @param cipher the store cipher (to open encrypted compressed blocks) or null
     * @return the recovered state
     * @throws IOException if a file cannot be read or cut
     */
    static Result recover(FileIo io, Path dir, StoreMeta meta, StoreCipher cipher) throws IOException {
        return new Recovery(io, dir, meta, cipher).run();
    }

    /** @return block files sorted by first sequence, leftover temp files deleted */
    static TreeMap<Long, Path> listBlocks(FileIo io, Path dir) throws IOException {
        TreeMap<Long, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(".tmp")) {
                    io.delete(p);
                } else if (n.endsWith(MessageBlock.SUFFIX)) {
                    try {
                        out.put(Long.parseLong(n.substring(0, n.length() - MessageBlock.SUFFIX.length())), p);
                    } catch (NumberFormatException e) {
                        // Not one of ours; leave it alone.
                        continue;
                    }
                }
            }
        }
        return out;
    }

    private Result run() throws IOException {
        List<MessageBlock> blocks = new ArrayList<>();
        lastSeq = meta.lastSeq();
        lastTime = meta.lastTimeNanos();
        for (Map.Entry<Long, Path> e : listBlocks(io, dir).entrySet()) {
            MessageBlock b = MessageBlock.open(io, e.getValue(), cipher, e.getKey());
            blocks.add(b);
            if (!loadIndex(b)) {
                scanAll(b);
            }
            if (e.getKey() - 1 > lastSeq) {
                lastSeq = e.getKey() - 1;
            }
        }
        lastSeq = Math.max(lastSeq, meta.floorSeq() - 1);
        if (!ascending) {
            keepLastOfEachSeq();
        }
        List<FileMsgRef> live = new ArrayList<>(msgs.size());
        for (FileMsgRef r : msgs) {
            if (!tombstones.contains(r.seq())) {
                live.add(r);
                r.block().addLive(r.recordLength());
            }
        }
        RecoveryReport report = new RecoveryReport(blocks.size(), records, live.size(), truncatedBytes, corrupt,
            truncated, indexedBlocks, indexProblems);
        return new Result(blocks, live, lastSeq, lastTime, report);
    }

    /**
     * Takes a block's live messages from its index file, then scans only the records appended after it.
     *
     * @return false if the index cannot be used (reported; the caller scans the block)
     */
    private boolean loadIndex(MessageBlock b) throws IOException {
        BlockIndex.Loaded idx;
        try {
            idx = BlockIndex.load(b);
        } catch (BlockIndex.InvalidIndexException e) {
            indexProblems.add(b.firstSeq() + BlockIndex.SUFFIX + ": " + e.getMessage());
            return false;
        }
        long coveredLogical = b.logicalOffsetOf(idx.coveredBytes());
        ByteBuffer all;
        try {
            all = b.readAll();
        } catch (io.jnatsd.compress.CorruptInputException e) {
            return false;
        }
        if (!everyRecordVerifies(all, (int) coveredLogical)) {
            // The scan that follows reports what is wrong.
            return false;
        }
        indexedBlocks++;
        for (FileMsgRef r : idx.live()) {
            records++;
            if (r.seq() >= meta.floorSeq()) {
                String subject = subjectCopies.computeIfAbsent(r.subject(), k -> k);
                if (!msgs.isEmpty() && msgs.getLast().seq() >= r.seq()) {
                    ascending = false;
                }
                msgs.add(new FileMsgRef(r.seq(), subject, r.timestampNanos(), r.ttlSeconds(), r.sizeBytes(), b,
                    r.offset(), r.recordLength()));
            }
        }
        if (idx.maxSeq() >= b.firstSeq()) {
            b.noteSeq(idx.maxSeq(), idx.maxSeqTsNanos());
            noteLast(idx.maxSeq(), idx.maxSeqTsNanos());
        }
        scan(b, all.slice((int) coveredLogical, all.limit() - (int) coveredLogical), coveredLogical);
        if (idx.coveredBytes() == b.size()) {
            b.markIndexed();
        }
        return true;
    }

    /**
     * Walks the records an index covers, checking each one's length, type and CRC32C without decoding it: the
     * index saves the decoding, never the verification, so the state is still exactly the records that verify.
     */
    private static boolean everyRecordVerifies(ByteBuffer all, int coveredLogical) {
        ByteBuffer covered = all.slice(0, coveredLogical);
        int pos = 0;
        while (pos < coveredLogical) {
            int len = RecordCodec.validate(covered, pos);
            if (len < 0) {
                return false;
            }
            pos += len;
        }
        return true;
    }

    private void scanAll(MessageBlock b) throws IOException {
        ByteBuffer buf;
        try {
            buf = b.readAll();
        } catch (io.jnatsd.compress.CorruptInputException e) {
            // The compressed frame fails its checksum or does not decode: its records are lost, the tail counts.
            corrupt.add(new RecoveryReport.Region(b.toString(), 0, b.frameBytes()));
            b.markFrameLost();
            buf = b.readAll();
        }
        scan(b, buf, 0);
    }

    /**
     * @param buf  logical content of the block from {@code base} to its end
     * @param base the logical offset of {@code buf}'s first byte
     */
    private void scan(MessageBlock b, ByteBuffer buf, long base) throws IOException {
        int pos = 0;
        int limit = buf.limit();
        while (pos < limit) {
            int len = RecordCodec.validate(buf, pos);
            if (len > 0) {
                apply(b, buf, pos, len, base);
                pos += len;
                continue;
            }
            if (limit - pos > RecordCodec.typeOffset() && allZero(buf, pos)) {
                // Space the active block preallocated and a crash left behind, not data: a torn record of more
                // than 8 bytes always holds its non-zero type byte, so it never looks like this.
                b.truncate(base + pos);
                break;
            }
            int next = resync(buf, pos + 1);
            if (next < 0) {
                truncated.add(new RecoveryReport.Region(b.toString(), base + pos, limit - pos));
                truncatedBytes += limit - pos;
                b.truncate(base + pos);
                b.force();
                break;
            }
            corrupt.add(new RecoveryReport.Region(b.toString(), base + pos, next - pos));
            pos = next;
        }
    }

    private static boolean allZero(ByteBuffer buf, int from) {
        for (int p = from; p < buf.limit(); p++) {
            if (buf.get(p) != 0) {
                return false;
            }
        }
        return true;
    }

        private static int resync(ByteBuffer buf, int from) {
        for (int p = from; p + RecordCodec.HEADER_LENGTH <= buf.limit(); p++) {
            if (RecordCodec.validate(buf, p) > 0) {
                return p;
            }
        }
        return -1;
    }

    private void apply(MessageBlock b, ByteBuffer buf, int pos, int len, long base) {
        records++;
        long seq = RecordCodec.seq(buf, pos);
        long ts = RecordCodec.timestampNanos(buf, pos);
        switch (RecordCodec.type(buf, pos)) {
            case RecordCodec.TYPE_MSG, RecordCodec.TYPE_SEALED_MSG -> {
                b.noteSeq(seq, ts);
                noteLast(seq, ts);
                if (seq >= meta.floorSeq()) {
                    String read = RecordCodec.subject(buf, pos);
                    String subject = subjectCopies.computeIfAbsent(read, k -> k);
                    long size = FileStore.msgSize(subject.length(), RecordCodec.headerLength(buf, pos),
                        RecordCodec.payloadLength(buf, pos));
                    if (!msgs.isEmpty() && msgs.getLast().seq() >= seq) {
                        ascending = false;
                    }
                    msgs.add(new FileMsgRef(seq, subject, ts, RecordCodec.aux(buf, pos), size, b, base + pos, len));
                }
            }
            case RecordCodec.TYPE_TOMBSTONE -> tombstones.add(seq);
            case RecordCodec.TYPE_SKIP -> {
                long last = seq + RecordCodec.aux(buf, pos) - 1;
                b.noteSeq(last, ts);
                noteLast(last, ts);
            }
            default -> throw new IllegalStateException("validated record of unknown type");
        }
    }

    /** Sorts by sequence; of records with the same sequence the later one on disk wins. Never expected. */
    private void keepLastOfEachSeq() {
        TreeMap<Long, FileMsgRef> bySeq = new TreeMap<>();
        for (FileMsgRef r : msgs) {
            bySeq.put(r.seq(), r);
        }
        msgs.clear();
        msgs.addAll(bySeq.values());
    }

    private void noteLast(long seq, long ts) {
        if (seq > lastSeq) {
            lastSeq = seq;
            lastTime = ts;
        }
    }
}
