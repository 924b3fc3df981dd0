package io.jnatsd.embed;

import io.jnatsd.testing.CheckFor;
import io.jnatsd.testing.RawNatsSocket;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.netty.util.internal.PlatformDependent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty embedded servers, one after another in this JVM, each with monitoring and a few
 * client connections that publish and subscribe, leave no thread, file descriptor or Netty
 * direct memory behind.
 */
@Timeout(120)
class JnatsdServerLeakTest {

    private static final int SERVERS = 20;
    private static final int WARM_UP_SERVERS = 2;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SETTLE_INTERVAL = Duration.ofMillis(50);
    /** File descriptors that may come and go on their own (class loading, the JIT, log files). */
    private static final int FD_SLACK = 3;
    /** One pooled chunk: arenas may keep a chunk they were given, which is caching, not a leak. */
    private static final long DIRECT_SLACK_BYTES = 4L * 1024 * 1024;

    @Test
    void shouldLeaveNoThreadsFdsOrDirectMemory_whenTwentyServersStartAndStopInTurn() throws Exception {
        for (int i = 0; i < WARM_UP_SERVERS; i++) {
            runOneServer(i % 2 == 0);
        }
        Snapshot before = settle(Snapshot.take());

        for (int i = 0; i < SERVERS; i++) {
            runOneServer(i % 2 == 0);
        }

        CheckFor.checkFor(SETTLE_TIMEOUT, SETTLE_INTERVAL, () -> {
            Snapshot after = Snapshot.take();
            assertThat(after.threadNames()).as("threads still alive").isSubsetOf(before.threadNames());
            assertThat(after.openFds()).as("open file descriptors").isLessThanOrEqualTo(before.openFds() + FD_SLACK);
            assertThat(after.activeAllocations()).as("live pooled buffers").isLessThanOrEqualTo(before.activeAllocations());
            assertThat(after.pooledDirectBytes()).as("pooled direct memory")
                    .isLessThanOrEqualTo(before.pooledDirectBytes() + DIRECT_SLACK_BYTES);
            assertThat(after.nettyDirectBytes()).as("Netty direct memory")
                    .isLessThanOrEqualTo(before.nettyDirectBytes() + DIRECT_SLACK_BYTES);
        });
    }

    @Test
    void shouldSeeTheServersThreads_whenOneIsRunning() throws Exception {
        Set<String> before = Snapshot.take().threadNames();
        try (JnatsdServer nats = JnatsdServer.builder().monitorPort(-1).start()) {
            Set<String> during = Snapshot.take().threadNames();

            assertThat(during).as("the count can see a running server").isNotEqualTo(before);
            assertThat(Snapshot.countOpenFds()).isPositive();
        }
    }

    /** Starts a server (JetStream on every other time), exercises it over three sockets, stops it. */
    private static void runOneServer(boolean jetStream) throws IOException {
        try (JnatsdServer nats = JnatsdServer.builder().monitorPort(-1).jetStream(jetStream).start();
             RawNatsSocket sub = RawNatsSocket.open(nats.port());
             RawNatsSocket pub = RawNatsSocket.open(nats.port());
             RawNatsSocket idle = RawNatsSocket.open(nats.port())) {
            sub.handshake("{\"verbose\":false}").send("SUB leak.> 1\r\nPING\r\n").readLineStartingWith("PONG");
            pub.handshake("{\"verbose\":false}").send("PUB leak.a 5\r\nhello\r\nPING\r\n").readLineStartingWith("PONG");
            assertThat(sub.readLineStartingWith("MSG")).startsWith("MSG leak.a 1 5");
            idle.readInfoJson();
        }
    }

    private static Snapshot settle(Snapshot first) throws IOException {
        // The baseline itself waits for the warm-up servers' threads to end.
        CheckFor.checkFor(SETTLE_TIMEOUT, SETTLE_INTERVAL, () ->
                assertThat(Snapshot.take().threadNames()).isSubsetOf(first.threadNames()));
        return Snapshot.take();
    }

    private record Snapshot(Set<String> threadNames, long openFds, long activeAllocations,
                            long pooledDirectBytes, long nettyDirectBytes) {

        static Snapshot take() throws IOException {
            PooledByteBufAllocatorMetric metric = PooledByteBufAllocator.DEFAULT.metric();
            long active = 0;
            for (PoolArenaMetric arena : metric.directArenas()) {
                active += arena.numActiveAllocations();
            }
            for (PoolArenaMetric arena : metric.heapArenas()) {
                active += arena.numActiveAllocations();
            }
            return new Snapshot(liveThreadNames(), countOpenFds(), active, metric.usedDirectMemory(),
                    Math.max(0, PlatformDependent.usedDirectMemory()));
        }

        /** Live platform threads by name and id (virtual threads are not listed and hold no resources when done). */
        static Set<String> liveThreadNames() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(t -> t.getName() + "#" + t.threadId())
                    .collect(Collectors.toSet());
        }

        static long countOpenFds() throws IOException {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return fds.count();
            }
        }
    }
}
