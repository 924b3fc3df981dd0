package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a block with only its live messages, dropping removed records and their tombstones together; the
 * role of {@code compact} in {@code server/filestore.go}.
 *
 * <p>The same rewrite compresses a block when it is sealed ({@link BlockFrame}), and undoes that when a
 * compressed block becomes the active one again (truncate).
 *
 * <p>Design note: the new content goes to {@code <first_seq>.blk.tmp}, is forced, then renamed over the block
 * and the directory forced, so a crash leaves the old block (with its tombstones) or the new one, never less.
 *
 * <p>Threading: caller holds the store lock.
 */
final class BlockCompactor {
    /** A block is rewritten once its live records fill less than this share of it. */
    static final double LIVE_RATIO_THRESHOLD = 0.25;
    /** Blocks smaller than this are left alone unless empty. */
    static final long MIN_BYTES = 4096;

    private BlockCompactor() {
    }

    /** @return true if the block is mostly dead and worth a rewrite */
    static boolean worthCompacting(MessageBlock b) {
        long logical = b.logicalSize();
        return !b.isActive() && logical >= MIN_BYTES && b.liveRecordBytes() < logical * LIVE_RATIO_THRESHOLD;
    }

    /**
     * @param io       the file operations
     * @param b        the block
     * @param live     its live messages in sequence order
     * @param compress true to write the records as a {@link BlockFrame} (a sealed block of a compressed store)
     * @param cipher   the store cipher or null: inside an encrypted frame records are kept in clear (compress,
     *                 then encrypt); in a plain block of an encrypted store they are sealed one by one
     * @return the refs with their new offsets and lengths, same order
     * @throws IOException if the rewrite fails (the old block is then intact)
     */
    static List<FileMsgRef> rewrite(FileIo io, MessageBlock b, List<FileMsgRef> live, boolean compress,
                                    StoreCipher cipher) throws IOException {
        ByteBuffer content = b.readAll();
        java.io.ByteArrayOutputStream records = new java.io.ByteArrayOutputStream();
        List<FileMsgRef> moved = new ArrayList<>(live.size());
        for (FileMsgRef r : live) {
            byte[] rec = new byte[r.recordLength()];
            content.get((int) r.offset(), rec);
            byte[] out = recode(rec, compress && cipher != null, cipher);
            moved.add(r.moved(b, records.size(), out.length));
            records.write(out);
        }
        byte[] body = compress ? BlockFrame.encode(b.firstSeq(), records.toByteArray(), cipher)
            : records.toByteArray();
        Path tmp = b.path().resolveSibling(b.path().getFileName() + ".tmp");
        try (FileChannel ch = io.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer out = ByteBuffer.wrap(body);
            long pos = 0;
            while (out.hasRemaining()) {
                pos += ch.write(out, pos);
            }
            ch.force(true);
        }
        b.flush();
        // The old index describes the old file; the directory sync below makes its removal durable with the rename.
        BlockIndex.delete(io, b);
        io.move(tmp, b.path());
        io.syncDirectory(b.path().toAbsolutePath().getParent());
        b.reopen(body.length);
        b.resetLive();
        for (FileMsgRef r : moved) {
            b.addLive(r.recordLength());
        }
        return moved;
    }

    /**
     * Puts a record in the form its new home wants: clear inside an encrypted frame, sealed in a plain block of
     * an encrypted store, unchanged otherwise.
     */
    private static byte[] recode(byte[] rec, boolean clear, StoreCipher cipher) {
        if (cipher == null) {
            return rec;
        }
        ByteBuffer buf = ByteBuffer.wrap(rec);
        byte type = RecordCodec.type(buf, 0);
        long seq = RecordCodec.seq(buf, 0);
        byte[] subj = RecordCodec.subject(buf, 0).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (clear && type == RecordCodec.TYPE_SEALED_MSG) {
            int hLen = RecordCodec.headerLength(buf, 0);
            byte[] both = cipher.open(seq, subj, RecordCodec.sealedBody(buf, 0));
            return RecordCodec.encode(RecordCodec.TYPE_MSG, seq, RecordCodec.timestampNanos(buf, 0),
                RecordCodec.aux(buf, 0), subj, java.util.Arrays.copyOf(both, hLen),
                java.util.Arrays.copyOfRange(both, hLen, both.length));
        }
        if (!clear && type == RecordCodec.TYPE_MSG) {
            StoredMsg m = RecordCodec.decodeMsg(buf, 0);
            return RecordCodec.encodeSealed(seq, m.timestampNanos(), RecordCodec.aux(buf, 0), subj,
                m.headers().length, m.payload().length, cipher.seal(seq, subj, m.headers(), m.payload()));
        }
        return rec;
    }
}
