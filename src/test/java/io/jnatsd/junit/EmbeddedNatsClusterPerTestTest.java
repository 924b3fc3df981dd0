package io.jnatsd.junit;

import io.jnatsd.embed.JnatsdCluster;
import io.jnatsd.embed.JnatsdServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh two-node cluster with JetStream per test: the previous test's nodes are gone. */
@EmbeddedNats(nodes = 2, perTest = true, jetStream = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
class EmbeddedNatsClusterPerTestTest {

    private static List<JnatsdServer> previous;

    @Test
    @Order(1)
    void shouldStartAClusterWithTheAnnotationsOptions_whenATestBegins(JnatsdCluster cluster, Connection connection)
            throws Exception {
        connection.flush(Duration.ofSeconds(5));

        assertThat(cluster.servers()).hasSize(2).allSatisfy(s -> {
            assertThat(s.isJetStreamEnabled()).isTrue();
            assertThat(s.numRoutes()).isEqualTo(1);
        });
        previous = cluster.servers();
    }

    @Test
    @Order(2)
    void shouldStopThePreviousCluster_whenItsTestEnds(JnatsdCluster cluster) {
        assertThat(cluster.servers()).doesNotContainAnyElementsOf(previous);
        assertThat(previous).noneMatch(JnatsdServer::isRunning);
        assertThat(previous).allSatisfy(s -> assertThat(s.storeDir().orElseThrow()).doesNotExist());
    }
}
