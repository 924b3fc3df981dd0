package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.jetstream.stream.StreamLifecycleListener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The consumers of every stream of the server: one {@link StreamConsumers} per live {@link Stream}, made on first
 * use and hooked to the stream's append and lifecycle signals.
 *
 * <p>Threading: thread-safe.
 */
public final class ConsumerRegistry {
    private final Map<Stream, StreamConsumers> byStream = new ConcurrentHashMap<>();
    private final Executor executor;
    private final ScheduledExecutorService scheduler;

    /**
     * @param executor  where consumer workers run
     * @param scheduler consumer timers
     */
    public ConsumerRegistry(Executor executor, ScheduledExecutorService scheduler) {
        this.executor = executor;
        this.scheduler = scheduler;
    }

    /**
     * @param stream a stream
     * @return its consumers
     */
    public StreamConsumers of(Stream stream) {
        return byStream.computeIfAbsent(stream, s -> {
            StreamConsumers sc = new StreamConsumers(s, executor, scheduler, c -> { });
            s.addAppendListener(sc);
            s.addLifecycleListener(sc);
            s.addLifecycleListener(new StreamLifecycleListener() {
                @Override
                public void onDeleted(Stream deleted) {
                    byStream.remove(deleted);
                }
            });
            return sc;
        });
    }

    /** Stops every consumer, keeping state (shutdown). */
    public void shutdown() {
        byStream.values().forEach(StreamConsumers::shutdown);
        byStream.clear();
    }
}
