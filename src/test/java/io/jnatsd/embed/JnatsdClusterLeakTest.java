package io.jnatsd.embed;

import io.jnatsd.testing.CheckFor;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Three-node clusters, started and stopped five times in turn, leave no thread behind. */
@Timeout(120)
class JnatsdClusterLeakTest {

    private static final int CLUSTERS = 5;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SETTLE_INTERVAL = Duration.ofMillis(50);

    @Test
    void shouldLeaveNoThreads_whenFiveThreeNodeClustersStartAndStopInTurn() throws Exception {
        runOneCluster();
        Set<String> first = liveThreadNames();
        CheckFor.checkFor(SETTLE_TIMEOUT, SETTLE_INTERVAL, () -> assertThat(liveThreadNames()).isSubsetOf(first));
        Set<String> before = liveThreadNames();

        for (int i = 0; i < CLUSTERS; i++) {
            runOneCluster();
        }

        CheckFor.checkFor(SETTLE_TIMEOUT, SETTLE_INTERVAL, () ->
                assertThat(liveThreadNames()).as("threads still alive").isSubsetOf(before));
    }

    @Test
    void shouldSeeTheClustersThreads_whenOneIsRunning() {
        Set<String> before = liveThreadNames();
        try (JnatsdCluster cluster = JnatsdCluster.builder().nodes(3).start()) {
            assertThat(liveThreadNames()).as("the count can see a running cluster").isNotEqualTo(before);
        }
    }

    /** Starts a three-node cluster, connects a client to it, stops both. */
    private static void runOneCluster() throws Exception {
        try (JnatsdCluster cluster = JnatsdCluster.builder().nodes(3).start();
             Connection connection = Nats.connect(cluster.connectUrl())) {
            connection.flush(Duration.ofSeconds(5));
            assertThat(cluster.servers()).allSatisfy(s -> assertThat(s.numRoutes()).isEqualTo(2));
        }
    }

    /** Live platform threads by name and id. */
    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(t -> t.getName() + "#" + t.threadId())
                .collect(Collectors.toSet());
    }
}
