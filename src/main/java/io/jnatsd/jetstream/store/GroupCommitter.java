package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file store's sync thread: many appends share one fsync, and each waiter is released by the first fsync
 * that covers its sequence (group commit, as BookKeeper's journal).
 *
 * <p>Design note: a sync round is prepare (under the store lock: write out buffers, note the last sequence
 * and the blocks to force) then force (without the store lock, so appends go on) then release. Appends that
 * arrive while a force runs are covered by the next round, which is how rounds grow under load. Triggers are
 * named predicates: {@link #waitersPresent()} and {@link #intervalElapsed(long)}, and a round waits for
 * a burst of appends to end ({@link #awaitQuietAppends()}), as BookKeeper's journal flushes on an empty queue;
 * except right after a round during which appends arrived: those have waited a whole fsync already, so the next
 * round starts at once (a steady stream of appends keeps the device forcing back to back).
 * A block roll hands its sealed block here ({@link #sealed()}): forcing it and writing its index file happen
 * on this thread, after any round that is due, so the appending thread never waits for a block's fsync.
 *
 * <p>Threading: {@link #await}, {@link #durableSeq} and {@link #stop} are thread-safe; futures complete on the
 * sync thread (use the {@code ...Async} variants to leave it).
 */
final class GroupCommitter {

    /** What a sync round must force, decided under the store lock. */
    interface Target {
        /**
         * Writes out buffers and lists what to force. Takes the store lock itself.
         *
         * @return the batch
         * @throws IOException if a write fails
         */
        Batch prepare() throws IOException;

        /** @return the last sequence appended so far; read without the store lock */
        long appendedSeq();

        /**
         * Forces the blocks sealed since the last call and writes their index files (the work a block roll
         * hands to this thread). Takes the store lock itself, never while it forces. Best effort: a block left
         * without an index is scanned on the next open.
         */
        void indexSealed();
    }

    /**
     * @param seq        the last sequence the round covers
     * @param blocks     blocks written since the last round
     * @param syncDirDir the store directory if files were created or removed, else null
     */
    record Batch(long seq, List<MessageBlock> blocks, java.nio.file.Path syncDirDir) { }

    private record Waiter(long seq, CompletableFuture<Long> future) { }

    /** How long appends must pause before a round starts (see {@link #awaitQuietAppends()}). */
    static final long QUIET_CHECK_NANOS = 50_000L;

    private final FileIo io;
    private final DurabilityPolicy policy;
    private final Target target;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.seq, b.seq));
    private final Thread thread;
    private volatile long durableSeq;
    private volatile Throwable failure;
    private boolean running = true;
    /** A block was sealed: {@link Target#indexSealed()} has work. */
    private boolean sealedPending;
    private long rounds;

    /**
     * @param io         the file operations
     * @param name       thread name suffix
     * @param policy     the durability policy
     * @param target     the store
     * @param durableSeq the sequence already durable (recovered)
     */
    GroupCommitter(FileIo io, String name, DurabilityPolicy policy, Target target, long durableSeq) {
        this.io = io;
        this.policy = policy;
        this.target = target;
        this.durableSeq = durableSeq;
        this.thread = Thread.ofVirtual().name("jnatsd-store-sync-" + name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** @return the highest sequence known to be forced to the device */
    long durableSeq() {
        return durableSeq;
    }

    /** @return sync rounds done (for tests and stats) */
    long rounds() {
        lock.lock();
        try {
            return rounds;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param seq a sequence handed out by the store
     * @return a future completed when {@code seq} is durable (at once in {@link DurabilityPolicy.Mode#INTERVAL})
     */
    CompletableFuture<Long> await(long seq) {
        if (seq <= durableSeq || policy.mode() == DurabilityPolicy.Mode.INTERVAL) {
            return CompletableFuture.completedFuture(seq);
        }
        CompletableFuture<Long> f = new CompletableFuture<>();
        lock.lock();
        try {
            if (failure != null) {
                f.completeExceptionally(new StoreException(StoreError.IO, failure));
                return f;
            }
            if (!running) {
                f.completeExceptionally(new StoreException(StoreError.CLOSED));
                return f;
            }
            waiters.add(new Waiter(seq, f));
            wake.signal();
        } finally {
            lock.unlock();
        }
        return f;
    }

    /** Wakes the sync thread to force a sealed block and write its index ({@link Target#indexSealed()}). */
    void sealed() {
        lock.lock();
        try {
            sealedPending = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private boolean waitersPresent() {
        return !waiters.isEmpty() && policy.mode() != DurabilityPolicy.Mode.INTERVAL;
    }

    private boolean intervalElapsed(long lastRoundNanos) {
        return System.nanoTime() - lastRoundNanos >= policy.syncIntervalNanos();
    }

    private void run() {
        long lastRound = System.nanoTime();
        boolean appendedDuringRound = false;
        while (true) {
            boolean round;
            boolean index;
            lock.lock();
            try {
                while (running && !waitersPresent() && !sealedPending && !intervalElapsed(lastRound)) {
                    long left = policy.syncIntervalNanos() - (System.nanoTime() - lastRound);
                    wake.awaitNanos(Math.max(left, 1));
                }
                if (!running) {
                    return;
                }
                round = waitersPresent() || intervalElapsed(lastRound);
                index = sealedPending;
                sealedPending = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (round) {
                if (policy.maxWaitNanos() > 0 && !appendedDuringRound) {
                    awaitQuietAppends();
                }
                lastRound = System.nanoTime();
                long covered = runRound();
                appendedDuringRound = covered >= 0 && target.appendedSeq() > covered;
            }
            if (index) {
                target.indexSealed();
            }
        }
    }

    /**
     * The "empty queue" trigger: waits until no append arrived for {@link #QUIET_CHECK_NANOS}, at most
     * {@code maxWaitNanos}, so that a burst of appends is covered by one round instead of two.
     */
    private void awaitQuietAppends() {
        long deadline = System.nanoTime() + policy.maxWaitNanos();
        long seen = target.appendedSeq();
        while (System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(QUIET_CHECK_NANOS);
            long now = target.appendedSeq();
            if (now == seen) {
                return;
            }
            seen = now;
        }
    }

    /**
     * Runs one sync round on the calling thread.
     *
     * @return the last sequence it made durable, -1 if it failed
     */
    long runRound() {
        try {
            Batch b = target.prepare();
            for (MessageBlock blk : b.blocks()) {
                blk.force();
            }
            if (b.syncDirDir() != null) {
                io.syncDirectory(b.syncDirDir());
            }
            release(b.seq());
            return b.seq();
        } catch (IOException | RuntimeException e) {
            fail(e);
            return -1;
        }
    }

    /** Marks everything up to {@code seq} durable and releases its waiters. */
    void release(long seq) {
        List<Waiter> done = new ArrayList<>();
        lock.lock();
        try {
            rounds++;
            if (seq > durableSeq) {
                durableSeq = seq;
            }
            while (!waiters.isEmpty() && waiters.peek().seq <= seq) {
                done.add(waiters.poll());
            }
        } finally {
            lock.unlock();
        }
        for (Waiter w : done) {
            w.future.complete(w.seq);
        }
    }

    private void fail(Throwable t) {
        List<Waiter> done;
        lock.lock();
        try {
            failure = t;
            done = new ArrayList<>(waiters);
            waiters.clear();
        } finally {
            lock.unlock();
        }
        for (Waiter w : done) {
            w.future.completeExceptionally(new StoreException(StoreError.IO, t));
        }
    }

    /** Stops the sync thread after its current round; waiters left are released by the store's final sync. */
    void stop() {
        lock.lock();
        try {
            running = false;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails every waiter still queued (after close, when their sequence was not synced). */
    void failRemaining() {
        List<Waiter> done;
        lock.lock();
        try {
            done = new ArrayList<>(waiters);
            waiters.clear();
        } finally {
            lock.unlock();
        }
        for (Waiter w : done) {
            w.future.completeExceptionally(new StoreException(StoreError.CLOSED));
        }
    }
}
