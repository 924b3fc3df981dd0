package io.jnatsd.embed;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An embedded cluster: the mesh forms before start returns, messages cross it, stop ends every node. */
@Timeout(60)
class JnatsdClusterTest {

    @Test
    void shouldFormTheFullMesh_whenStartReturns() {
        try (JnatsdCluster cluster = JnatsdCluster.builder().nodes(3).clusterName("mesh").start()) {
            assertThat(cluster.servers()).hasSize(3).allSatisfy(s -> assertThat(s.numRoutes()).isEqualTo(2));
            assertThat(cluster.clientUrls()).hasSize(3).doesNotHaveDuplicates();
            assertThat(cluster.connectUrl()).isEqualTo(String.join(",", cluster.clientUrls()));
            assertThat(cluster.isRunning()).isTrue();
        }
    }

    @Test
    void shouldDeliverAcrossNodes_whenConnectedThroughTheConnectUrl() throws Exception {
        try (JnatsdCluster cluster = JnatsdCluster.builder().nodes(3).start();
             Connection subscriber = Nats.connect(cluster.server(0).clientUrl());
             Connection publisher = Nats.connect(cluster.server(2).clientUrl());
             Connection any = Nats.connect(cluster.connectUrl())) {
            Subscription sub = subscriber.subscribe("orders.>");
            subscriber.flush(Duration.ofSeconds(5));

            // The subscription reaches the other nodes over routes shortly after: publish until it is there.
            Message message = null;
            for (int attempt = 0; attempt < 100 && message == null; attempt++) {
                publisher.publish("orders.new", "42".getBytes(StandardCharsets.UTF_8));
                message = sub.nextMessage(Duration.ofMillis(100));
            }

            assertThat(message).isNotNull();
            assertThat(message.getSubject()).isEqualTo("orders.new");
            assertThat(cluster.clientUrls()).contains(any.getConnectedUrl());
        }
    }

    @Test
    void shouldStopEveryNode_whenTheClusterStops() {
        JnatsdCluster cluster = JnatsdCluster.builder().nodes(2).jetStream(true).start();
        List<JnatsdServer> servers = cluster.servers();

        cluster.stop();
        cluster.stop();

        assertThat(servers).noneMatch(JnatsdServer::isRunning);
        assertThat(servers).allSatisfy(s -> assertThat(s.storeDir().orElseThrow()).doesNotExist());
        assertThat(cluster.isRunning()).isFalse();
    }

    @Test
    void shouldRunOneServerWithoutRoutes_whenOneNodeIsAskedFor() {
        try (JnatsdCluster cluster = JnatsdCluster.builder().nodes(1).start()) {
            assertThat(cluster.servers()).singleElement().satisfies(s -> assertThat(s.numRoutes()).isZero());
        }
    }

    @Test
    void shouldRefuseASecondStart_whenStartedBefore() {
        try (JnatsdCluster cluster = JnatsdCluster.builder().nodes(2).start()) {
            assertThatThrownBy(cluster::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldRefuseBadOptions_whenBuilding() {
        assertThatThrownBy(() -> JnatsdCluster.builder().nodes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JnatsdCluster.builder().clusterName("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldThrowAStartException_whenTheConfIsRefused() {
        JnatsdCluster cluster = JnatsdCluster.builder().nodes(2).conf("no_such_key: 1").build();

        assertThatThrownBy(cluster::start).isInstanceOf(JnatsdStartException.class);
        assertThat(cluster.isRunning()).isFalse();
    }

    @Test
    void shouldStopTheStartedNodes_whenALaterNodeCannotBindItsPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        JnatsdCluster cluster = JnatsdCluster.builder().nodes(2).conf("port: " + port).build();

        assertThatThrownBy(cluster::start).isInstanceOf(JnatsdStartException.class);

        // The first node had bound the port: it is free again only if that node was stopped.
        try (JnatsdServer again = JnatsdServer.builder().port(port).start()) {
            assertThat(again.port()).isEqualTo(port);
        }
    }
}
