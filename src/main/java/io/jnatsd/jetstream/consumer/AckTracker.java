package io.jnatsd.jetstream.consumer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Twin of the pending, redelivery and ack-floor bookkeeping of {@code server/consumer.go} ({@code trackPending},
 * {@code processAckMsg}, {@code moveAckFloor}, {@code processNak}, {@code progressUpdate}, {@code checkPending},
 * {@code getNextMsg}'s redelivery part): which delivered messages wait for an ack, when they are due again, and
 * how far the ack floor has moved.
 *
 * <p>Design note: time comes in as arguments (wall-clock nanoseconds, as the reference stores them), so tests
 * drive it without sleeping and restored state keeps its meaning across a restart. Pending entries are kept
 * sorted by stream sequence in primitive arrays ({@link PendingRing}), so a delivery and its ack allocate
 * nothing and moving the ack floor is one lookup, not a scan.
 *
 * <p>Sequences: {@code nextStreamSeq} is the next stream sequence to look at, {@code nextDeliverSeq} the next
 * consumer sequence to hand out; the delivered sequences are one below them.
 *
 * <p>Threading: not thread-safe; confined to its consumer's worker.
 */
public final class AckTracker {

    /** Receives the stream sequences an ack released (interest and workqueue retention need them). */
    @FunctionalInterface
    public interface ReleasedSink {
        /** @param streamSeq a released message */
        void released(long streamSeq);
    }

    /** Told when a message has been delivered max_deliver times and will not be redelivered. */
    @FunctionalInterface
    public interface MaxDeliveriesListener {
        /**
         * @param streamSeq  the message
         * @param deliveries how many times it was delivered
         */
        void onMaxDeliveries(long streamSeq, long deliveries);
    }

    private AckPolicy ackPolicy;
    private long ackWaitNanos;
    private long[] backoffNanos;
    private int maxDeliver;
    private int maxAckPending;

    private long nextStreamSeq = 1;
    private long nextDeliverSeq = 1;
    private long ackFloorStream;
    private long ackFloorDeliver;
    private final PendingRing pending = new PendingRing();
    private final Map<Long, Long> deliveries = new HashMap<>();
    private final ArrayDeque<Long> redeliverQueue = new ArrayDeque<>();
    private final Set<Long> onRedeliverQueue = new HashSet<>();
    private MaxDeliveriesListener maxDeliveriesListener = (s, d) -> { };

    /** @param config the consumer config, defaults applied */
    public AckTracker(ConsumerConfig config) {
        configure(config);
    }

    /** @param config the (updated) config: ack wait, backoff, max deliver and max ack pending are taken */
    public void configure(ConsumerConfig config) {
        this.ackPolicy = config.ackPolicy();
        this.ackWaitNanos = config.ackWaitNanos();
        List<Long> b = config.backoffNanos();
        this.backoffNanos = b == null ? new long[0] : b.stream().mapToLong(Long::longValue).toArray();
        this.maxDeliver = Math.max(0, config.maxDeliver());
        this.maxAckPending = config.maxAckPending();
    }

    /** @param listener told of messages that hit max_deliver */
    public void setMaxDeliveriesListener(MaxDeliveriesListener listener) {
        this.maxDeliveriesListener = listener;
    }

    /**
     * Sets where delivery starts (a fresh consumer).
     *
     * @param streamSeq the first stream sequence to deliver
     */
    public void startAt(long streamSeq) {
        nextStreamSeq = Math.max(1, streamSeq);
        ackFloorStream = nextStreamSeq - 1;
    }

    /** @return the next stream sequence to look at */
    public long nextStreamSeq() {
        return nextStreamSeq;
    }

    /** @param seq the next stream sequence to look at (after a skip or a filtered miss) */
    public void setNextStreamSeq(long seq) {
        nextStreamSeq = seq;
    }

    /** @return the last consumer sequence handed out */
    public long deliveredConsumerSeq() {
        return nextDeliverSeq - 1;
    }

    /** @return the last stream sequence delivered */
    public long deliveredStreamSeq() {
        return nextStreamSeq - 1;
    }

    /** @return the ack floor's stream sequence */
    public long ackFloorStreamSeq() {
        return ackFloorStream;
    }

    /** @return the ack floor's consumer sequence */
    public long ackFloorConsumerSeq() {
        return ackFloorDeliver;
    }

    /** @return how many delivered messages wait for an ack */
    public int numAckPending() {
        return pending.size();
    }

    /** @return how many messages were delivered more than once and are still tracked */
    public int numRedelivered() {
        return deliveries.size();
    }

    /** @return true when max_ack_pending is reached and no new message may be sent */
    public boolean atMaxAckPending() {
        return maxAckPending > 0 && pending.size() >= maxAckPending;
    }

    /** @return true if messages are queued for redelivery */
    public boolean hasRedeliveries() {
        return !redeliverQueue.isEmpty();
    }

    /** @return how many are queued for redelivery */
    public int redeliveryCount() {
        return redeliverQueue.size();
    }

    /** @return true when a delivered message waits for its ack */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * @param streamSeq a stream sequence
     * @return true if it was delivered and waits for its ack
     */
    public boolean isPending(long streamSeq) {
        return pending.contains(streamSeq);
    }

    /**
     * @param streamSeq a stream sequence
     * @return the consumer sequence of its first delivery if it is pending, else 0
     */
    public long pendingDeliverSeq(long streamSeq) {
        int pos = pending.find(streamSeq);
        return pos < 0 ? 0 : pending.deliverSeqAt(pos);
    }

    /**
     * @param streamSeq a stream sequence
     * @return its pending timestamp (wall-clock nanoseconds) if it is pending, else 0
     */
    public long pendingTimestampNanos(long streamSeq) {
        int pos = pending.find(streamSeq);
        return pos < 0 ? 0 : pending.timestampAt(pos);
    }

    /** @return delivery counts of redelivered messages by stream sequence (read-only view) */
    public Map<Long, Long> redelivered() {
        return java.util.Collections.unmodifiableMap(deliveries);
    }

    /**
     * Records the first delivery of a message the consumer had not delivered before.
     *
     * @param streamSeq its stream sequence (at or past {@link #nextStreamSeq()})
     * @param nowNanos  wall-clock now
     * @return the consumer sequence it goes out with
     */
    public long deliverNew(long streamSeq, long nowNanos) {
        long dseq = nextDeliverSeq++;
        nextStreamSeq = streamSeq + 1;
        if (ackPolicy == AckPolicy.NONE) {
            ackFloorDeliver = dseq;
            ackFloorStream = streamSeq;
        } else {
            pending.add(streamSeq, dseq, nowNanos);
        }
        return dseq;
    }

    /**
     * Takes the next message due for redelivery, skipping (and reporting) those past max_deliver.
     *
     * @return its stream sequence, or 0 when none
     */
    public long pollRedelivery() {
        Long seq;
        while ((seq = redeliverQueue.poll()) != null) {
            onRedeliverQueue.remove(seq);
            if (pending.contains(seq)) {
                return seq;
            }
        }
        return 0;
    }

    /**
     * Puts a redelivery taken by {@link #pollRedelivery()} back at the front (nobody could take it).
     *
     * @param streamSeq the message
     */
    public void requeueRedelivery(long streamSeq) {
        if (onRedeliverQueue.add(streamSeq)) {
            redeliverQueue.addFirst(streamSeq);
        }
    }

    /**
     * Records a redelivery of a pending message.
     *
     * @param streamSeq from {@link #pollRedelivery()}
     * @param nowNanos  wall-clock now
     * @return the consumer sequence it goes out with; its delivery count is {@link #deliveryCount(long)}
     */
    public long deliverAgain(long streamSeq, long nowNanos) {
        long dseq = nextDeliverSeq++;
        deliveries.merge(streamSeq, 2L, (old, two) -> old + 1);
        int pos = pending.find(streamSeq);
        if (pos >= 0) {
            pending.setTimestampAt(pos, nowNanos);
        }
        return dseq;
    }

    /**
     * Undoes the count of a redelivery that could not be sent (message gone).
     *
     * @param streamSeq the message
     */
    public void dropGone(long streamSeq) {
        deliveries.remove(streamSeq);
        removeFromRedeliverQueue(streamSeq);
        int pos = pending.find(streamSeq);
        if (pos >= 0) {
            long dseq = pending.deliverSeqAt(pos);
            pending.removeAt(pos);
            moveAckFloor(dseq, streamSeq);
        }
    }

    /**
     * @param streamSeq a message
     * @return how many times it has been delivered (1 when delivered once or unknown)
     */
    public long deliveryCount(long streamSeq) {
        Long n = deliveries.get(streamSeq);
        return n == null ? 1 : n;
    }

    /**
     * Twin of {@code processAckMsg}: an ack (or a term) of a delivered message.
     *
     * @param streamSeq  the acked stream sequence
     * @param deliverSeq the consumer sequence in the ack subject
     * @return the stream sequences this ack released (for interest and workqueue retention); empty when the
     *     ack changed nothing
     */
    public List<Long> ack(long streamSeq, long deliverSeq) {
        List<Long> released = new ArrayList<>();
        ack(streamSeq, deliverSeq, released::add);
        return released;
    }

    /**
     * Twin of {@code processAckMsg}, without allocating: an ack (or a term) of a delivered message.
     *
     * @param streamSeq  the acked stream sequence
     * @param deliverSeq the consumer sequence in the ack subject
     * @param sink       told of each stream sequence the ack released, or null when nobody needs them (limits
     *                   retention)
     * @return how many messages the ack released; 0 when it changed nothing
     */
    public int ack(long streamSeq, long deliverSeq, ReleasedSink sink) {
        if (streamSeq <= 0 || streamSeq >= nextStreamSeq) {
            return 0;
        }
        switch (ackPolicy) {
            case EXPLICIT -> {
                if (!deliveries.isEmpty()) {
                    deliveries.remove(streamSeq);
                }
                removeFromRedeliverQueue(streamSeq);
                int pos = pending.find(streamSeq);
                if (pos < 0) {
                    return 0;
                }
                long dseq = pending.deliverSeqAt(pos);
                pending.removeAt(pos);
                moveAckFloor(dseq, streamSeq);
                if (sink != null) {
                    sink.released(streamSeq);
                }
                return 1;
            }
            case ALL, FLOW_CONTROL -> {
                if (deliverSeq <= ackFloorDeliver || streamSeq <= ackFloorStream) {
                    return 0;
                }
                ackFloorDeliver = deliverSeq;
                ackFloorStream = streamSeq;
                return releaseUpTo(streamSeq, sink);
            }
            default -> {
                return 0;
            }
        }
    }

    /**
     * Twin of {@code processNak}.
     *
     * @param streamSeq  the message
     * @param deliverSeq the consumer sequence in the ack subject
     * @param delayNanos the requested delay, or -1 for redelivery as soon as possible
     * @param nowNanos   wall-clock now
     * @return true if the message was pending and the NAK was taken
     */
    public boolean nak(long streamSeq, long deliverSeq, long delayNanos, long nowNanos) {
        if (deliverSeq <= ackFloorDeliver || deliverSeq >= nextDeliverSeq) {
            return false;
        }
        int pos = pending.find(streamSeq);
        if (pos < 0) {
            return false;
        }
        if (delayNanos >= 0) {
            removeFromRedeliverQueue(streamSeq);
            pending.setTimestampAt(pos, nowNanos - ackWaitNanos + delayNanos);
            return true;
        }
        addToRedeliverQueue(streamSeq);
        return true;
    }

    /**
     * Twin of {@code progressUpdate}: +WPI restarts the ack wait.
     *
     * @param streamSeq the message
     * @param nowNanos  wall-clock now
     */
    public void progress(long streamSeq, long nowNanos) {
        int pos = pending.find(streamSeq);
        if (pos >= 0) {
            pending.setTimestampAt(pos, nowNanos);
        }
    }

    /**
     * Twin of {@code checkPending}: queues every pending message whose ack wait (or backoff step) has passed,
     * drops those already delivered max_deliver times, and drops those below the stream's first sequence.
     *
     * @param nowNanos       wall-clock now
     * @param streamFirstSeq the stream's first sequence (messages below it are gone)
     * @return nanoseconds until the next check is due, or -1 when nothing is pending
     */
    public long checkPending(long nowNanos, long streamFirstSeq) {
        if (ackWaitNanos <= 0 || pending.isEmpty()) {
            return pending.isEmpty() ? -1 : ackWaitNanos;
        }
        long next = backoffNanos.length > 0 ? backoffNanos[backoffNanos.length - 1] : ackWaitNanos;
        List<Long> expired = null;
        List<Long> maxed = null;
        for (int pos = pending.first(); pos >= 0; ) {
            long seq = pending.streamSeqAt(pos);
            if (seq < streamFirstSeq) {
                long dseq = pending.deliverSeqAt(pos);
                int nextPos = pending.next(pos);
                pending.removeAt(pos);
                pos = nextPos;
                deliveries.remove(seq);
                removeFromRedeliverQueue(seq);
                ackFloorStream = Math.max(ackFloorStream, seq);
                ackFloorDeliver = Math.max(ackFloorDeliver, dseq);
                continue;
            }
            long deadline = deadlineNanos(seq);
            long elapsed = nowNanos - pending.timestampAt(pos);
            if (elapsed >= deadline) {
                if (maxDeliver > 0 && deliveryCount(seq) >= maxDeliver) {
                    maxed = add(maxed, seq);
                } else if (!onRedeliverQueue.contains(seq)) {
                    expired = add(expired, seq);
                }
            } else {
                next = Math.min(next, deadline - elapsed);
            }
            pos = pending.next(pos);
        }
        if (maxed != null) {
            for (long seq : maxed) {
                int pos = pending.find(seq);
                long dseq = pending.deliverSeqAt(pos);
                pending.removeAt(pos);
                removeFromRedeliverQueue(seq);
                moveAckFloor(dseq, seq);
                maxDeliveriesListener.onMaxDeliveries(seq, deliveryCount(seq));
            }
        }
        if (expired != null) {
            for (long seq : expired) {
                addToRedeliverQueue(seq);
            }
        }
        if (pending.isEmpty()) {
            redeliverQueue.clear();
            onRedeliverQueue.clear();
            ackFloorDeliver = nextDeliverSeq - 1;
            ackFloorStream = nextStreamSeq - 1;
            return -1;
        }
        return Math.max(1, next);
    }

    /**
     * Queues every pending message for redelivery at once (deliver subject changed).
     */
    public void expireAll() {
        for (int pos = pending.first(); pos >= 0; pos = pending.next(pos)) {
            addToRedeliverQueue(pending.streamSeqAt(pos));
        }
    }

    /**
     * Twin of {@code resetLocalStartingSeq}: forgets every pending and redelivered message and starts again at
     * {@code streamSeq} with consumer sequence 1.
     *
     * @param streamSeq the next stream sequence to deliver
     */
    public void reset(long streamSeq) {
        pending.clear();
        deliveries.clear();
        redeliverQueue.clear();
        onRedeliverQueue.clear();
        nextStreamSeq = streamSeq;
        nextDeliverSeq = 1;
        ackFloorDeliver = 0;
        ackFloorStream = streamSeq - 1;
    }

    /**
     * Restores persisted state.
     *
     * @param state the state read back
     */
    public void restore(ConsumerState state) {
        nextDeliverSeq = state.deliveredConsumerSeq() + 1;
        nextStreamSeq = state.deliveredStreamSeq() + 1;
        ackFloorDeliver = state.ackFloorConsumerSeq();
        ackFloorStream = state.ackFloorStreamSeq();
        pending.clear();
        deliveries.clear();
        List<ConsumerState.PendingEntry> entries = new ArrayList<>(state.pending());
        entries.sort(java.util.Comparator.comparingLong(ConsumerState.PendingEntry::streamSeq));
        for (ConsumerState.PendingEntry e : entries) {
            pending.add(e.streamSeq(), e.consumerSeq(), e.timestampNanos());
        }
        for (ConsumerState.RedeliveredEntry e : state.redelivered()) {
            deliveries.put(e.streamSeq(), e.deliveries());
        }
    }

    /** @return the state to persist, copied into flat arrays (cheap enough to take under the consumer's monitor) */
    ConsumerStateImage image() {
        long[] p = new long[pending.size() * 3];
        int i = 0;
        for (int pos = pending.first(); pos >= 0; pos = pending.next(pos)) {
            p[i++] = pending.streamSeqAt(pos);
            p[i++] = pending.deliverSeqAt(pos);
            p[i++] = pending.timestampAt(pos);
        }
        long[] r = new long[deliveries.size() * 2];
        int j = 0;
        for (var e : deliveries.entrySet()) {
            r[j++] = e.getKey();
            r[j++] = e.getValue();
        }
        return new ConsumerStateImage(nextDeliverSeq - 1, nextStreamSeq - 1, ackFloorDeliver, ackFloorStream, p, r);
    }

    /** @return the state to persist */
    public ConsumerState snapshot() {
        List<ConsumerState.PendingEntry> p = new ArrayList<>(pending.size());
        for (int pos = pending.first(); pos >= 0; pos = pending.next(pos)) {
            p.add(new ConsumerState.PendingEntry(pending.streamSeqAt(pos), pending.deliverSeqAt(pos),
                pending.timestampAt(pos)));
        }
        List<ConsumerState.RedeliveredEntry> r = new ArrayList<>(deliveries.size());
        for (var e : deliveries.entrySet()) {
            r.add(new ConsumerState.RedeliveredEntry(e.getKey(), e.getValue()));
        }
        return new ConsumerState(nextDeliverSeq - 1, nextStreamSeq - 1, ackFloorDeliver, ackFloorStream, p, r);
    }

    private long deadlineNanos(long seq) {
        if (backoffNanos.length == 0) {
            return ackWaitNanos;
        }
        long dc = deliveryCount(seq);
        int i = (int) Math.min(dc - 1, backoffNanos.length - 1);
        return backoffNanos[Math.max(0, i)];
    }

    private void moveAckFloor(long deliverSeq, long streamSeq) {
        if (pending.isEmpty()) {
            ackFloorDeliver = nextDeliverSeq - 1;
            ackFloorStream = nextStreamSeq - 1;
        } else if (deliverSeq == ackFloorDeliver + 1) {
            ackFloorDeliver = deliverSeq;
            ackFloorStream = streamSeq;
            int next = pending.higher(streamSeq);
            if (next >= 0) {
                ackFloorDeliver = pending.deliverSeqAt(next) - 1;
                ackFloorStream = pending.streamSeqAt(next) - 1;
            }
        }
    }

    /** Drops every pending entry at or below {@code streamSeq}, from the front. @return how many */
    private int releaseUpTo(long streamSeq, ReleasedSink sink) {
        int n = 0;
        boolean redelivered = !deliveries.isEmpty() || !onRedeliverQueue.isEmpty();
        for (int pos = pending.first(); pos >= 0 && pending.streamSeqAt(pos) <= streamSeq; pos = pending.first()) {
            long s = pending.streamSeqAt(pos);
            pending.removeAt(pos);
            n++;
            if (sink != null) {
                sink.released(s);
            }
            if (redelivered) {
                deliveries.remove(s);
                removeFromRedeliverQueue(s);
            }
        }
        return n;
    }

    private void addToRedeliverQueue(long seq) {
        if (onRedeliverQueue.add(seq)) {
            redeliverQueue.add(seq);
        }
    }

    private void removeFromRedeliverQueue(long seq) {
        if (!onRedeliverQueue.isEmpty() && onRedeliverQueue.remove(seq)) {
            redeliverQueue.remove(seq);
        }
    }

    private static List<Long> add(List<Long> list, long seq) {
        List<Long> l = list == null ? new ArrayList<>() : list;
        l.add(seq);
        return l;
    }
}
