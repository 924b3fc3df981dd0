package io.jnatsd.cluster.route;

import io.jnatsd.auth.Permissions;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.awaitRemoteSubs;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route permissions ({@code cluster { permissions { import, export } }}) on the wire, as the reference's
 * {@code canImport}/{@code canExport}: import filters the RS+ this node sends, export filters the RS+ it accepts,
 * so messages cross only where both allow.
 */
@Timeout(30)
class RoutePermissionsIntegrationTest {

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

    private static ClusterOptions node(Permissions p, List<URI> routes) {
        return ClusterOptions.NONE.withName(ClusterNodes.CLUSTER).withListen(TestServers.HOST, -1).withRoutes(routes)
                .withPermissions(p);
    }

    private static Permissions imports(List<String> allow, List<String> deny) {
        return new Permissions(new Permissions.SubjectPermission(allow, deny), null, null);
    }

    private static Permissions exports(List<String> allow, List<String> deny) {
        return new Permissions(null, new Permissions.SubjectPermission(allow, deny), null);
    }

    @Test
    void shouldAnnounceOnlyImportedInterest_whenImportDenies() throws Exception {
        NatsServer a = nodes.start(node(imports(null, List.of("private.>")), List.of()));
        try (Connection client = TestServers.connect(a);
             RawNatsSocket peer = RawNatsSocket.open(ClusterNodes.routes(a).routePort())) {
            assertThat(peer.readLine()).contains("\"import\":{\"deny\":[\"private.>\"]}");
            peer.send(PEER_CONNECT + PEER_INFO);
            client.subscribe("private.x");
            client.subscribe("public.x");
            client.flush(WAIT);
            assertThat(peer.readLineStartingWith("RS+")).isEqualTo("RS+ $G public.x");
        }
    }

    @Test
    void shouldIgnorePeerInterest_whenExportDenies() throws Exception {
        NatsServer a = nodes.start(node(exports(null, List.of("secret.>")), List.of()));
        try (Connection client = TestServers.connect(a);
             RawNatsSocket peer = RawNatsSocket.open(ClusterNodes.routes(a).routePort())) {
            assertThat(peer.readLine()).contains("\"export\":{\"deny\":[\"secret.>\"]}");
            peer.send(PEER_CONNECT + PEER_INFO);
            peer.send("RS+ $G secret.a\r\nRS+ $G open.a\r\nPING\r\n");
            peer.readLineStartingWith("PONG");
            awaitRemoteSubs(a, 1);
            client.publish("secret.a", "no".getBytes(StandardCharsets.UTF_8));
            client.publish("open.a", "yes".getBytes(StandardCharsets.UTF_8));
            client.flush(WAIT);
            assertThat(peer.readLineStartingWith("RMSG")).isEqualTo("RMSG $G open.a 3");
        }
    }

    @Test
    void shouldCarryOnlyAllowedSubjects_whenTwoNodesHavePermissions() throws Exception {
        NatsServer a = nodes.start(node(imports(List.of("allowed.>"), null), List.of()));
        NatsServer b = nodes.start(node(exports(null, List.of("allowed.hidden")), List.of(routeUrl(a))));
        awaitMesh(a, b);
        try (Connection onA = TestServers.connect(a); Connection onB = TestServers.connect(b)) {
            Subscription blocked = onA.subscribe("blocked.x");
            Subscription hidden = onA.subscribe("allowed.hidden");
            Subscription allowed = onA.subscribe("allowed.x");
            onA.flush(WAIT);
            // a imports allowed.> only (2 RS+ sent); b does not export allowed.hidden (1 kept).
            awaitRemoteSubs(b, 1);
            onB.publish("blocked.x", "1".getBytes(StandardCharsets.UTF_8));
            onB.publish("allowed.hidden", "2".getBytes(StandardCharsets.UTF_8));
            onB.publish("allowed.x", "3".getBytes(StandardCharsets.UTF_8));
            onB.flush(WAIT);
            assertThat(new String(allowed.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("3");
            onA.flush(WAIT);
            assertThat(blocked.getPendingMessageCount()).isZero();
            assertThat(hidden.getPendingMessageCount()).isZero();
        }
    }
}
