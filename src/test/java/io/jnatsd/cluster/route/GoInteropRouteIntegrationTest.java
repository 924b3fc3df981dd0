package io.jnatsd.cluster.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mixed cluster: two jnatsd nodes and one Go nats-server 2.9.10 (no route pooling), with the
 * Go node as the seed and with a jnatsd node as the seed. Plain, queue, header and
 * request/reply traffic crosses every pair of nodes.
 */
@Timeout(90)
class GoInteropRouteIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterNodes nodes = new ClusterNodes();
    private GoRouteNode go;

    @AfterEach
    void tearDown() throws Exception {
        nodes.close();
        if (go != null) {
            go.close();
        }
    }

    @Test
    void shouldCarryAllTraffic_whenGoIsTheSeed() throws Exception {
        go = GoRouteNode.start(ClusterNodes.CLUSTER, List.of());
        NatsServer a = nodes.start(List.of(go.routeUrl()));
        NatsServer b = nodes.start(List.of(go.routeUrl()));
        awaitMixedMesh(a, b);
        exerciseCluster(List.of(url(a), url(b), go.clientUrl()));
    }

    @Test
    void shouldCarryAllTraffic_whenJnatsdIsTheSeed() throws Exception {
        NatsServer a = nodes.start(List.of());
        go = GoRouteNode.start(ClusterNodes.CLUSTER, List.of(routeUrl(a)));
        NatsServer b = nodes.start(List.of(routeUrl(a)));
        awaitMixedMesh(a, b);
        exerciseCluster(List.of(url(a), url(b), go.clientUrl()));
    }

    @Test
    void shouldCarryAllTraffic_whenJnatsdNodesCompressAndGoHasNoCompression() throws Exception {
        go = GoRouteNode.start(ClusterNodes.CLUSTER, List.of());
        NatsServer a = nodes.start(RouteCompressionIntegrationTest.node("s2_fast", List.of(go.routeUrl())));
        NatsServer b = nodes.start(RouteCompressionIntegrationTest.node("s2_fast", List.of(go.routeUrl())));
        awaitMixedMesh(a, b);
        for (NatsServer s : List.of(a, b)) {
            checkFor(() -> assertThat(ClusterNodes.routes(s).routes(false))
                    .extracting(RouteSnapshot::compression)
                    .containsOnly("s2_fast", RouteCompression.NOT_SUPPORTED)
                    .filteredOn(RouteCompression.NOT_SUPPORTED::equals).hasSize(1));
        }
        exerciseCluster(List.of(url(a), url(b), go.clientUrl()));
    }

    /** Three nodes, each with a route to the other two: a full mesh, whoever the seed. */
    private void awaitMixedMesh(NatsServer a, NatsServer b) {
        checkFor(() -> {
            JsonNode routez = JSON.readTree(go.routez());
            assertThat(routez.path("num_routes").asInt()).as(go.log().toString()).isEqualTo(2);
        });
        for (NatsServer s : List.of(a, b)) {
            // One route to the Go 2.9 node (no pooling), a full pool plus pinned routes to the other jnatsd node.
            checkFor(() -> {
                assertThat(ClusterNodes.routes(s).numRemotes()).isEqualTo(2);
                assertThat(ClusterNodes.routes(s).routes(false)).hasSize(1 + ClusterNodes.connectionsPerPeer(s));
            });
        }
    }

    private static String url(NatsServer s) {
        return TestServers.url(s);
    }

    private Connection connect(String url) throws Exception {
        return nodes.keep(Nats.connect(io.nats.client.Options.builder().server(url).noReconnect()
                .connectionTimeout(WAIT).build()));
    }

    private void exerciseCluster(List<String> urls) throws Exception {
        List<Connection> conns = new ArrayList<>();
        for (String u : urls) {
            conns.add(connect(u));
        }
        plainEverywhere(conns);
        queueOncePerCluster(conns);
        headersAndRequests(conns);
    }

    /** A subscriber on every node gets what a publisher on every node sends, once each. */
    private void plainEverywhere(List<Connection> conns) throws Exception {
        List<Subscription> subs = new ArrayList<>();
        for (Connection c : conns) {
            subs.add(c.subscribe("mixed.plain"));
            c.flush(WAIT);
        }
        awaitInterest("mixed.plain", 6);
        for (int p = 0; p < conns.size(); p++) {
            conns.get(p).publish("mixed.plain", ("from-" + p).getBytes(StandardCharsets.UTF_8));
            conns.get(p).flush(WAIT);
        }
        for (Subscription s : subs) {
            Set<String> got = new HashSet<>();
            for (int i = 0; i < conns.size(); i++) {
                Message m = s.nextMessage(WAIT);
                assertThat(m).as("message %d of %s", i, s.getSubject()).isNotNull();
                got.add(new String(m.getData(), StandardCharsets.UTF_8));
            }
            assertThat(got).containsExactlyInAnyOrder("from-0", "from-1", "from-2");
            assertThat(s.nextMessage(Duration.ofMillis(100))).isNull();
        }
    }

    /** Members of one group on every node: each message is delivered once in the whole cluster. */
    private void queueOncePerCluster(List<Connection> conns) throws Exception {
        List<Subscription> members = new ArrayList<>();
        for (Connection c : conns) {
            members.add(c.subscribe("mixed.queue", "workers"));
            c.flush(WAIT);
        }
        awaitInterest("mixed.queue", 6);
        int perPublisher = 100;
        for (Connection c : conns) {
            for (int i = 0; i < perPublisher; i++) {
                c.publish("mixed.queue", new byte[] {(byte) i});
            }
            c.flush(WAIT);
        }
        int total = perPublisher * conns.size();
        checkFor(() -> assertThat(members.stream().mapToLong(Subscription::getPendingMessageCount).sum())
                .isEqualTo(total));
        for (Connection c : conns) {
            c.flush(WAIT);
        }
        assertThat(members.stream().mapToLong(Subscription::getPendingMessageCount).sum()).isEqualTo(total);
    }

    /** HPUB and request/reply between every ordered pair of nodes. */
    private void headersAndRequests(List<Connection> conns) throws Exception {
        for (int r = 0; r < conns.size(); r++) {
            Connection responder = conns.get(r);
            String subject = "mixed.svc." + r;
            responder.createDispatcher(m -> responder.publish(NatsMessage.builder().subject(m.getReplyTo())
                    .headers(new Headers().add("X-Echo", m.getHeaders().getFirst("X-Req")))
                    .data(m.getData()).build())).subscribe(subject);
            responder.flush(WAIT);
            awaitInterest(subject, 2);
            for (int q = 0; q < conns.size(); q++) {
                Message reply = conns.get(q).request(NatsMessage.builder().subject(subject)
                        .headers(new Headers().add("X-Req", "h" + q)).data("req-" + q, StandardCharsets.UTF_8)
                        .build(), WAIT);
                assertThat(reply).as("reply from node %d to node %d", r, q).isNotNull();
                assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("req-" + q);
                assertThat(reply.getHeaders().getFirst("X-Echo")).isEqualTo("h" + q);
            }
        }
    }

    /**
     * Waits until the nodes together list {@code routesWithInterest} routes that carry interest in
     * {@code subject}: the Go node's /routez and each jnatsd node's routes, summed.
     */
    private void awaitInterest(String subject, int routesWithInterest) {
        checkFor(() -> {
            int seen = 0;
            for (JsonNode route : JSON.readTree(go.routez()).path("routes")) {
                for (JsonNode s : route.path("subscriptions_list")) {
                    if (carries(s.asText(), subject)) {
                        seen++;
                        break;
                    }
                }
            }
            for (NatsServer s : nodesOf()) {
                seen += (int) ClusterNodes.routes(s).routes(true).stream()
                        .filter(r -> r.subscriptionsList().stream().anyMatch(x -> carries(x, subject))).count();
            }
            assertThat(seen).isEqualTo(routesWithInterest);
        });
    }

    private static boolean carries(String listed, String subject) {
        return listed.equals(subject) || listed.startsWith(subject + " ");
    }

    private List<NatsServer> nodesOf() {
        return nodes.servers();
    }
}
