package io.jnatsd.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two stop requests at once (two SIGUSR2, or a signal and an embedder's shutdown): one runs, none fails. */
@Timeout(30)
class ConcurrentStopIntegrationTest {

    private static final int CALLERS = 4;

    /** A way to stop the server; lame duck mode may be interrupted. */
    @FunctionalInterface
    private interface StopCall {
        void run() throws Exception;
    }

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream(
        o -> o.lameDuckDuration(Duration.ofMillis(200)).lameDuckGracePeriod(Duration.ofMillis(50)));

    @Test
    void shouldStopOnce_whenLameDuckRequestsRace() throws Exception {
        NatsServer server = jnatsd.server();
        assertStopsOnce(server, server::enterLameDuckMode);
    }

    @Test
    void shouldStopOnce_whenShutdownsRace() throws Exception {
        NatsServer server = jnatsd.server();
        assertStopsOnce(server, server::shutdown);
    }

    /** With JetStream holding a stream, runs {@code stop} from several threads at once: none fails, it stops. */
    private void assertStopsOnce(NatsServer server, StopCall stop) throws Exception {
        withStream();

        List<CompletableFuture<Void>> calls = racing(stop);

        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(server.awaitShutdown(5, TimeUnit.SECONDS)).isTrue();
    }

    private void withStream() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("STOP").subjects("stop.>")
            .storageType(StorageType.File).build());
        nc.jetStream().publish("stop.x", new byte[] {1});
        nc.close();
    }

    /** Starts {@link #CALLERS} threads that run {@code call} together; a failure completes its future with it. */
    private static List<CompletableFuture<Void>> racing(StopCall call) {
        CyclicBarrier start = new CyclicBarrier(CALLERS);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            Thread.ofPlatform().name("test-stop-" + i).daemon().start(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    call.run();
                    f.complete(null);
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
            calls.add(f);
        }
        return calls;
    }
}
