package io.jnatsd.jetstream.consumer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A file consumer's delivery and ack state copied into flat arrays, and its JSON ({@code o.dat}) written by hand.
 *
 * <p>Design note: a busy consumer writes its state about ten times a second and may have tens of thousands of
 * pending acks. Copying them into {@link ConsumerState} records and serialising those with the data binder cost
 * an object per entry, twice, and the binder's reflection per field; here the copy taken under the consumer's
 * monitor is three {@code long}s per pending entry, and the bytes are produced outside it, with no object per
 * entry. The JSON is byte for byte what {@link ConsumerJson#write} makes of the equivalent {@link ConsumerState},
 * so {@link ConsumerStateFile#readState} reads it unchanged:
 *
 * <pre>
 * {"delivered_consumer_seq":D,"delivered_stream_seq":D,"ack_floor_consumer_seq":D,"ack_floor_stream_seq":D,
 *  "pending":[{"s":S,"c":C,"t":T},...],"redelivered":[{"s":S,"n":N},...]}
 * </pre>
 *
 * <p>Immutable once built; thread-safe.
 */
final class ConsumerStateImage {
    private static final byte[] HEAD = ascii("{\"delivered_consumer_seq\":");
    private static final byte[] DELIVERED_STREAM = ascii(",\"delivered_stream_seq\":");
    private static final byte[] FLOOR_CONSUMER = ascii(",\"ack_floor_consumer_seq\":");
    private static final byte[] FLOOR_STREAM = ascii(",\"ack_floor_stream_seq\":");
    private static final byte[] PENDING = ascii(",\"pending\":[");
    private static final byte[] REDELIVERED = ascii("],\"redelivered\":[");
    private static final byte[] TAIL = ascii("]}");
    private static final byte[] ENTRY_S = ascii("{\"s\":");
    private static final byte[] ENTRY_C = ascii(",\"c\":");
    private static final byte[] ENTRY_T = ascii(",\"t\":");
    private static final byte[] ENTRY_N = ascii(",\"n\":");
    /** Most bytes one decimal long takes: a sign and 19 digits. */
    private static final int LONG_MAX_BYTES = 20;
    private static final int PENDING_ENTRY_MAX_BYTES = 3 * LONG_MAX_BYTES + 16;
    private static final int REDELIVERED_ENTRY_MAX_BYTES = 2 * LONG_MAX_BYTES + 12;
    private static final int FIXED_MAX_BYTES = 4 * LONG_MAX_BYTES + 160;

    private final long deliveredConsumerSeq;
    private final long deliveredStreamSeq;
    private final long ackFloorConsumerSeq;
    private final long ackFloorStreamSeq;
    /** Stream sequence, consumer sequence, timestamp (nanoseconds) per pending message, by stream sequence. */
    private final long[] pending;
    /** Stream sequence, delivery count per redelivered message. */
    private final long[] redelivered;

    /**
     * Takes the arrays as they are (the caller hands them over).
     *
     * @param deliveredConsumerSeq last consumer sequence handed out
     * @param deliveredStreamSeq   last stream sequence delivered
     * @param ackFloorConsumerSeq  ack floor, consumer sequence
     * @param ackFloorStreamSeq    ack floor, stream sequence
     * @param pending              triples (stream seq, consumer seq, timestamp nanos)
     * @param redelivered          pairs (stream seq, deliveries)
     */
    ConsumerStateImage(long deliveredConsumerSeq, long deliveredStreamSeq, long ackFloorConsumerSeq,
                       long ackFloorStreamSeq, long[] pending, long[] redelivered) {
        if (pending.length % 3 != 0 || redelivered.length % 2 != 0) {
            throw new IllegalArgumentException("pending triples and redelivered pairs expected");
        }
        this.deliveredConsumerSeq = deliveredConsumerSeq;
        this.deliveredStreamSeq = deliveredStreamSeq;
        this.ackFloorConsumerSeq = ackFloorConsumerSeq;
        this.ackFloorStreamSeq = ackFloorStreamSeq;
        this.pending = pending;
        this.redelivered = redelivered;
    }

    /** @return the same state as records (stream snapshots, tests) */
    ConsumerState toState() {
        List<ConsumerState.PendingEntry> p = new ArrayList<>(pending.length / 3);
        for (int i = 0; i < pending.length; i += 3) {
            p.add(new ConsumerState.PendingEntry(pending[i], pending[i + 1], pending[i + 2]));
        }
        List<ConsumerState.RedeliveredEntry> r = new ArrayList<>(redelivered.length / 2);
        for (int i = 0; i < redelivered.length; i += 2) {
            r.add(new ConsumerState.RedeliveredEntry(redelivered[i], redelivered[i + 1]));
        }
        return new ConsumerState(deliveredConsumerSeq, deliveredStreamSeq, ackFloorConsumerSeq, ackFloorStreamSeq,
            p, r);
    }

    /** @return the state file's JSON, as {@link ConsumerJson#write} writes {@link #toState()} */
    byte[] toJson() {
        int max = FIXED_MAX_BYTES + pending.length / 3 * PENDING_ENTRY_MAX_BYTES
            + redelivered.length / 2 * REDELIVERED_ENTRY_MAX_BYTES;
        byte[] out = new byte[max];
        int at = put(out, 0, HEAD);
        at = putLong(out, at, deliveredConsumerSeq);
        at = putLong(out, put(out, at, DELIVERED_STREAM), deliveredStreamSeq);
        at = putLong(out, put(out, at, FLOOR_CONSUMER), ackFloorConsumerSeq);
        at = putLong(out, put(out, at, FLOOR_STREAM), ackFloorStreamSeq);
        at = put(out, at, PENDING);
        for (int i = 0; i < pending.length; i += 3) {
            if (i > 0) {
                out[at++] = ',';
            }
            at = putLong(out, put(out, at, ENTRY_S), pending[i]);
            at = putLong(out, put(out, at, ENTRY_C), pending[i + 1]);
            at = putLong(out, put(out, at, ENTRY_T), pending[i + 2]);
            out[at++] = '}';
        }
        at = put(out, at, REDELIVERED);
        for (int i = 0; i < redelivered.length; i += 2) {
            if (i > 0) {
                out[at++] = ',';
            }
            at = putLong(out, put(out, at, ENTRY_S), redelivered[i]);
            at = putLong(out, put(out, at, ENTRY_N), redelivered[i + 1]);
            out[at++] = '}';
        }
        at = put(out, at, TAIL);
        return Arrays.copyOf(out, at);
    }

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    /** Writes {@code v} in decimal as {@link Long#toString(long)} does. */
    static int putLong(byte[] out, int at, long v) {
        if (v == Long.MIN_VALUE) {
            return put(out, at, ascii(Long.toString(v)));
        }
        int pos = at;
        long n = v;
        if (n < 0) {
            out[pos++] = '-';
            n = -n;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && n >= p; p *= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            out[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return end;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
