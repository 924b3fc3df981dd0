package io.jnatsd.jetstream.consumer;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: a consumer's own thread of control
 * without a thread of its own (Aeron's agent on a shared runner).
 *
 * <p>Design note: {@link #execute} never runs the task on the submitter's thread. {@link #executeHere} does, when
 * the worker is idle and the submitter is a network thread (a Netty event loop) that is not already running a
 * worker's tasks: a pull request, an ack or a flow-control reply is then served on the thread that read it, and
 * the deliveries it causes are written to the requester's socket at once, with no hand-off to a worker thread and
 * back to the event loop (two thread wake-ups per request, which on a busy machine cost far more than the work).
 * At most {@value #INLINE_TASKS} tasks run there; the rest go to the executor.
 *
 * <p>Thread-safe.
 */
public final class SerialWorker implements Executor {

    /** Tasks run per turn before the worker yields its executor thread to others. */
    private static final int TASKS_PER_TURN = 64;
    /** Tasks run on a network thread before the rest is handed to the executor. */
    private static final int INLINE_TASKS = 4;
    /** True while this thread runs some worker's tasks in place: nested submissions are queued, not run. */
    private static final FastThreadLocal<Boolean> RUNNING_HERE = new FastThreadLocal<>() {
        @Override
        protected Boolean initialValue() {
            return Boolean.FALSE;
        }
    };

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param executor the shared executor */
    public SerialWorker(Executor executor) {
        this.executor = executor;
    }

    /** Thread-safe: queues the task. */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /**
     * Thread-safe: runs the task on the calling thread when the worker is idle and the caller is an event loop
     * not already inside a worker's task; queues it otherwise. Order with other tasks is kept either way.
     *
     * @param task the task
     */
    public void executeHere(Runnable task) {
        executeHere(task, INLINE_TASKS);
    }

    /**
     * Like {@link #executeHere(Runnable)}, with at most {@code maxTasks} tasks run in place (1: only this one; the
     * tasks it causes, such as a delivery turn, go to the executor).
     *
     * @param task     the task
     * @param maxTasks most tasks run on the calling thread
     */
    public void executeHere(Runnable task, int maxTasks) {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread) || RUNNING_HERE.get()) {
            execute(task);
            return;
        }
        Runnable first = null;
        if (scheduled.compareAndSet(false, true)) {
            if (tasks.isEmpty()) {
                first = task; // idle and nothing queued: run it without a queue node
            } else {
                tasks.add(task);
            }
        } else {
            tasks.add(task);
            if (!scheduled.compareAndSet(false, true)) {
                return;
            }
        }
        RUNNING_HERE.set(Boolean.TRUE);
        try {
            if (first != null) {
                runOne(first);
                runTasks(maxTasks - 1);
            } else {
                runTasks(maxTasks);
            }
        } finally {
            RUNNING_HERE.set(Boolean.FALSE);
        }
        release();
    }

    /**
     * Thread-safe: takes the worker on the calling event loop when it is idle and nothing is queued, so the caller
     * runs its task in place without making a task object; {@link #leaveHere()} must follow, in a finally block.
     *
     * @return true if the caller now holds the worker; false when it must {@link #executeHere} instead
     */
    public boolean enterHere() {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread) || RUNNING_HERE.get()
            || !tasks.isEmpty() || !scheduled.compareAndSet(false, true)) {
            return false;
        }
        if (!tasks.isEmpty()) {
            release();
            return false;
        }
        RUNNING_HERE.set(Boolean.TRUE);
        return true;
    }

    /** Gives back the worker taken by {@link #enterHere()}; tasks queued meanwhile go to the executor. */
    public void leaveHere() {
        RUNNING_HERE.set(Boolean.FALSE);
        release();
    }

    private void drain() {
        runTasks(TASKS_PER_TURN);
        release();
    }

    private void runTasks(int max) {
        for (int i = 0; i < max; i++) {
            Runnable r = tasks.poll();
            if (r == null) {
                break;
            }
            runOne(r);
        }
    }

    private static void runOne(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SerialWorker.class).warn("consumer task failed", e);
        }
    }

    private void release() {
        scheduled.set(false);
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }
}
