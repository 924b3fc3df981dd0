package io.jnatsd.server;

import java.util.ArrayList;
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
 * <p>Event loop only: owned by the reading connection.
 */
public final class PendingFlushes {

    /** Up to this many targets a linear scan finds duplicates faster than a hash set. */
    private static final int LINEAR_SCAN_LIMIT = 16;

    private final ArrayList<Outbound> targets = new ArrayList<>();
    /** Made when the batch first passes {@link #LINEAR_SCAN_LIMIT} targets: most batches have one or two. */
    private Set<Outbound> index;
    private NetworkConnection stalledOn;

    /** Remembers {@code target} for the end of this batch, once. */
    public void add(Outbound target) {
        if (target.isFlushMarkedBy(this)) {
            return;
        }
        addListed(target);
        target.setFlushMark(this);
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

    /** Flushes every target once and forgets them. */
    public void flushAll() {
        ArrayList<Outbound> list = targets;
        int n = list.size();
        for (int i = 0; i < n; i++) {
            Outbound target = list.get(i);
            // Forgotten below: take the mark off first (unless another batch has overwritten it).
            target.clearFlushMark(this);
            target.flush();
        }
        list.clear();
        if (n >= LINEAR_SCAN_LIMIT) {
            index.clear();
        }
    }
}
