package io.jnatsd.junit;

import io.jnatsd.embed.JnatsdCluster;
import io.jnatsd.embed.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @EmbeddedNats(nodes = 3)}: a three-node cluster for the class, its URLs and a client connected to it. */
@EmbeddedNats(nodes = 3)
@Timeout(60)
class EmbeddedNatsClusterTest {

    @Test
    void shouldInjectAFullyMeshedCluster_whenNodesIsThree(JnatsdCluster cluster, @NatsUrl String url) {
        assertThat(cluster.servers()).hasSize(3).allSatisfy(s -> assertThat(s.numRoutes()).isEqualTo(2));
        assertThat(Arrays.asList(url.split(","))).containsExactlyElementsOf(cluster.clientUrls());
    }

    @Test
    void shouldDeliverFromNodeThreeToNodeOne_whenSubscriberAndPublisherAreOnDifferentNodes(JnatsdCluster cluster)
            throws Exception {
        try (Connection node1 = Nats.connect(Options.builder().server(cluster.server(0).clientUrl()).build());
             Connection node3 = Nats.connect(Options.builder().server(cluster.server(2).clientUrl()).build())) {
            Subscription sub = node1.subscribe("greetings");
            node1.flush(Duration.ofSeconds(5));

            // The subscription reaches node 3 over a route shortly after: publish until it is there.
            Message message = null;
            for (int attempt = 0; attempt < 100 && message == null; attempt++) {
                node3.publish("greetings", "hello from node 3".getBytes(StandardCharsets.UTF_8));
                message = sub.nextMessage(Duration.ofMillis(100));
            }

            assertThat(message).isNotNull();
            assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hello from node 3");
        }
    }

    @Test
    void shouldInjectAConnectionToOneOfTheNodes_whenATestTakesAConnection(JnatsdCluster cluster, Connection connection)
            throws Exception {
        connection.flush(Duration.ofSeconds(5));

        assertThat(cluster.clientUrls()).contains(connection.getConnectedUrl());
        assertThat(connection.getServerInfo().getCluster()).isEqualTo(cluster.clusterName());
        assertThat(connection.getServers()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldNameEveryNodeAfterTheCluster_whenStartedByTheExtension(JnatsdCluster cluster) {
        assertThat(cluster.servers()).extracting(JnatsdServer::serverName)
                .containsExactly("jnatsd-embedded-1", "jnatsd-embedded-2", "jnatsd-embedded-3");
    }
}
