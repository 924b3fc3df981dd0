package io.jnatsd.jetstream.consumer;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: a consumer's own thread of control
 * without a thread of its own (Aeron's agent on a shared runner). Tasks never run on the submitter's thread.
 *
 * <p>Thread-safe.
 */
public final class SerialWorker implements Executor {

    /** Tasks run per turn before the worker yields its executor thread to others. */
    private static final int TASKS_PER_TURN = 64;

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

    private void drain() {
        for (int i = 0; i < TASKS_PER_TURN; i++) {
            Runnable r = tasks.poll();
            if (r == null) {
                break;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SerialWorker.class).warn("consumer task failed", e);
            }
        }
        scheduled.set(false);
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }
}
