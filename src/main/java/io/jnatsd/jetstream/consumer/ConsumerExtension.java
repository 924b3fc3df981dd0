package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.JetStreamExtension;
import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.Stream;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the consumer room with JetStream: the worker threads and timer of all consumers, the
 * {@code $JS.API.CONSUMER.*} handlers and the recovery of file consumers when an account's streams come up.
 *
 * <p>Threading: {@link #start} and {@link #stop} are called once by {@link JetStreamModule}.
 */
public final class ConsumerExtension implements JetStreamExtension {
    private ExecutorService workers;
    private ScheduledThreadPoolExecutor timers;
    private ConsumerRegistry registry;

    @Override
    public void start(JetStreamModule module) {
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jnatsd-js-consumer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jnatsd-js-consumer-timer");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        registry = new ConsumerRegistry(workers, timers);
        new ConsumerApi(registry).registerOn(module.router());
        module.engine().setConsumerSnapshots(new StreamConsumerSnapshots(registry));
        module.engine().addAccountListener(this::recover);
    }

    private void recover(AccountStreams account) {
        for (Stream s : account.streams()) {
            registry.of(s).recover();
        }
    }

    @Override
    public void stop() {
        if (registry == null) {
            return;
        }
        registry.shutdown();
        timers.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry = null;
    }
}
