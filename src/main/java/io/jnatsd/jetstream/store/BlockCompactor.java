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
        return !b.isActive() && b.size() >= MIN_BYTES && b.liveRecordBytes() < b.size() * LIVE_RATIO_THRESHOLD;
    }

    /**
     * @param io   the file operations
     * @param b    the block
     * @param live its live messages in sequence order
     * @return the refs with their new offsets, same order
     * @throws IOException if the rewrite fails (the old block is then intact)
     */
    static List<FileMsgRef> rewrite(FileIo io, MessageBlock b, List<FileMsgRef> live) throws IOException {
        long total = 0;
        for (FileMsgRef r : live) {
            total += r.recordLength();
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        List<FileMsgRef> moved = new ArrayList<>(live.size());
        for (FileMsgRef r : live) {
            ByteBuffer rec = b.read(r.offset(), r.recordLength());
            moved.add(r.moved(b, out.position()));
            out.put(rec);
        }
        out.flip();
        Path tmp = b.path().resolveSibling(b.path().getFileName() + ".tmp");
        try (FileChannel ch = io.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = 0;
            while (out.hasRemaining()) {
                pos += ch.write(out, pos);
            }
            ch.force(true);
        }
        b.flush();
        io.move(tmp, b.path());
        io.syncDirectory(b.path().toAbsolutePath().getParent());
        b.reopen(total);
        b.resetLive();
        for (FileMsgRef r : moved) {
            b.addLive(r.recordLength());
        }
        return moved;
    }
}
