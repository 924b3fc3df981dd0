package io.jnatsd.jetstream.consumer;

import java.util.Arrays;

/**
 * The delivered messages of a consumer that wait for an ack, in stream-sequence order, held in three parallel
 * primitive arrays (stream sequence, consumer sequence of the first delivery, timestamp): no object and no tree
 * node per delivery. New deliveries come in stream order, so they are appended at the end; an ack marks its slot
 * dead (a tombstone that keeps its stream sequence, so the arrays stay sorted) and the live window's start moves
 * past dead slots. Lookups by stream sequence try the first live slot (acks mostly arrive in delivery order),
 * then search the window by halving. When the arrays are full the live entries are packed to the front, and the
 * arrays double only when more than half of them are live, so memory stays within a few times the live count.
 *
 * <p>Positions ({@code pos}) given out by {@link #first()}, {@link #next(int)}, {@link #find(long)} and
 * {@link #higher(long)} stay valid until the next {@link #add}, which may pack the arrays.
 *
 * <p>Threading: not thread-safe; confined to its consumer's worker, like {@link AckTracker}.
 */
final class PendingRing {
    private static final long DEAD = Long.MIN_VALUE;
    private static final int INITIAL_CAPACITY = 64;

    private long[] streamSeqs = new long[INITIAL_CAPACITY];
    private long[] deliverSeqs = new long[INITIAL_CAPACITY];
    private long[] timestamps = new long[INITIAL_CAPACITY];
    private int head;
    private int tail;
    private int live;

    /** @return how many entries are live */
    int size() {
        return live;
    }

    /** @return true when nothing is pending */
    boolean isEmpty() {
        return live == 0;
    }

    /** @return the slot capacity (for tests) */
    int capacity() {
        return streamSeqs.length;
    }

    /**
     * Adds an entry. Stream sequences normally rise; one that does not is inserted in its place (slow path).
     *
     * @param streamSeq      the stream sequence (not already present)
     * @param deliverSeq     the consumer sequence of its first delivery
     * @param timestampNanos when it was delivered
     */
    void add(long streamSeq, long deliverSeq, long timestampNanos) {
        if (tail > head && streamSeqs[tail - 1] >= streamSeq) {
            insertOutOfOrder(streamSeq, deliverSeq, timestampNanos);
            return;
        }
        if (tail == streamSeqs.length) {
            makeRoom();
        }
        streamSeqs[tail] = streamSeq;
        deliverSeqs[tail] = deliverSeq;
        timestamps[tail] = timestampNanos;
        tail++;
        live++;
    }

    /**
     * @param streamSeq a stream sequence
     * @return the position of its live entry, or -1
     */
    int find(long streamSeq) {
        if (live == 0) {
            return -1;
        }
        if (streamSeqs[head] == streamSeq) {
            return head;
        }
        int i = Arrays.binarySearch(streamSeqs, head, tail, streamSeq);
        return i >= 0 && deliverSeqs[i] != DEAD ? i : -1;
    }

    /** @return true if the stream sequence is pending */
    boolean contains(long streamSeq) {
        return find(streamSeq) >= 0;
    }

    /** @return the position of the first live entry, or -1 when empty */
    int first() {
        return live == 0 ? -1 : head;
    }

    /**
     * @param pos a live position
     * @return the position of the next live entry after it, or -1
     */
    int next(int pos) {
        for (int i = pos + 1; i < tail; i++) {
            if (deliverSeqs[i] != DEAD) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param streamSeq a stream sequence
     * @return the position of the first live entry with a higher stream sequence, or -1
     */
    int higher(long streamSeq) {
        if (live == 0) {
            return -1;
        }
        int i = Arrays.binarySearch(streamSeqs, head, tail, streamSeq);
        int from = i >= 0 ? i + 1 : -i - 1;
        return from < tail && deliverSeqs[from] != DEAD ? from : next(from - 1);
    }

    /** @return the stream sequence at a position */
    long streamSeqAt(int pos) {
        return streamSeqs[pos];
    }

    /** @return the consumer sequence of the first delivery at a position */
    long deliverSeqAt(int pos) {
        return deliverSeqs[pos];
    }

    /** @return the timestamp at a position */
    long timestampAt(int pos) {
        return timestamps[pos];
    }

    /** Sets the timestamp at a position. */
    void setTimestampAt(int pos, long timestampNanos) {
        timestamps[pos] = timestampNanos;
    }

    /**
     * Removes the live entry at a position.
     *
     * @param pos a live position
     */
    void removeAt(int pos) {
        deliverSeqs[pos] = DEAD;
        live--;
        if (live == 0) {
            head = 0;
            tail = 0;
        } else if (pos == head) {
            do {
                head++;
            } while (deliverSeqs[head] == DEAD);
        }
    }

    /** Forgets everything. */
    void clear() {
        head = 0;
        tail = 0;
        live = 0;
    }

    private void makeRoom() {
        int cap = streamSeqs.length;
        long[] s = streamSeqs;
        long[] d = deliverSeqs;
        long[] t = timestamps;
        if (live > cap / 2) {
            s = new long[cap * 2];
            d = new long[cap * 2];
            t = new long[cap * 2];
        }
        int at = 0;
        for (int i = head; i < tail; i++) {
            if (deliverSeqs[i] != DEAD) {
                s[at] = streamSeqs[i];
                d[at] = deliverSeqs[i];
                t[at] = timestamps[i];
                at++;
            }
        }
        streamSeqs = s;
        deliverSeqs = d;
        timestamps = t;
        head = 0;
        tail = at;
    }

    private void insertOutOfOrder(long streamSeq, long deliverSeq, long timestampNanos) {
        if (tail == streamSeqs.length) {
            makeRoom();
        }
        int i = Arrays.binarySearch(streamSeqs, head, tail, streamSeq);
        if (i >= 0) {
            if (deliverSeqs[i] == DEAD) {
                live++;
            }
            deliverSeqs[i] = deliverSeq;
            timestamps[i] = timestampNanos;
            head = Math.min(head, i);
            return;
        }
        int at = -i - 1;
        System.arraycopy(streamSeqs, at, streamSeqs, at + 1, tail - at);
        System.arraycopy(deliverSeqs, at, deliverSeqs, at + 1, tail - at);
        System.arraycopy(timestamps, at, timestamps, at + 1, tail - at);
        streamSeqs[at] = streamSeq;
        deliverSeqs[at] = deliverSeq;
        timestamps[at] = timestampNanos;
        tail++;
        live++;
    }
}
