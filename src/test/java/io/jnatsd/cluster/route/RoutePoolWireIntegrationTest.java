package io.jnatsd.cluster.route;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.awaitRemoteSubs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pooling on the wire, against a fake pooled peer: the INFO fields, the pool index checks, and a pinned account's
 * dedicated route, whose RS+/RS-/RMSG leave the account name out.
 */
@Timeout(30)
class RoutePoolWireIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PEER_CONNECT = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"name\":\"NFAKEPOOL\",\"cluster\":\"" + ClusterNodes.CLUSTER
            + "\",\"lnoc\":true}\r\n";

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    private static String peerInfo(String poolFields) {
        return "INFO {\"server_id\":\"NFAKEPOOL\",\"server_name\":\"fakepool\",\"version\":\"2.11.0\",\"proto\":3,"
                + "\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,\"max_payload\":1048576,\"cluster\":\""
                + ClusterNodes.CLUSTER + "\",\"lnoc\":true" + poolFields + "}\r\n";
    }

    /** A fake peer that dialled {@code server} and sent its INFO; returns after reading the server's INFO. */
    private static RawNatsSocket dial(NatsServer server, String poolFields, List<String> firstInfo)
            throws Exception {
        RawNatsSocket peer = RawNatsSocket.open(ClusterNodes.routes(server).routePort());
        firstInfo.add(peer.readLine());
        peer.send(PEER_CONNECT + peerInfo(poolFields));
        return peer;
    }

    @Test
    void shouldAnnouncePoolSize_whenRouteInfoIsSent() throws Exception {
        NatsServer server = PoolNodes.start(nodes, 3, List.of("P"), List.of());
        List<String> info = new ArrayList<>();
        try (RawNatsSocket peer = dial(server, ",\"route_pool_size\":3", info)) {
            assertThat(info.get(0)).contains("\"route_pool_size\":3").doesNotContain("route_pool_idx")
                    .doesNotContain("route_account");
            peer.send("PING\r\n");
            assertThat(peer.readLineStartingWith("PONG")).isEqualTo("PONG");
        }
    }

    @Test
    void shouldRefuseWithReferenceError_whenPoolIndexIsOutOfRange() throws Exception {
        NatsServer server = PoolNodes.start(nodes, 3, List.of(), List.of());
        try (RawNatsSocket peer = dial(server, ",\"route_pool_size\":3,\"route_pool_idx\":7", new ArrayList<>())) {
            assertThat(peer.readLineStartingWith("-ERR")).isEqualTo("-ERR 'Invalid route pool index: 7 - pool size is 3'");
            assertThat(peer.awaitClosedByServer(WAIT)).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void shouldRefuseWithReferenceError_whenAccountIsNotPinnedHere() throws Exception {
        NatsServer server = PoolNodes.start(nodes, 3, List.of(), List.of());
        try (RawNatsSocket peer = dial(server, ",\"route_pool_size\":3,\"route_account\":\"C\"",
                new ArrayList<>())) {
            assertThat(peer.readLineStartingWith("-ERR")).isEqualTo("-ERR 'No route for account \"C\"'");
            assertThat(peer.awaitClosedByServer(WAIT)).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void shouldCloseDuplicate_whenSlotOfPoolIsTaken() throws Exception {
        NatsServer server = PoolNodes.start(nodes, 3, List.of(), List.of());
        try (RawNatsSocket first = dial(server, ",\"route_pool_size\":3,\"route_pool_idx\":1", new ArrayList<>());
             RawNatsSocket second = dial(server, ",\"route_pool_size\":3,\"route_pool_idx\":2", new ArrayList<>())) {
            first.send("PING\r\n");
            first.readLineStartingWith("PONG");
            second.send("PING\r\n");
            second.readLineStartingWith("PONG");
            try (RawNatsSocket again = dial(server, ",\"route_pool_size\":3,\"route_pool_idx\":1", new ArrayList<>())) {
                assertThat(again.awaitClosedByServer(WAIT)).isGreaterThanOrEqualTo(0);
            }
            assertThat(ClusterNodes.routes(server).routes(false)).extracting(RouteSnapshot::poolIndex)
                    .containsExactlyInAnyOrder(1, 2);
            first.send("PING\r\n");
            assertThat(first.readLineStartingWith("PONG")).isEqualTo("PONG");
        }
    }

    @Test
    void shouldLeaveAccountOutOfProtocols_whenRouteIsPinned() throws Exception {
        NatsServer server = PoolNodes.start(nodes, 3, List.of("P"), List.of());
        try (RawNatsSocket pool = dial(server, ",\"route_pool_size\":3", new ArrayList<>());
             RawNatsSocket pinned = dial(server, ",\"route_pool_size\":3,\"route_account\":\"P\"",
                     new ArrayList<>());
             Connection client = PoolNodes.connect(server, "P");
             Connection other = PoolNodes.connect(server, "A")) {
            pinned.send("PING\r\n");
            pinned.readLineStartingWith("PONG");
            Subscription in = client.subscribe("wire.in");
            client.subscribe("wire.q", "grp");
            other.subscribe("wire.in");
            client.flush(WAIT);
            other.flush(WAIT);
            assertThat(pinned.readLineStartingWith("RS+")).isEqualTo("RS+ wire.in");
            assertThat(pinned.readLineStartingWith("RS+")).isEqualTo("RS+ wire.q grp 1");
            // Account A's interest goes on the pool route of A's index, with the account named.
            assertThat(pool.readLineStartingWith("RS+ A")).isEqualTo("RS+ A wire.in");
            pinned.send("RMSG wire.in reply.1 5\r\nhello\r\nRS+ wire.out\r\nPING\r\n");
            pinned.readLineStartingWith("PONG");
            var m = in.nextMessage(WAIT);
            assertThat(new String(m.getData())).isEqualTo("hello");
            assertThat(m.getReplyTo()).isEqualTo("reply.1");
            awaitRemoteSubs(server, 1);
            client.publish("wire.out", "xyz".getBytes());
            client.flush(WAIT);
            assertThat(pinned.readLineStartingWith("RMSG")).isEqualTo("RMSG wire.out 3");
            assertThat(pinned.readLine()).isEqualTo("xyz");
            in.unsubscribe();
            client.flush(WAIT);
            assertThat(pinned.readLineStartingWith("RS-")).isEqualTo("RS- wire.in");
            assertThat(ClusterNodes.routes(server).routes(false)).extracting(RouteSnapshot::account)
                    .containsExactlyInAnyOrder("", "P");
        }
    }
}
