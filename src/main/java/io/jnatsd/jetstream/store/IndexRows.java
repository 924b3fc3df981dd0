package io.jnatsd.jetstream.store;

import java.util.Arrays;
import java.util.List;

/**
 * The live messages of one block, in sequence order, as columns: what {@link BlockIndex#write} puts in an index
 * file. Filled straight from the sequence table's {@link FileRefPage}s when a block is sealed, so that writing
 * an index makes no object per message.
 *
 * <p>Threading: not thread-safe; used by one thread under the store lock.
 */
final class IndexRows {
    private long[] seqs;
    private String[] subjects;
    private long[] timestampsNanos;
    private long[] ttlsSeconds;
    private long[] offsets;
    private int[] recordLengths;
    private long[] sizesBytes;
    private int size;

    /** @param capacity the expected number of rows (grows past it) */
    IndexRows(int capacity) {
        int n = Math.max(capacity, 16);
        seqs = new long[n];
        subjects = new String[n];
        timestampsNanos = new long[n];
        ttlsSeconds = new long[n];
        offsets = new long[n];
        recordLengths = new int[n];
        sizesBytes = new long[n];
    }

    /** @param refs live messages in sequence order @return them as rows */
    static IndexRows of(List<FileMsgRef> refs) {
        IndexRows rows = new IndexRows(refs.size());
        for (FileMsgRef r : refs) {
            rows.add(r.seq(), r.subject(), r.timestampNanos(), r.ttlSeconds(), r.offset(), r.recordLength(),
                r.sizeBytes());
        }
        return rows;
    }

    /** Appends one row (a message with a higher sequence than the rows before it). */
    void add(long seq, String subject, long tsNanos, long ttlSecs, long offset, int recordLength, long sizeBytes) {
        if (size == seqs.length) {
            int n = size * 2;
            seqs = Arrays.copyOf(seqs, n);
            subjects = Arrays.copyOf(subjects, n);
            timestampsNanos = Arrays.copyOf(timestampsNanos, n);
            ttlsSeconds = Arrays.copyOf(ttlsSeconds, n);
            offsets = Arrays.copyOf(offsets, n);
            recordLengths = Arrays.copyOf(recordLengths, n);
            sizesBytes = Arrays.copyOf(sizesBytes, n);
        }
        seqs[size] = seq;
        subjects[size] = subject;
        timestampsNanos[size] = tsNanos;
        ttlsSeconds[size] = ttlSecs;
        offsets[size] = offset;
        recordLengths[size] = recordLength;
        sizesBytes[size] = sizeBytes;
        size++;
    }

    int size() {
        return size;
    }

    long seq(int i) {
        return seqs[i];
    }

    String subject(int i) {
        return subjects[i];
    }

    long timestampNanos(int i) {
        return timestampsNanos[i];
    }

    long ttlSeconds(int i) {
        return ttlsSeconds[i];
    }

    long offset(int i) {
        return offsets[i];
    }

    int recordLength(int i) {
        return recordLengths[i];
    }

    long sizeBytes(int i) {
        return sizesBytes[i];
    }
}
