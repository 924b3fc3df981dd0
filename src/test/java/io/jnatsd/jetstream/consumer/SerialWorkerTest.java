package io.jnatsd.jetstream.consumer;

import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SerialWorkerTest {

    private static void onEventLoop(Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new FastThreadLocalThread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(t.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
    }

    @Test
    @Timeout(20)
    void shouldRunQueuedTaskAfterwards_whenSubmittedWhileEnteredHere() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            SerialWorker w = new SerialWorker(executor);
            List<String> order = new CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            onEventLoop(() -> {
                assertThat(w.enterHere()).isTrue();
                try {
                    order.add("here");
                    assertThat(w.enterHere()).isFalse(); // nested: the caller must queue instead
                    w.execute(() -> {
                        order.add("queued");
                        done.countDown();
                    });
                    order.add("here-end");
                } finally {
                    w.leaveHere();
                }
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactly("here", "here-end", "queued");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    @Timeout(20)
    void shouldNotEnter_whenCallerIsNotAnEventLoopOrWorkerIsBusy() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            SerialWorker w = new SerialWorker(executor);
            assertThat(w.enterHere()).isFalse(); // a plain thread always queues
            java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            w.execute(() -> {
                running.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean entered = new AtomicBoolean(true);
            onEventLoop(() -> entered.set(w.enterHere()));
            assertThat(entered.get()).isFalse();
            release.countDown();
            java.util.concurrent.CountDownLatch after = new java.util.concurrent.CountDownLatch(1);
            w.execute(after::countDown);
            assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }
}
