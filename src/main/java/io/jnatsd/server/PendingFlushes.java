package io.jnatsd.server;

import io.jnatsd.protocol.PubArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The targets a reading connection appended to during one read batch, flushed once each when
 * the batch ends (the reference's {@code pcd} map and {@code flushClients}). This is where the
 * per-read batching gets its speed: one wake-up per target per read, not per message.
 *
 * <p>Design note: each target carries a mark, the batch that last listed it, so that a reading connection
 * fanning out to the same few subscribers message after message finds each one listed in one read, not a scan
 * per delivery. The mark is only a hint: it is written without a lock, and when two batches (two publishers'
 * event loops) list the same target they overwrite each other's mark and fall back to the scan. A batch sets
 * its mark only on a target it lists and clears it, if still its own, before it forgets the target, so a
 * batch never sees its own mark on a target it does not list. Opaque access keeps each thread's view of one
 * mark in order.
 *
 * <p>A staging batch (a route's reads: one RMSG fanned out to many local subscribers) goes further: it encodes the
 * MSG lines for each target into a heap buffer of its own, without the target's lock, and copies them to the
 * target once, when the buffer is full or when the batch ends ({@link Outbound#appendStaged}). That is one lock and
 * one admission per target per read instead of one per message, and the encoding writes into memory that stays in
 * the cache (the batch keeps its buffers from read to read). The messages of one batch reach each target in the
 * order they were staged, after whatever the target had queued when the batch copies them; no other order is
 * promised between publishers anyway. A staging batch never stages for its own connection.
 *
 * <p>Event loop only: owned by the reading connection.
 */
public final class PendingFlushes {

    /** {@code Outbound.flushMark}: the batch that last listed the target. */
    static final VarHandle MARK;

    static {
        try {
            MARK = MethodHandles.privateLookupIn(Outbound.class, MethodHandles.lookup())
                    .findVarHandle(Outbound.class, "flushMark", PendingFlushes.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Up to this many targets a linear scan finds duplicates faster than a hash set. */
    private static final int LINEAR_SCAN_LIMIT = 16;
    /** A staging buffer's first size. */
    private static final int MIN_STAGING_BYTES = 4096;
    /** A staging buffer grows to this size; then it is copied to its target when full. A larger message is not staged. */
    private static final int MAX_STAGING_BYTES = 64 * 1024;
    /**
     * A batch stages for its first this many targets; later ones in the same batch get locked appends. Bounds the
     * heap a batch keeps to this many buffers of at most {@link #MAX_STAGING_BYTES}.
     */
    static final int MAX_STAGED_TARGETS = 32;

    private final ArrayList<Outbound> targets = new ArrayList<>();
    /** Made when the batch first passes {@link #LINEAR_SCAN_LIMIT} targets: most batches have one or two. */
    private Set<Outbound> index;
    private NetworkConnection stalledOn;
    /** Whether this batch stages (see the class comment). */
    private final boolean staging;
    /**
     * Staging only: the buffer of {@code targets.get(i)}, with the message and byte counts of what it holds. The
     * buffers are heap buffers kept from batch to batch (slot {@code i} serves whatever target is listed at {@code i}).
     */
    private ByteBuf[] staged = new ByteBuf[0];
    private long[] stagedMsgs = new long[0];
    private long[] stagedBytes = new long[0];
    /** Staging only: the message being fanned out, encoded once for all its targets. */
    private final FanoutEncoder encoder = new FanoutEncoder();
    /** Staging only: the target of the last {@link #stageMsg} and its index, the common case of a fan-out. */
    private Outbound lastStaged;
    private int lastStagedIndex;

    /** A batch that appends to each target under its lock, message by message. */
    public PendingFlushes() {
        this(false);
    }

    /** @param staging whether this batch stages its messages (see the class comment) */
    public PendingFlushes(boolean staging) {
        this.staging = staging;
    }

    /** Whether this batch stages its messages rather than appending them one by one. */
    public boolean staging() {
        return staging;
    }

    /**
     * Staging batches only: encodes {@code msg} for subscription {@code sid} of {@code target} into this batch's
     * buffer for it (the MSG line of {@link Outbound#appendMsg}, or of {@link Outbound#appendMsgWithoutHeaders} when
     * {@code withoutHeaders}), and lists the target.
     *
     * @return {@link Outbound#ACCEPTED}, or what handing off a full buffer returned: {@link Outbound#STALLED},
     *         {@link Outbound#SLOW_CONSUMER} or {@link Outbound#CLOSED} (then nothing was staged)
     */
    public int stageMsg(Outbound target, PubArgs msg, byte[] sid, boolean withoutHeaders) {
        if (target.isClosed()) {
            return Outbound.CLOSED;
        }
        int i = target == lastStaged ? lastStagedIndex : stagingIndex(target);
        if (i >= MAX_STAGED_TARGETS) {
            return withoutHeaders ? target.appendMsgWithoutHeaders(msg, sid) : target.appendMsg(msg, sid);
        }
        int size = withoutHeaders ? Outbound.msgWithoutHeadersSize(msg, sid) : Outbound.msgSize(msg, sid);
        ByteBuf out = staged[i];
        int status = Outbound.ACCEPTED;
        if (out.writableBytes() < size) {
            if (out.writerIndex() + size > MAX_STAGING_BYTES) {
                if (stagedMsgs[i] > 0) {
                    status = copyOut(i);
                    if (status < 0) {
                        return status;
                    }
                }
                if (size > MAX_STAGING_BYTES) {
                    return withoutHeaders ? target.appendMsgWithoutHeaders(msg, sid) : target.appendMsg(msg, sid);
                }
            }
            out.ensureWritable(size);
        }
        encoder.encode(msg, withoutHeaders);
        encoder.writeTo(out, sid);
        stagedBytes[i] += withoutHeaders ? msg.totalSize() - msg.headerSize() : msg.totalSize();
        stagedMsgs[i]++;
        return status;
    }

    /** Lists {@code target} if it is not yet, and returns its index. */
    private int stagingIndex(Outbound target) {
        ArrayList<Outbound> list = targets;
        int i = target.stagingIndexHint;
        if (i >= list.size() || list.get(i) != target) {
            add(target);
            i = list.get(list.size() - 1) == target ? list.size() - 1 : list.indexOf(target);
            target.stagingIndexHint = i;
            if (i >= staged.length && i < MAX_STAGED_TARGETS) {
                int n = Math.min(MAX_STAGED_TARGETS, Math.max(8, staged.length * 2));
                int old = staged.length;
                staged = Arrays.copyOf(staged, n);
                stagedMsgs = Arrays.copyOf(stagedMsgs, n);
                stagedBytes = Arrays.copyOf(stagedBytes, n);
                for (int k = old; k < n; k++) {
                    // Heap memory the collector owns: nothing to release when the batch goes.
                    staged[k] = Unpooled.buffer(MIN_STAGING_BYTES, MAX_STAGING_BYTES);
                }
            }
        }
        lastStaged = target;
        lastStagedIndex = i;
        return i;
    }

    /** Copies what is staged for target {@code i} to it and empties the slot; returns what the target said. */
    private int copyOut(int i) {
        ByteBuf out = staged[i];
        int status = targets.get(i).appendStaged(out, stagedMsgs[i], stagedBytes[i]);
        out.clear();
        stagedMsgs[i] = 0;
        stagedBytes[i] = 0;
        return status;
    }

    /** Remembers {@code target} for the end of this batch, once. */
    public void add(Outbound target) {
        if (MARK.getOpaque(target) == this) {
            return;
        }
        addListed(target);
        MARK.setOpaque(target, this);
    }

    private void addListed(Outbound target) {
        int n = targets.size();
        if (n < LINEAR_SCAN_LIMIT) {
            for (int i = 0; i < n; i++) {
                if (targets.get(i) == target) {
                    return;
                }
            }
            targets.add(target);
            if (n + 1 == LINEAR_SCAN_LIMIT) {
                if (index == null) {
                    index = Collections.newSetFromMap(new IdentityHashMap<>());
                }
                index.addAll(targets);
            }
        } else if (index.add(target)) {
            targets.add(target);
        }
    }

    boolean isEmpty() {
        return targets.isEmpty();
    }

    /** A target said it is nearly full: the reading connection should pause after this batch. */
    void noteStalled(NetworkConnection target) {
        if (stalledOn == null) {
            stalledOn = target;
        }
    }

    /** The first target that stalled in this batch, or null; forgets it. */
    NetworkConnection takeStalled() {
        NetworkConnection c = stalledOn;
        stalledOn = null;
        return c;
    }

    /** Flushes every target once (handing off what was staged for it first) and forgets them. */
    public void flushAll() {
        ArrayList<Outbound> list = targets;
        int n = list.size();
        if (staging) {
            lastStaged = null;
            encoder.forget();
            int stagedTargets = Math.min(n, staged.length);
            for (int i = 0; i < stagedTargets; i++) {
                if (stagedMsgs[i] > 0) {
                    copyOut(i);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Outbound target = list.get(i);
            // Forgotten below: take the mark off first (unless another batch has overwritten it).
            MARK.compareAndExchange(target, this, null);
            target.flush();
        }
        list.clear();
        if (n >= LINEAR_SCAN_LIMIT) {
            index.clear();
        }
    }
}
