package io.jnatsd.cluster.route;

import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadException;
import io.jnatsd.testing.ConfReloads;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.routes;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code cluster { pool_size, accounts }} across a conf-file reload, as {@code TestConfigReloadRoutePoolAndPerAccount}
 * of the reference: an added account gets its dedicated routes (the peer that was not reloaded yet is told and
 * accepts them), a removed one goes back on its pool route, a new pool size re-forms the pools; messages of every
 * account arrive once on every node throughout. An account that does not exist is refused.
 */
@Timeout(120)
class RoutesPoolReloadIntegrationTest {

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    /** The conf text of a node: the pool accounts, the test cluster, {@code routes}, pool size and pinned accounts. */
    private static String conf(int poolSize, List<String> pinned, List<URI> routes) {
        return PoolNodes.ACCOUNTS + "cluster {\n  name: " + ClusterNodes.CLUSTER + "\n  listen: \"127.0.0.1:-1\"\n"
                + "  pool_size: " + poolSize + "\n"
                + (pinned.isEmpty() ? "" : "  accounts: [" + String.join(", ", pinned) + "]\n")
                + (routes.isEmpty() ? "" : "  routes: [" + String.join(", ", routes.stream().map(URI::toString)
                .toList()) + "]\n")
                + "}\n";
    }

    private NatsServer[] twoNodes(int poolSize, List<String> pinned) {
        NatsServer seed = nodes.start(PoolNodes.options(poolSize, pinned, List.of()));
        NatsServer other = nodes.start(PoolNodes.options(poolSize, pinned, List.of(ClusterNodes.routeUrl(seed))));
        ClusterNodes.awaitMesh(seed, other);
        return new NatsServer[] {seed, other};
    }

    private static void reload(NatsServer server, int poolSize, List<String> pinned) throws ReloadException {
        ConfReloads.reload(server, conf(poolSize, pinned, server.options().cluster().routes()));
    }

    @Test
    void shouldGiveAddedAccountDedicatedRoutes_whenAccountsAreReloaded() throws Exception {
        NatsServer[] n = twoNodes(3, List.of());

        reload(n[0], 3, List.of("A"));

        // The other node was not reloaded yet: it was told of the move and accepted the dedicated route.
        checkFor(() -> {
            assertThat(accountsOfRoutes(n[0])).contains("A");
            assertThat(accountsOfRoutes(n[1])).contains("A");
        });
        deliverOnce(n, "A");
        deliverOnce(n, "C");

        reload(n[1], 3, List.of("A"));

        checkFor(() -> {
            for (NatsServer s : n) {
                assertThat(accountsOfRoutes(s)).containsExactlyInAnyOrder("A", "$SYS");
                assertThat(routes(s).routes(false)).hasSize(3 + 2);
            }
        });
        deliverOnce(n, "A");
        deliverOnce(n, "ACC1");
    }

    @Test
    void shouldPutRemovedAccountBackOnItsPoolRoute_whenAccountsAreReloaded() throws Exception {
        NatsServer[] n = twoNodes(3, List.of(PoolNodes.PINNED));

        reload(n[0], 3, List.of());
        reload(n[1], 3, List.of());

        checkFor(() -> {
            for (NatsServer s : n) {
                assertThat(accountsOfRoutes(s)).containsExactly("$SYS");
                assertThat(routes(s).routes(false)).hasSize(3 + 1);
            }
        });
        deliverOnce(n, PoolNodes.PINNED);
        deliverOnce(n, "A");
    }

    @Test
    void shouldFormPoolsOfTheNewSize_whenPoolSizeIsReloaded() throws Exception {
        NatsServer[] n = twoNodes(3, List.of(PoolNodes.PINNED));

        reload(n[0], 5, List.of(PoolNodes.PINNED));
        reload(n[1], 5, List.of(PoolNodes.PINNED));

        checkFor(() -> {
            for (NatsServer s : n) {
                assertThat(routes(s).poolSize()).isEqualTo(5);
                assertThat(routes(s).routes(false).stream().filter(r -> r.account().isEmpty())
                        .map(RouteSnapshot::poolIndex)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
                assertThat(accountsOfRoutes(s)).containsExactlyInAnyOrder(PoolNodes.PINNED, "$SYS");
            }
        });
        for (String account : List.of("A", "C", "ACC1", PoolNodes.PINNED)) {
            deliverOnce(n, account);
        }
    }

    @Test
    void shouldRefuseWithReferenceError_whenAddedAccountDoesNotExist() throws Exception {
        NatsServer[] n = twoNodes(3, List.of());

        ReloadException e = catchThrowableOfType(ReloadException.class, () -> reload(n[0], 3, List.of("NOPE")));

        assertThat(e).hasMessageContaining(
                "unable to add account \"NOPE\" to the list of dedicated routes: account missing");
        assertThat(accountsOfRoutes(n[0])).containsExactly("$SYS");
    }

    private static List<String> accountsOfRoutes(NatsServer s) {
        return routes(s).routes(false).stream().map(RouteSnapshot::account).filter(a -> !a.isEmpty()).toList();
    }

    /** {@link PoolTraffic#deliverOnceEverywhere} between the nodes, once each node holds the other's interest. */
    private static void deliverOnce(NatsServer[] n, String account) throws Exception {
        PoolTraffic.deliverOnceEverywhere(Arrays.stream(n).map(TestServers::url).toList(), account, (plain, q) -> {
            for (NatsServer s : n) {
                checkFor(() -> assertThat(routes(s).remoteInterest().sublist(account).count()).isEqualTo(2));
            }
        });
        for (NatsServer s : n) {
            checkFor(() -> assertThat(routes(s).remoteInterest().sublist(account).count()).isZero());
        }
    }
}
