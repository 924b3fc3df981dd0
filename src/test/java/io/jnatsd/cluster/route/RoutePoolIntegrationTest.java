package io.jnatsd.cluster.route;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.cluster.route.ClusterNodes.routes;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route pooling between jnatsd nodes: a pool of connections per peer, each account's interest and messages on
 * the connection of its pool index, pinned accounts on their own routes, a mixed pool size, a peer without
 * pooling, and a pool connection that is cut and comes back.
 */
@Timeout(90)
class RoutePoolIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final List<String> PINNED = List.of(PoolNodes.PINNED);

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    private NatsServer[] threeNodes(int thirdPoolSize) {
        NatsServer a = PoolNodes.start(nodes, 3, PINNED, List.of());
        NatsServer b = PoolNodes.start(nodes, 3, PINNED, List.of(routeUrl(a)));
        NatsServer c = PoolNodes.start(nodes, thirdPoolSize, PINNED, List.of(routeUrl(a)));
        return new NatsServer[] {a, b, c};
    }

    @Test
    void shouldCarryEachAccountOnItsPoolConnection_whenThreeNodesPoolThree() throws Exception {
        NatsServer[] n = threeNodes(3);
        ClusterNodes.awaitMesh(n);
        for (NatsServer s : n) {
            assertPools(s, 2);
        }
        for (String account : List.of("A", "C", "ACC1", PoolNodes.PINNED)) {
            deliverOnceEverywhere(n, account);
        }
        for (NatsServer s : n) {
            for (NatsServer peer : n) {
                if (peer != s) {
                    assertInterestOnPoolIndex(s, peer, 3);
                }
            }
        }
    }

    @Test
    void shouldDeliverOnceWithEffectivePoolSize_whenOneNodeHasPoolSizeOne() throws Exception {
        NatsServer[] n = threeNodes(1);
        // Pools of different sizes use the larger one (the reference since 2.11): 3 + 2 pinned routes per peer.
        checkFor(() -> {
            for (NatsServer s : n) {
                assertThat(routes(s).numRemotes()).isEqualTo(2);
                assertThat(routes(s).routes(false)).hasSize(2 * 5);
            }
        });
        for (String account : List.of("A", "C", "ACC1", PoolNodes.PINNED)) {
            deliverOnceEverywhere(n, account);
        }
        // The node with a pool of one sends every account's interest on its first connection.
        assertInterestOnPoolIndex(n[0], n[2], 1);
        assertInterestOnPoolIndex(n[2], n[0], 3);
    }

    @Test
    void shouldUseOneRouteForEveryAccount_whenPeerDisablesPooling() throws Exception {
        NatsServer a = PoolNodes.start(nodes, 3, PINNED, List.of());
        NatsServer b = PoolNodes.start(nodes, -1, List.of(), List.of(routeUrl(a)));
        checkFor(() -> {
            assertThat(routes(a).routes(false)).singleElement()
                    .satisfies(r -> assertThat(r.account()).isEmpty());
            assertThat(routes(b).routes(false)).hasSize(1);
        });
        NatsServer[] n = {a, b};
        for (String account : List.of("A", "C", PoolNodes.PINNED)) {
            deliverOnceEverywhere(n, account);
        }
    }

    @Test
    void shouldReconnectPoolConnection_whenOneIsCut() throws Exception {
        NatsServer a = PoolNodes.start(nodes, 3, PINNED, List.of());
        NatsServer b = PoolNodes.start(nodes, 3, PINNED, List.of(routeUrl(a)));
        ClusterNodes.awaitMesh(a, b);
        RouteConnection cut = poolRoute(a, b, 1);
        cut.close("Test Cut");
        checkFor(() -> {
            RouteConnection again = poolRoute(a, b, 1);
            assertThat(again).isNotNull().isNotSameAs(cut);
            assertThat(routes(a).routes(false)).hasSize(ClusterNodes.connectionsPerPeer(a));
        });
        // Account C sits on pool index 1: its interest came back on the new connection and its messages flow.
        deliverOnceEverywhere(new NatsServer[] {a, b}, "C");
        assertInterestOnPoolIndex(a, b, 3);
    }

    private static RouteConnection poolRoute(NatsServer server, NatsServer peer, int index) {
        return routes(server).registry().registered().stream()
                .filter(r -> r.remoteId().equals(peer.serverId()) && r.slot().account() == null
                        && r.slot().index() == index && !r.isClosed())
                .findFirst().orElse(null);
    }

    /** Every peer has a full pool (indexes 0..2) and a dedicated route for P and for the system account. */
    private static void assertPools(NatsServer server, int peers) {
        List<RouteSnapshot> all = routes(server).routes(false);
        assertThat(all.stream().map(RouteSnapshot::remoteId).distinct()).hasSize(peers);
        for (String peer : all.stream().map(RouteSnapshot::remoteId).distinct().toList()) {
            List<RouteSnapshot> mine = all.stream().filter(r -> r.remoteId().equals(peer)).toList();
            assertThat(mine.stream().filter(r -> r.account().isEmpty()).map(RouteSnapshot::poolIndex))
                    .containsExactlyInAnyOrder(0, 1, 2);
            assertThat(mine.stream().map(RouteSnapshot::account).filter(s -> !s.isEmpty()))
                    .containsExactlyInAnyOrder(PoolNodes.PINNED, "$SYS");
        }
    }

    /**
     * Interest made on {@code peer} reaches {@code server} on the route of each account's pool index (as
     * {@code peer} computes it with {@code peerPoolSize}), and P's on P's dedicated route only.
     */
    private static void assertInterestOnPoolIndex(NatsServer server, NatsServer peer, int peerPoolSize)
            throws Exception {
        List<Connection> subscribers = new ArrayList<>();
        try {
            for (String account : List.of("A", "C", "ACC1", PoolNodes.PINNED)) {
                Connection c = PoolNodes.connect(peer, account);
                subscribers.add(c);
                c.subscribe("pool." + account + ".plain");
                c.flush(WAIT);
            }
            checkFor(() -> {
                List<RouteSnapshot> mine = routes(server).routes(true).stream()
                        .filter(r -> r.remoteId().equals(peer.serverId())).toList();
                assertThat(mine).isNotEmpty();
                for (RouteSnapshot r : mine) {
                    for (String account : List.of("A", "C", "ACC1", PoolNodes.PINNED)) {
                        boolean carries = PoolNodes.PINNED.equals(account) ? r.account().equals(account)
                                : r.account().isEmpty() && r.poolIndex() == RoutePoolIndex.of(peerPoolSize, account);
                        assertThat(r.subscriptionsList().contains("pool." + account + ".plain"))
                                .as("route %s for %s", r, account).isEqualTo(carries);
                    }
                }
            });
        } finally {
            for (Connection c : subscribers) {
                c.close();
            }
        }
    }

    /** {@link PoolTraffic#deliverOnceEverywhere} on jnatsd nodes; the interest is then withdrawn everywhere. */
    private static void deliverOnceEverywhere(NatsServer[] servers, String account) throws Exception {
        List<String> urls = Arrays.stream(servers).map(TestServers::url).toList();
        int peers = servers.length - 1;
        PoolTraffic.deliverOnceEverywhere(urls, account, (plain, queued) -> {
            for (NatsServer s : servers) {
                checkFor(() -> assertThat(routes(s).remoteInterest().sublist(account).count()).isEqualTo(2 * peers));
            }
        });
        for (NatsServer s : servers) {
            checkFor(() -> assertThat(routes(s).remoteInterest().sublist(account).count()).isZero());
        }
    }
}
