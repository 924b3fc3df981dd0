package io.jnatsd.cluster.route;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.awaitRemoteSubs;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** Three jnatsd nodes: the mesh forms from one seed, and messages cross it one hop. */
@Timeout(60)
class RouteMeshIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    @Test
    void shouldFormFullMesh_whenNodesKnowOnlyTheSeed() {
        NatsServer[] n = nodes.threeNodes();
        for (NatsServer s : n) {
            assertThat(ClusterNodes.routes(s).routes(false)).extracting(RouteSnapshot::remoteId)
                    .doesNotContain(s.serverId()).containsOnly(Arrays.stream(n).filter(o -> o != s)
                            .map(NatsServer::serverId).toArray(String[]::new));
        }
    }

    @Test
    void shouldSettleOnOneRoute_whenBothNodesDialEachOther() throws Exception {
        int portA;
        int portB;
        try (java.net.ServerSocket sa = new java.net.ServerSocket(0); java.net.ServerSocket sb = new java.net.ServerSocket(0)) {
            portA = sa.getLocalPort();
            portB = sb.getLocalPort();
        }
        io.jnatsd.config.ClusterOptions base = io.jnatsd.config.ClusterOptions.NONE.withName(ClusterNodes.CLUSTER);
        NatsServer a = nodes.start(base.withListen("127.0.0.1", portA).withRoutes(List.of(
                java.net.URI.create("nats-route://127.0.0.1:" + portB))));
        NatsServer b = nodes.start(base.withListen("127.0.0.1", portB).withRoutes(List.of(
                java.net.URI.create("nats-route://127.0.0.1:" + portA))));
        awaitMesh(a, b);
        try (Connection pub = TestServers.connect(a); Connection sub = TestServers.connect(b)) {
            Subscription s = sub.subscribe("both.ways");
            sub.flush(WAIT);
            awaitRemoteSubs(a, 1);
            pub.publish("both.ways", new byte[] {1});
            pub.flush(WAIT);
            assertThat(s.nextMessage(WAIT)).isNotNull();
            assertThat(s.nextMessage(Duration.ofMillis(200))).isNull();
        }
        awaitMesh(a, b);
    }

    @Test
    void shouldAgreeOnOneName_whenClusterNamesAreDynamic() {
        io.jnatsd.config.ClusterOptions unnamed = io.jnatsd.config.ClusterOptions.NONE.withListen("127.0.0.1", -1);
        NatsServer a = nodes.start(unnamed);
        NatsServer b = nodes.start(unnamed.withRoutes(List.of(routeUrl(a))));
        awaitMesh(a, b);
        io.jnatsd.testing.CheckFor.checkFor(() -> assertThat(ClusterNodes.routes(a).clusterName())
                .isEqualTo(ClusterNodes.routes(b).clusterName()));
    }

    @Test
    void shouldDeliverOnEveryNode_whenPublishedOnOne() throws Exception {
        NatsServer[] n = nodes.threeNodes();
        try (Connection pub = TestServers.connect(n[0]); Connection subB = TestServers.connect(n[1]);
             Connection subC = TestServers.connect(n[2])) {
            Subscription sb = subB.subscribe("orders.>");
            Subscription sc = subC.subscribe("orders.new");
            subB.flush(WAIT);
            subC.flush(WAIT);
            awaitRemoteSubs(n[0], 2);
            pub.publish("orders.new", "hello".getBytes(StandardCharsets.UTF_8));
            pub.flush(WAIT);
            assertThat(new String(sb.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(new String(sc.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(sb.nextMessage(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void shouldCarryHeadersAndReplies_whenRequestCrossesNodes() throws Exception {
        NatsServer[] n = nodes.threeNodes();
        try (Connection requester = TestServers.connect(n[0]); Connection responder = TestServers.connect(n[2])) {
            responder.createDispatcher(m -> responder.publish(NatsMessage.builder().subject(m.getReplyTo())
                    .headers(new Headers().add("X-Echo", m.getHeaders().getFirst("X-Req")))
                    .data(m.getData()).build())).subscribe("svc.echo");
            responder.flush(WAIT);
            awaitRemoteSubs(n[0], 1);
            Message reply = requester.request(NatsMessage.builder().subject("svc.echo")
                    .headers(new Headers().add("X-Req", "42")).data("ping", StandardCharsets.UTF_8).build(), WAIT);
            assertThat(reply).isNotNull();
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("ping");
            assertThat(reply.getHeaders().getFirst("X-Echo")).isEqualTo("42");
        }
    }
}
