package io.jnatsd.cluster.route;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Clustering starts only when asked; without it the publish path has no cluster link to call. */
@Timeout(30)
class RouteModuleTest {

    @Test
    void shouldInstallNoClusterLink_whenNoClusterConfigured() {
        NatsServer server = TestServers.start();
        try {
            assertThat(server.clusterLink()).isNull();
            assertThat(server.module(RouteModule.class)).isEmpty();
            assertThat(server.info().connectUrls()).isEmpty();
        } finally {
            server.shutdown();
        }
    }

    @Test
    void shouldInstallForwarderAndListen_whenClusterConfigured() {
        try (ClusterNodes nodes = new ClusterNodes()) {
            NatsServer server = nodes.start(List.of());
            assertThat(server.clusterLink()).isInstanceOf(RouteForwarder.class);
            assertThat(ClusterNodes.routes(server).routePort()).isPositive();
            assertThat(ClusterNodes.routes(server).clusterName()).isEqualTo(ClusterNodes.CLUSTER);
        }
    }

    @Test
    void shouldComputeDistinctRouteTargets_whenSameRouteAddedTwice() {
        RouteTargets t = new RouteTargets();
        t.addPlain(null);
        t.addQueue(null, "q1".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        t.addQueue(null, "q2".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(t.size()).isEqualTo(1);
        assertThat(new String(t.queues(0), 0, t.queuesLength(0))).isEqualTo("q1 q2 ");
        t.reset();
        assertThat(t.size()).isZero();
    }
}
