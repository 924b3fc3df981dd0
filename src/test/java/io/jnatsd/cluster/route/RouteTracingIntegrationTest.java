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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.cluster.route.ClusterNodes.routes;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message tracing across a route on a two-node jnatsd cluster, as the reference's {@code TestMsgTraceBasic} with
 * routes: the origin's event lists the route as an egress of kind ROUTER with hop "1" and counts one hop; the peer,
 * which got {@code Nats-Trace-Hop: 1} with the message, sends its own event (ingress from the route, egress to its
 * subscriber); with {@code Nats-Trace-Only} neither server delivers the message.
 */
@Timeout(30)
class RouteTracingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    private static Connection connect(NatsServer server, String name) throws Exception {
        return Nats.connect(TestServers.clientOptions(server).connectionName(name).build());
    }

    /** The two events of one traced message, keyed by the id of the server that sent each. */
    private static Map<String, JsonNode> twoEvents(Subscription traces) throws Exception {
        Map<String, JsonNode> byServer = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Message m = traces.nextMessage(WAIT);
            assertThat(m).as("trace event %d", i).isNotNull();
            JsonNode e = JSON.readTree(m.getData());
            byServer.put(e.path("server").path("id").asText(), e);
        }
        assertThat(traces.nextMessage(QUIET)).isNull();
        return byServer;
    }

    @Test
    void shouldTraceOnBothServers_whenMessageCrossesRoute() throws Exception {
        NatsServer a = nodes.start(List.of());
        NatsServer b = nodes.start(List.of(routeUrl(a)));
        awaitMesh(a, b);
        try (Connection pub = connect(a, "pub"); Connection tracer = connect(a, "tracer");
             Connection sub = connect(b, "far")) {
            Subscription traces = tracer.subscribe("trace.out");
            Subscription data = sub.subscribe("orders.new");
            tracer.flush(WAIT);
            sub.flush(WAIT);
            checkFor(() -> assertThat(routes(a).numRemoteSubscriptions()).isGreaterThanOrEqualTo(1));
            checkFor(() -> assertThat(routes(b).numRemoteSubscriptions()).isGreaterThanOrEqualTo(1));
            pub.publish(NatsMessage.builder().subject("orders.new")
                    .headers(new Headers().add("Nats-Trace-Dest", "trace.out"))
                    .data("hi".getBytes(StandardCharsets.UTF_8)).build());
            Message got = data.nextMessage(WAIT);
            assertThat(got).isNotNull();
            assertThat(got.getHeaders().getFirst("Nats-Trace-Hop")).isEqualTo("1");
            Map<String, JsonNode> events = twoEvents(traces);

            JsonNode origin = events.get(a.serverId());
            assertThat(origin.path("hops").asInt()).isEqualTo(1);
            JsonNode in = origin.path("events").get(0);
            assertThat(in.path("kind").asInt()).isZero();
            assertThat(in.path("name").asText()).isEqualTo("pub");
            JsonNode eg = origin.path("events").get(1);
            assertThat(eg.path("type").asText()).isEqualTo("eg");
            assertThat(eg.path("kind").asInt()).isEqualTo(1);
            assertThat(eg.path("hop").asText()).isEqualTo("1");
            assertThat(eg.path("name").asText()).isEqualTo(b.info().serverName());
            assertThat(origin.path("events").size()).isEqualTo(2);

            JsonNode peer = events.get(b.serverId());
            assertThat(peer.has("hops")).isFalse();
            assertThat(peer.path("request").path("header").path("Nats-Trace-Hop").get(0).asText()).isEqualTo("1");
            JsonNode peerIn = peer.path("events").get(0);
            assertThat(peerIn.path("type").asText()).isEqualTo("in");
            assertThat(peerIn.path("kind").asInt()).isEqualTo(1);
            assertThat(peerIn.path("name").asText()).isEqualTo(a.info().serverName());
            assertThat(peerIn.path("acc").asText()).isEqualTo("$G");
            assertThat(peerIn.path("subj").asText()).isEqualTo("orders.new");
            JsonNode peerEg = peer.path("events").get(1);
            assertThat(peerEg.path("kind").asInt()).isZero();
            assertThat(peerEg.path("name").asText()).isEqualTo("far");
            assertThat(peerEg.path("sub").asText()).isEqualTo("orders.new");
        }
    }

    @Test
    void shouldDeliverNowhere_whenTraceOnlyCrossesRoute() throws Exception {
        NatsServer a = nodes.start(List.of());
        NatsServer b = nodes.start(List.of(routeUrl(a)));
        awaitMesh(a, b);
        try (Connection pub = connect(a, "pub"); Connection near = connect(a, "near");
             Connection far = connect(b, "far")) {
            Subscription traces = near.subscribe("trace.out");
            Subscription nearData = near.subscribe("orders.new");
            Subscription farData = far.subscribe("orders.new");
            near.flush(WAIT);
            far.flush(WAIT);
            checkFor(() -> assertThat(routes(a).numRemoteSubscriptions()).isGreaterThanOrEqualTo(1));
            checkFor(() -> assertThat(routes(b).numRemoteSubscriptions()).isGreaterThanOrEqualTo(2));
            pub.publish(NatsMessage.builder().subject("orders.new")
                    .headers(new Headers().add("Nats-Trace-Dest", "trace.out").add("Nats-Trace-Only", "true"))
                    .data("hi".getBytes(StandardCharsets.UTF_8)).build());
            Map<String, JsonNode> events = twoEvents(traces);
            assertThat(events.get(a.serverId()).path("events").size()).isEqualTo(3);
            JsonNode peerEg = events.get(b.serverId()).path("events").get(1);
            assertThat(peerEg.path("name").asText()).isEqualTo("far");
            assertThat(peerEg.has("error")).isFalse();
            assertThat(nearData.nextMessage(QUIET)).isNull();
            assertThat(farData.nextMessage(QUIET)).isNull();
        }
    }

    private static final String OLD_PEER_CONNECT = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"name\":\"NOLDPEER\",\"cluster\":\"" + ClusterNodes.CLUSTER
            + "\",\"lnoc\":true}\r\n";
    private static final String OLD_PEER_INFO = "INFO {\"server_id\":\"NOLDPEER\",\"server_name\":\"old\","
            + "\"version\":\"2.9.10\",\"proto\":2,\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,"
            + "\"max_payload\":1048576,\"cluster\":\"" + ClusterNodes.CLUSTER + "\",\"lnoc\":true}\r\n";

    @Test
    void shouldFlagRoute_whenPeerDoesNotSupportTracing() throws Exception {
        NatsServer a = nodes.start(List.of());
        try (Connection client = connect(a, "pub");
             io.jnatsd.testing.RawNatsSocket peer = io.jnatsd.testing.RawNatsSocket.open(routes(a).routePort())) {
            peer.readLine();
            peer.send(OLD_PEER_CONNECT + OLD_PEER_INFO);
            peer.send("RS+ $G orders.new\r\nPING\r\n");
            peer.readLineStartingWith("PONG");
            ClusterNodes.awaitRemoteSubs(a, 1);
            Subscription traces = client.subscribe("trace.out");
            client.flush(WAIT);
            client.publish(NatsMessage.builder().subject("orders.new")
                    .headers(new Headers().add("Nats-Trace-Dest", "trace.out")).data(new byte[] {1}).build());
            assertThat(peer.readLineStartingWith("HMSG")).startsWith("HMSG $G orders.new");
            JsonNode delivered = JSON.readTree(traces.nextMessage(WAIT).getData()).path("events").get(1);
            assertThat(delivered.path("kind").asInt()).isEqualTo(1);
            assertThat(delivered.path("name").asText()).isEqualTo("old");
            assertThat(delivered.path("error").asText()).isEqualTo("Message delivered but remote does not support "
                    + "message tracing so no trace event generated from there");

            client.publish(NatsMessage.builder().subject("orders.new").headers(new Headers()
                    .add("Nats-Trace-Dest", "trace.out").add("Nats-Trace-Only", "true")).data(new byte[] {2}).build());
            JsonNode held = JSON.readTree(traces.nextMessage(WAIT).getData()).path("events").get(1);
            assertThat(held.path("error").asText())
                    .isEqualTo("Not delivered because remote does not support message tracing");
            client.publish("orders.new", new byte[] {3});
            client.flush(WAIT);
            String next = peer.readLine();
            while (!next.startsWith("RMSG") && !next.startsWith("HMSG")) {
                next = peer.readLine();
            }
            assertThat(next).as("the trace-only message stays home").startsWith("RMSG $G orders.new");
        }
    }
}
