package io.jnatsd.jetstream.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A consumer's housekeeping timers: push idle heartbeats (twin of the heartbeat case of
 * {@code loopAndGatherMsgs}), deletion after {@code inactive_threshold} (twin of {@code deleteNotActive}) and the
 * coalesced write of a file consumer's state, written at once (group commit) when a double ack waits for it.
 *
 * <p>Threading: timers only enqueue work on the consumer's worker; the work takes the consumer's monitor.
 */
final class ConsumerHousekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerHousekeeping.class);
    /**
     * How long a dirty file consumer waits before writing its state: at most ten writes a second under load, as the
     * reference's consumer flusher ({@code minTime} of {@code consumerFileStore.flushLoop}). What a crash may lose
     * is in docs/durability.md.
     */
    static final long PERSIST_DELAY_MILLIS = 100;
    private static final byte[] EMPTY = new byte[0];

    private ConsumerHousekeeping() {
    }

    static void armHeartbeat(Consumer c) {
        long hb = c.config.idleHeartbeatNanos();
        if (hb <= 0 || c.closed) {
            return;
        }
        long idle = c.host.nowNanos() - c.push.lastSentNanos;
        long delay = c.push.lastSentNanos == 0 || idle >= hb ? hb : hb - idle;
        c.push.heartbeatTimer = c.host.scheduler().schedule(() -> c.worker.execute(() -> heartbeat(c)), delay,
            TimeUnit.NANOSECONDS);
    }

    private static void heartbeat(Consumer c) {
        synchronized (c) {
            if (c.closed) {
                return;
            }
            long hb = c.config.idleHeartbeatNanos();
            long now = c.host.nowNanos();
            if (c.push.active && (c.push.lastSentNanos == 0 || now - c.push.lastSentNanos >= hb - hb / 10)) {
                c.sendStatus(c.config.deliverSubject(), StatusMessages.idleHeartbeat(
                    c.tracker.deliveredConsumerSeq(), c.tracker.deliveredStreamSeq(), c.push.flowControlId));
                c.push.lastSentNanos = now;
            }
            armHeartbeat(c);
        }
    }

    static void armDeleteTimer(Consumer c) {
        if (c.deleteTimer != null) {
            c.deleteTimer.cancel(false);
            c.deleteTimer = null;
        }
        long threshold = c.config.inactiveThresholdNanos();
        if (threshold <= 0 || c.closed) {
            return;
        }
        c.deleteTimer = c.host.scheduler().schedule(() -> c.worker.execute(() -> checkInactive(c)), threshold,
            TimeUnit.NANOSECONDS);
    }

    /** Twin of {@code deleteNotActive}. */
    private static void checkInactive(Consumer c) {
        synchronized (c) {
            if (c.closed) {
                return;
            }
            long threshold = c.config.inactiveThresholdNanos();
            long idle = c.host.nowNanos() - c.lastActivityNanos;
            boolean busy = c.config.isPush() ? c.push.active : !c.waiting.isEmpty();
            if (threshold <= 0 || busy || idle < threshold) {
                armDeleteTimer(c);
                return;
            }
        }
        c.stop(true);
        c.host.removeSelf(c);
    }

    static void markDirty(Consumer c) {
        if (c.stateFile == null || c.persistTimer != null || c.closed) {
            return;
        }
        c.persistTimer = c.host.scheduler().schedule(() -> persistState(c), PERSIST_DELAY_MILLIS,
            TimeUnit.MILLISECONDS);
    }

    /**
     * A double ack waits for its confirmation: the state is written at once (not after the coalescing delay) and the
     * reply goes out once a state that holds the ack is on disk. Acks that arrive meanwhile share the write (group
     * commit). Caller holds the consumer's monitor.
     *
     * @param c     a file consumer
     * @param reply the double ack's reply subject
     */
    static void confirmWhenDurable(Consumer c, String reply) {
        c.repliesAwaitingWrite.add(reply);
        if (c.persistTimer != null && !c.persistTimer.cancel(false)) {
            return; // started: it takes its snapshot after we release the monitor, so it carries this ack
        }
        c.persistTimer = c.host.scheduler().schedule(() -> persistState(c), 0, TimeUnit.MILLISECONDS);
    }

    /** On the timer thread: snapshot under the monitor, write (with fsync) outside it so delivery goes on. */
    private static void persistState(Consumer c) {
        ConsumerStateImage snapshot;
        long generation;
        List<String> replies;
        synchronized (c) {
            c.persistTimer = null;
            if (c.closed) {
                return;
            }
            snapshot = c.tracker.image();
            generation = ++c.stateGeneration;
            replies = takeReplies(c);
        }
        try {
            c.stateFile.writeStateIfNewer(snapshot, generation);
        } catch (IOException e) {
            LOG.warn("consumer '{} > {}': state file: {}", c.stream, c.name, e.toString());
            return; // no confirmation for acks that are not on disk
        }
        for (String reply : replies) {
            c.host.publish(reply, null, null, EMPTY);
        }
    }

    /**
     * Stop without deleting: writes the state and confirms the double acks that wait for it. Caller holds the
     * consumer's monitor.
     *
     * @param c a file consumer
     */
    static void saveOnStop(Consumer c) {
        try {
            c.stateFile.writeStateIfNewer(c.tracker.image(), ++c.stateGeneration);
        } catch (IOException e) {
            LOG.warn("consumer '{} > {}': state file: {}", c.stream, c.name, e.toString());
            return;
        }
        for (String reply : takeReplies(c)) {
            c.host.publish(reply, null, null, EMPTY);
        }
    }

    private static List<String> takeReplies(Consumer c) {
        if (c.repliesAwaitingWrite.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(c.repliesAwaitingWrite);
        c.repliesAwaitingWrite.clear();
        return out;
    }
}
