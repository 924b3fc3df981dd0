package io.jnatsd.cluster.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.monitor.HttpMonitor;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.jnatsd.cluster.route.ClusterNodes.routes;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full pool between every pair of a three-node jnatsd cluster, read from /routez: exactly {@code pool_size}
 * pooled connections plus one per pinned account (P and the system account) for each peer, with the pinned
 * routes formed with peers learned by gossip as well as the configured ones, no duplicate left after every
 * node dials every other at once, and a pinned account's route formed again after it is killed.
 */
@Timeout(120)
class RoutePoolMeshIntegrationTest {

    private static final List<String> PINNED = List.of(PoolNodes.PINNED);
    private static final List<String> PINNED_ROUTES = List.of(PoolNodes.PINNED, "$SYS");
    private static final int POOL = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    private NatsServer start(List<URI> routes, int routePort) {
        ServerOptions o = PoolNodes.options(POOL, PINNED, routes);
        return nodes.start(o.toBuilder().httpHost(TestServers.HOST).httpPort(-1)
                .cluster(o.cluster().withListen(TestServers.HOST, routePort)).build());
    }

    @Test
    void shouldFormPoolAndPinnedRoutesWithEveryPeer_whenThreeNodesStartFromOneSeed() throws Exception {
        NatsServer seed = start(List.of(), -1);
        NatsServer b = start(List.of(ClusterNodes.routeUrl(seed)), -1);
        NatsServer c = start(List.of(ClusterNodes.routeUrl(seed)), -1);
        NatsServer[] all = {seed, b, c};

        checkFor(() -> {
            for (NatsServer s : all) {
                assertFullPools(s, all);
            }
        });
        // b and c know only the seed: their routes to each other, pinned ones included, came from gossip.
        assertThat(pinnedAccountsTo(b, c)).containsExactlyInAnyOrderElementsOf(PINNED_ROUTES);
        assertThat(pinnedAccountsTo(c, b)).containsExactlyInAnyOrderElementsOf(PINNED_ROUTES);
        assertThat(routes(b).options().routes()).containsExactly(ClusterNodes.routeUrl(seed));
    }

    @Test
    void shouldKeepOneConnectionPerSlot_whenEveryNodeDialsEveryOtherAtOnce() throws Exception {
        int[] ports = freePorts(3);
        List<URI> urls = Arrays.stream(ports)
                .mapToObj(p -> URI.create("nats-route://127.0.0.1:" + p)).toList();
        List<CompletableFuture<NatsServer>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<URI> others = new ArrayList<>(urls);
            others.remove(i);
            int port = ports[i];
            starting.add(CompletableFuture.supplyAsync(() -> start(others, port)));
        }
        NatsServer[] all = starting.stream().map(CompletableFuture::join).toArray(NatsServer[]::new);

        checkFor(() -> {
            for (NatsServer s : all) {
                assertFullPools(s, all);
            }
        });
        // Settled: the duplicates of the simultaneous dials are gone and nothing flaps.
        List<Long> ridsBefore = rids(all);
        PoolTraffic.deliverOnceEverywhere(Arrays.stream(all).map(TestServers::url).toList(), "A",
                (plain, queued) -> awaitInterest(all, "A"));
        for (NatsServer s : all) {
            assertFullPools(s, all);
        }
        assertThat(rids(all)).isEqualTo(ridsBefore);
    }

    @Test
    void shouldFormPinnedRouteAgain_whenItsConnectionIsKilled() throws Exception {
        NatsServer seed = start(List.of(), -1);
        NatsServer b = start(List.of(ClusterNodes.routeUrl(seed)), -1);
        NatsServer c = start(List.of(ClusterNodes.routeUrl(seed)), -1);
        NatsServer[] all = {seed, b, c};
        ClusterNodes.awaitMesh(all);
        // The gossiped pair: b and c were never configured to know each other.
        RouteConnection killed = pinnedRoute(b, c);
        assertThat(killed).isNotNull();

        killed.close("Test Kill");

        checkFor(() -> {
            RouteConnection again = pinnedRoute(b, c);
            assertThat(again).isNotNull().isNotSameAs(killed);
            assertThat(pinnedRoute(c, b)).isNotNull();
            for (NatsServer s : all) {
                assertFullPools(s, all);
            }
        });
        PoolTraffic.deliverOnceEverywhere(Arrays.stream(all).map(TestServers::url).toList(), PoolNodes.PINNED,
                (plain, queued) -> awaitInterest(all, PoolNodes.PINNED));
    }

    /** /routez of {@code server}: for each other node, pool indexes 0..2 once each and one route per pinned account. */
    private static void assertFullPools(NatsServer server, NatsServer[] all) throws Exception {
        JsonNode routez = routez(server);
        Map<String, List<JsonNode>> byPeer = new HashMap<>();
        for (JsonNode r : routez.path("routes")) {
            byPeer.computeIfAbsent(r.path("remote_id").asText(), k -> new ArrayList<>()).add(r);
        }
        List<String> peers = Arrays.stream(all).filter(s -> s != server).map(NatsServer::serverId).toList();
        assertThat(byPeer.keySet()).containsExactlyInAnyOrderElementsOf(peers);
        assertThat(routez.path("num_routes").asInt()).isEqualTo(peers.size() * (POOL + PINNED_ROUTES.size()));
        for (String peer : peers) {
            List<JsonNode> mine = byPeer.get(peer);
            assertThat(mine).hasSize(POOL + PINNED_ROUTES.size());
            assertThat(mine.stream().filter(r -> r.has("account")).map(r -> r.path("account").asText()))
                    .containsExactlyInAnyOrderElementsOf(PINNED_ROUTES);
        }
        for (NatsServer peer : all) {
            if (peer != server) {
                assertThat(routes(server).registry().registered().stream()
                        .filter(r -> r.remoteId().equals(peer.serverId()) && r.slot().account() == null)
                        .map(r -> r.slot().index())).containsExactlyInAnyOrder(0, 1, 2);
            }
        }
    }

    private static JsonNode routez(NatsServer s) throws Exception {
        int port = s.module(HttpMonitor.class).orElseThrow().port();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/routez")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static List<String> pinnedAccountsTo(NatsServer server, NatsServer peer) {
        return routes(server).routes(false).stream()
                .filter(r -> r.remoteId().equals(peer.serverId()) && !r.account().isEmpty())
                .map(RouteSnapshot::account).toList();
    }

    private static RouteConnection pinnedRoute(NatsServer server, NatsServer peer) {
        return routes(server).registry().registered().stream()
                .filter(r -> r.remoteId().equals(peer.serverId()) && PoolNodes.PINNED.equals(r.slot().account())
                        && !r.isClosed())
                .findFirst().orElse(null);
    }

    private static List<Long> rids(NatsServer[] all) {
        List<Long> out = new ArrayList<>();
        for (NatsServer s : all) {
            routes(s).routes(false).stream().map(RouteSnapshot::rid).sorted().forEach(out::add);
        }
        return out;
    }

    /** Each node holds a plain and a queue subscription of {@code account} from each of the two others. */
    private static void awaitInterest(NatsServer[] all, String account) {
        for (NatsServer s : all) {
            checkFor(() -> assertThat(routes(s).remoteInterest().sublist(account).count()).isEqualTo(4));
        }
    }

    private static int[] freePorts(int n) throws Exception {
        int[] out = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                out[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return out;
    }
}
