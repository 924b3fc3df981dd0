package io.jnatsd.cluster.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.monitor.HttpMonitor;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.awaitRemoteSubs;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** /routez, the /varz cluster block, and the clients' connect_urls as routes come and go. */
@Timeout(60)
class RouteMonitoringIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    private NatsServer monitoredSeed() {
        return nodes.start(TestServers.baseOptions().httpHost("127.0.0.1").httpPort(-1)
                .cluster(ClusterOptions.NONE.withName(ClusterNodes.CLUSTER).withListen("127.0.0.1", -1)).build());
    }

    private static JsonNode get(NatsServer s, String path) throws Exception {
        int port = s.module(HttpMonitor.class).orElseThrow().port();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Test
    void shouldShowRoutesWithReferenceFields_whenRoutezAsked() throws Exception {
        NatsServer a = monitoredSeed();
        NatsServer b = nodes.start(List.of(routeUrl(a)));
        awaitMesh(a, b);
        try (Connection client = TestServers.connect(b)) {
            client.subscribe("watched.subject");
            client.subscribe("watched.queue", "grp");
            client.flush(WAIT);
            awaitRemoteSubs(a, 2);
            JsonNode routez = get(a, "/routez?subs=1");
            // A pool of three plus the system account's pinned route, each listed.
            assertThat(routez.path("num_routes").asInt()).isEqualTo(ClusterNodes.connectionsPerPeer(a));
            JsonNode route = null;
            for (JsonNode r : routez.path("routes")) {
                route = r.path("subscriptions").asInt() == 2 ? r : route;
            }
            assertThat(route).as(routez.toString()).isNotNull();
            // The system account's dedicated route is listed with its account; pool routes have none.
            List<String> accounts = new ArrayList<>();
            routez.path("routes").forEach(r -> accounts.add(r.path("account").asText()));
            assertThat(accounts).containsExactlyInAnyOrder("", "", "", "$SYS");
            assertThat(route.path("remote_id").asText()).isEqualTo(b.serverId());
            assertThat(route.path("did_solicit").asBoolean()).isFalse();
            assertThat(route.path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(route.path("compression").asText()).isEqualTo("off");
            for (String field : List.of("rid", "port", "start", "last_activity", "uptime", "idle", "pending_size",
                    "in_msgs", "out_msgs", "in_bytes", "out_bytes")) {
                assertThat(route.has(field)).as(field).isTrue();
            }
            assertThat(route.path("subscriptions").asInt()).isEqualTo(2);
            assertThat(route.path("subscriptions_list")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("watched.subject", "watched.queue grp");
            for (JsonNode r : get(a, "/routez").path("routes")) {
                assertThat(r.has("subscriptions_list")).isFalse();
            }
        }
    }

    @Test
    void shouldShowClusterBlock_whenVarzAsked() throws Exception {
        NatsServer a = monitoredSeed();
        NatsServer b = nodes.start(List.of(routeUrl(a)));
        awaitMesh(a, b);
        JsonNode varz = get(a, "/varz");
        assertThat(varz.path("cluster").path("name").asText()).isEqualTo(ClusterNodes.CLUSTER);
        assertThat(varz.path("cluster").path("addr").asText()).isEqualTo("127.0.0.1");
        assertThat(varz.path("cluster").path("cluster_port").asInt()).isEqualTo(ClusterNodes.routes(a).routePort());
        assertThat(varz.path("cluster").path("auth_timeout").asDouble()).isEqualTo(2.0);
        assertThat(varz.path("routes").asInt()).isEqualTo(ClusterNodes.connectionsPerPeer(a));
        assertThat(varz.path("cluster").path("pool_size").asInt()).isEqualTo(ClusterOptions.POOL_SIZE_DEFAULT);
    }

    @Test
    void shouldTellClientsTheClusterUrls_whenRoutesComeAndGo() throws Exception {
        NatsServer a = nodes.start(List.of());
        try (RawNatsSocket client = RawNatsSocket.open(a.clientPort())) {
            String first = client.readLine();
            assertThat(first).contains("\"cluster\":\"" + ClusterNodes.CLUSTER + "\"").doesNotContain("connect_urls");
            client.send("CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n");
            client.readLineStartingWith("PONG");
            client.readLineStartingWith("INFO");
            NatsServer b = nodes.start(List.of(routeUrl(a)));
            awaitMesh(a, b);
            String update = client.readLineStartingWith("INFO");
            assertThat(update).contains("\"connect_urls\":[\"127.0.0.1:" + a.clientPort() + "\",\"127.0.0.1:"
                    + b.clientPort() + "\"]");
            b.shutdown();
            checkFor(() -> assertThat(a.info().connectUrls()).containsExactly("127.0.0.1:" + a.clientPort()));
            assertThat(client.readLineStartingWith("INFO")).contains("\"connect_urls\":[\"127.0.0.1:"
                    + a.clientPort() + "\"]");
        }
    }

    @Test
    void shouldTellPeers_whenEnteringLameDuckMode() throws Exception {
        NatsServer a = nodes.start(List.of());
        NatsServer b = nodes.start(TestServers.baseOptions().lameDuckGracePeriod(Duration.ofMillis(100))
                .lameDuckDuration(Duration.ofMillis(300)).cluster(ClusterOptions.NONE.withName(ClusterNodes.CLUSTER)
                        .withListen("127.0.0.1", -1).withRoutes(List.of(routeUrl(a)))).build());
        awaitMesh(a, b);
        checkFor(() -> assertThat(a.info().connectUrls()).contains("127.0.0.1:" + b.clientPort()));
        Thread ldm = new Thread(() -> {
            try {
                b.enterLameDuckMode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ldm.start();
        checkFor(() -> assertThat(a.info().connectUrls()).doesNotContain("127.0.0.1:" + b.clientPort()));
        ldm.join(WAIT.toMillis());
    }
}
