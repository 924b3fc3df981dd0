package io.jnatsd.jetstream.store;

/**
 * Where a live message of the file store lives: its block and offset, plus what limits and indexes need.
 * This is the in-memory block index (sequence to offset), rebuilt from the blocks on every open.
 *
 * @param seq            the sequence
 * @param subject        the subject
 * @param timestampNanos the store time
 * @param ttlSeconds     the TTL
 * @param sizeBytes      the accounted size ({@link FileStore#msgSize})
 * @param block          the block holding the record
 * @param offset         the record's offset in the block
 * @param recordLength   the record's length
 */
record FileMsgRef(long seq, String subject, long timestampNanos, long ttlSeconds, long sizeBytes,
                  MessageBlock block, long offset, int recordLength) implements MsgEntry {

    FileMsgRef moved(MessageBlock newBlock, long newOffset) {
        return new FileMsgRef(seq, subject, timestampNanos, ttlSeconds, sizeBytes, newBlock, newOffset, recordLength);
    }

    FileMsgRef moved(MessageBlock newBlock, long newOffset, int newRecordLength) {
        return new FileMsgRef(seq, subject, timestampNanos, ttlSeconds, sizeBytes, newBlock, newOffset,
            newRecordLength);
    }
}
