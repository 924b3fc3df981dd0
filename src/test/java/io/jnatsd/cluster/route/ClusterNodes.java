package io.jnatsd.cluster.route;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ClusterOptionsReader;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** In-process jnatsd cluster nodes for tests: loopback, random ports, closed together with their clients. */
final class ClusterNodes implements AutoCloseable {

    static final String CLUSTER = "test-cluster";

    private final List<NatsServer> servers = new ArrayList<>();
    private final List<Connection> clients = new ArrayList<>();

    /** A jnats client of {@code server} ({@link TestServers#connect}), closed before the nodes. */
    Connection connect(NatsServer server) throws Exception {
        return keep(TestServers.connect(server));
    }

    /** Closes {@code client} with the nodes, before them; @return it */
    Connection keep(Connection client) {
        clients.add(client);
        return client;
    }

    /** A node of {@link #CLUSTER} on a random route port, dialling {@code routes}. */
    NatsServer start(List<URI> routes) {
        return start(ClusterOptions.NONE.withName(CLUSTER).withListen(TestServers.HOST, -1).withRoutes(routes));
    }

    NatsServer start(ClusterOptions cluster) {
        return start(TestServers.baseOptions().cluster(cluster).build());
    }

    NatsServer start(ServerOptions options) {
        NatsServer s = TestServers.start(options);
        servers.add(s);
        return s;
    }

    /** Three nodes that know only the first as their seed, returned once the full mesh has formed. */
    NatsServer[] threeNodes() {
        NatsServer a = start(List.of());
        NatsServer b = start(List.of(routeUrl(a)));
        NatsServer c = start(List.of(routeUrl(a)));
        awaitMesh(a, b, c);
        return new NatsServer[] {a, b, c};
    }

    static RouteModule routes(NatsServer server) {
        return server.module(RouteModule.class).orElseThrow();
    }

    /** The route URL of {@code server}. */
    static URI routeUrl(NatsServer server) {
        return ClusterOptionsReader.parseRouteUrl("nats-route://127.0.0.1:" + routes(server).routePort());
    }

    /**
     * Waits until every server has a route to each of the others, with every connection of each pool and
     * every pinned-account route up (nodes with the same pool configuration).
     */
    static void awaitMesh(NatsServer... nodes) {
        checkFor(() -> {
            for (NatsServer n : nodes) {
                assertThat(routes(n).numRemotes()).isEqualTo(nodes.length - 1);
                assertThat(routes(n).routes(false)).hasSize((nodes.length - 1) * connectionsPerPeer(n));
            }
        });
    }

    /** The route connections {@code server} keeps to each pooled peer: its pool and its pinned accounts. */
    static int connectionsPerPeer(NatsServer server) {
        RoutePool pool = routes(server).pool();
        return pool.pooling() ? pool.localSize() + pool.pinnedAccounts().size() : 1;
    }

    /** Waits until {@code server} holds {@code count} subscriptions announced by its peers. */
    static void awaitRemoteSubs(NatsServer server, int count) {
        checkFor(() -> assertThat(routes(server).numRemoteSubscriptions()).isEqualTo(count));
    }

    List<NatsServer> servers() {
        return List.copyOf(servers);
    }

    @Override
    public void close() {
        for (Connection c : clients) {
            try {
                c.close();
            } catch (InterruptedException e) {
                // Keep closing the rest: the interrupt is passed on to the test's thread.
                Thread.currentThread().interrupt();
            }
        }
        clients.clear();
        for (NatsServer s : servers) {
            s.shutdown();
        }
        servers.clear();
    }
}
