package io.jnatsd.cluster.route;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.awaitRemoteSubs;
import static org.assertj.core.api.Assertions.assertThat;

/** The route port on the wire: the handshake's refusals, raw RS+/RMSG from a fake peer, and bad peers. */
@Timeout(30)
class RouteProtocolIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PEER_CONNECT = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"name\":\"NFAKEPEER\",\"cluster\":\"" + ClusterNodes.CLUSTER
            + "\",\"lnoc\":true}\r\n";
    private static final String PEER_INFO = "INFO {\"server_id\":\"NFAKEPEER\",\"server_name\":\"fake\","
            + "\"version\":\"2.9.10\",\"proto\":2,\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,"
            + "\"max_payload\":1048576,\"cluster\":\"" + ClusterNodes.CLUSTER + "\",\"lnoc\":true}\r\n";

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    private RawNatsSocket fakePeer(NatsServer server) throws Exception {
        RawNatsSocket peer = RawNatsSocket.open(ClusterNodes.routes(server).routePort());
        assertThat(peer.readLine()).startsWith("INFO ").contains("\"cluster\":\"" + ClusterNodes.CLUSTER + "\"");
        peer.send(PEER_CONNECT + PEER_INFO);
        return peer;
    }

    @Test
    void shouldSendLocalInterestThenDeliverRoutedMessages_whenFakePeerJoins() throws Exception {
        NatsServer server = nodes.start(List.of());
        try (Connection client = TestServers.connect(server); RawNatsSocket peer = fakePeer(server)) {
            Subscription plain = client.subscribe("fake.plain");
            Subscription queued = client.subscribe("fake.q", "grp");
            client.flush(WAIT);
            assertThat(peer.readLineStartingWith("RS+ $G fake.plain")).isEqualTo("RS+ $G fake.plain");
            assertThat(peer.readLineStartingWith("RS+ $G fake.q")).isEqualTo("RS+ $G fake.q grp 1");
            peer.send("RMSG $G fake.plain reply.to 5\r\nhello\r\n");
            peer.send("RMSG $G fake.q | grp 2\r\nhi\r\n");
            peer.send("RMSG $G fake.q 3\r\nnot\r\n");
            var m = plain.nextMessage(WAIT);
            assertThat(new String(m.getData())).isEqualTo("hello");
            assertThat(m.getReplyTo()).isEqualTo("reply.to");
            assertThat(new String(queued.nextMessage(WAIT).getData())).isEqualTo("hi");
            // Without a queue list a routed message goes to plain subscribers only, as in the reference.
            assertThat(queued.nextMessage(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void shouldForwardClientMessagesAsRmsg_whenFakePeerHasInterest() throws Exception {
        NatsServer server = nodes.start(List.of());
        try (Connection client = TestServers.connect(server); RawNatsSocket peer = fakePeer(server)) {
            peer.send("RS+ $G to.peer\r\nRS+ $G to.peer.q workers 3\r\nPING\r\n");
            peer.readLineStartingWith("PONG");
            awaitRemoteSubs(server, 2);
            client.publish("to.peer", "r.1", "abc".getBytes());
            client.publish("to.peer.q", "xy".getBytes());
            client.flush(WAIT);
            assertThat(peer.readLineStartingWith("RMSG")).isEqualTo("RMSG $G to.peer r.1 3");
            assertThat(peer.readLine()).isEqualTo("abc");
            assertThat(peer.readLineStartingWith("RMSG")).isEqualTo("RMSG $G to.peer.q | workers 2");
        }
    }

    @Test
    void shouldRefuseWithReferenceError_whenClusterNameDiffers() throws Exception {
        NatsServer server = nodes.start(List.of());
        try (RawNatsSocket peer = RawNatsSocket.open(ClusterNodes.routes(server).routePort())) {
            peer.readLine();
            peer.send(PEER_CONNECT.replace(ClusterNodes.CLUSTER, "other"));
            assertThat(peer.readLine()).isEqualTo("-ERR 'Rejecting connection, cluster name \"other\" does not match \""
                    + ClusterNodes.CLUSTER + "\"'");
            assertThat(peer.awaitClosedByServer(WAIT)).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void shouldFormRouteWithCredentials_andRefusePeerWithout() throws Exception {
        io.jnatsd.config.ClusterOptions secured = io.jnatsd.config.ClusterOptions.NONE.withName(ClusterNodes.CLUSTER)
                .withListen("127.0.0.1", -1).withCredentials("ruser", "rpass");
        NatsServer a = nodes.start(secured);
        java.net.URI withCreds = java.net.URI.create("nats-route://ruser:rpass@127.0.0.1:"
                + ClusterNodes.routes(a).routePort());
        NatsServer b = nodes.start(secured.withRoutes(List.of(withCreds)));
        ClusterNodes.awaitMesh(a, b);
        try (RawNatsSocket peer = RawNatsSocket.open(ClusterNodes.routes(a).routePort())) {
            assertThat(peer.readLine()).contains("\"auth_required\":true");
            peer.send(PEER_CONNECT);
            assertThat(peer.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(peer.awaitClosedByServer(WAIT)).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void shouldRefuse_whenClientConnectsToRoutePort() throws Exception {
        NatsServer server = nodes.start(List.of());
        try (RawNatsSocket client = RawNatsSocket.open(ClusterNodes.routes(server).routePort())) {
            client.readLine();
            client.send("CONNECT {\"lang\":\"java\",\"verbose\":false}\r\n");
            assertThat(client.readLine()).isEqualTo("-ERR 'attempted to connect to route port'");
        }
    }

    @Test
    void shouldCloseRouteWithoutHarmingClients_whenPeerSendsGarbage() throws Exception {
        NatsServer server = nodes.start(List.of());
        try (Connection sub = TestServers.connect(server); Connection pub = TestServers.connect(server);
             RawNatsSocket peer = fakePeer(server)) {
            Subscription s = sub.subscribe("still.works");
            sub.flush(WAIT);
            peer.send("RS+ $G ok\r\nXYZZY garbage \u0001\u0002\r\n");
            assertThat(peer.readLineStartingWith("-ERR")).isEqualTo("-ERR 'Unknown Protocol Operation'");
            assertThat(peer.awaitClosedByServer(WAIT)).isGreaterThanOrEqualTo(0);
            awaitRemoteSubs(server, 0);
            pub.publish("still.works", "yes".getBytes());
            pub.flush(WAIT);
            assertThat(new String(s.nextMessage(WAIT).getData())).isEqualTo("yes");
        }
    }

    @Test
    void shouldAnswerUnknownOperation_whenClientSendsRouteOps() throws Exception {
        NatsServer server = nodes.start(List.of());
        try (RawNatsSocket client = RawNatsSocket.open(server.clientPort())) {
            client.readLine();
            client.send("CONNECT {\"verbose\":false}\r\nRS+ $G foo\r\n");
            assertThat(client.readLineStartingWith("-ERR")).isEqualTo("-ERR 'Unknown Protocol Operation'");
            assertThat(client.awaitClosedByServer(WAIT)).isGreaterThanOrEqualTo(0);
        }
    }
}
