package io.jnatsd.jetstream.api;

import java.util.concurrent.TimeUnit;

/**
 * The flow control of a snapshot transfer ({@code streamSnapshot} in {@code server/jetstream_api.go}): one slot per
 * chunk in flight, taken before a chunk is sent and given back by the receiver's ack, and the receiver's interest in
 * the deliver subject.
 *
 * <p>Threading: thread-safe; {@link #acquire} and {@link #awaitInterest} block the sending thread, the other
 * methods are called from the publishers' threads.
 */
final class ChunkWindow {
    /** {@link #acquire}: a slot was taken. */
    static final int SLOT = 0;
    /** {@link #acquire}: the receiver unsubscribed. */
    static final int NO_INTEREST = -1;
    /** {@link #acquire}: no ack came before the deadline. */
    static final int TIMEOUT = -2;

    private final int maxSlots;
    private int freeSlots;
    private boolean interest;
    private boolean interestLost;

    /** @param maxSlots chunks in flight at most (at least 1) */
    ChunkWindow(int maxSlots) {
        this.maxSlots = Math.max(1, maxSlots);
        this.freeSlots = this.maxSlots;
    }

    /** A chunk was acked. */
    synchronized void onAck() {
        if (freeSlots < maxSlots) {
            freeSlots++;
        }
        notifyAll();
    }

    /** @param has whether the deliver subject has a subscriber now */
    synchronized void onInterest(boolean has) {
        if (interest && !has) {
            interestLost = true;
        }
        interest = has;
        notifyAll();
    }

    /**
     * Waits a little for the receiver to subscribe: clients subscribe once they have the snapshot response.
     *
     * @param timeoutNanos how long at most
     * @return true once there is interest
     * @throws InterruptedException if interrupted
     */
    synchronized boolean awaitInterest(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!interest) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * @param deadlineNanos {@link System#nanoTime()} by which a slot must be free
     * @return {@link #SLOT}, {@link #NO_INTEREST} or {@link #TIMEOUT}
     * @throws InterruptedException if interrupted
     */
    synchronized int acquire(long deadlineNanos) throws InterruptedException {
        while (true) {
            if (interestLost) {
                return NO_INTEREST;
            }
            if (freeSlots > 0) {
                freeSlots--;
                return SLOT;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return TIMEOUT;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
