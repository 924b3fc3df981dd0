package io.jnatsd.jetstream.store;

/**
 * A {@link SeqTable} page of the file store's entries kept as primitive columns: the in-memory block index
 * (sequence to block and offset) without an object per live message.
 *
 * <p>Design note: every live message of a file store stays in memory until it is removed, so with an object
 * per message a young collection copies every message stored since the last one, and the old generation
 * holds millions of small objects. Columns cost a few arrays per {@link SeqTable#PAGE_SLOTS} messages (the
 * subject and block references are shared objects); a {@link FileMsgRef} is made when an entry is read and
 * dies young. The TTL column is allocated on the first message with a TTL.
 *
 * <p>Threading: not thread-safe; the owning store's lock guards it.
 */
final class FileRefPage extends SeqTable.Page<FileMsgRef> {
    /** The subject of each slot's message, null for an empty slot. */
    private final String[] subjects = new String[SeqTable.PAGE_SLOTS];
    private final MessageBlock[] blocks = new MessageBlock[SeqTable.PAGE_SLOTS];
    private final long[] timestampsNanos = new long[SeqTable.PAGE_SLOTS];
    private final long[] offsets = new long[SeqTable.PAGE_SLOTS];
    private final long[] sizesBytes = new long[SeqTable.PAGE_SLOTS];
    private final int[] recordLengths = new int[SeqTable.PAGE_SLOTS];
    private long[] ttlsSeconds;

    @Override
    boolean has(int slot) {
        return subjects[slot] != null;
    }

    @Override
    FileMsgRef get(int slot, long seq) {
        return new FileMsgRef(seq, subjects[slot], timestampsNanos[slot], ttlsSeconds == null ? 0 : ttlsSeconds[slot],
            sizesBytes[slot], blocks[slot], offsets[slot], recordLengths[slot]);
    }

    @Override
    void set(int slot, FileMsgRef r) {
        subjects[slot] = r.subject();
        blocks[slot] = r.block();
        timestampsNanos[slot] = r.timestampNanos();
        offsets[slot] = r.offset();
        sizesBytes[slot] = r.sizeBytes();
        recordLengths[slot] = r.recordLength();
        if (r.ttlSeconds() != 0 && ttlsSeconds == null) {
            ttlsSeconds = new long[SeqTable.PAGE_SLOTS];
        }
        if (ttlsSeconds != null) {
            ttlsSeconds[slot] = r.ttlSeconds();
        }
    }

    /**
     * Adds the messages of slots {@code [from, to]} that live in {@code block} to an index's rows.
     *
     * @param block the block being indexed
     * @param base  the sequence of slot 0
     * @param from  first slot
     * @param to    last slot
     * @param rows  the rows, in sequence order
     */
    void copyRows(MessageBlock block, long base, int from, int to, IndexRows rows) {
        for (int i = from; i <= to; i++) {
            if (subjects[i] != null && blocks[i] == block) {
                rows.add(base + i, subjects[i], timestampsNanos[i], ttlsSeconds == null ? 0 : ttlsSeconds[i],
                    offsets[i], recordLengths[i], sizesBytes[i]);
            }
        }
    }

    @Override
    void clear(int slot) {
        subjects[slot] = null;
        blocks[slot] = null;
    }
}
