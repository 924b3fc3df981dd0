package io.jnatsd.cluster.route;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadException;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.cluster.route.ClusterNodes.routes;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code cluster { routes }} across a reload, as {@code TestConfigReloadClusterRoutes} of the
 * reference does with {@code srv_a_1.conf} and {@code srv_a_3.conf}: a removed route is closed
 * and stays closed, a new one is dialled and joins the cluster, a client stays connected
 * throughout; any other cluster change is refused and changes nothing.
 */
@Timeout(30)
class RoutesReloadIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ClusterNodes nodes = new ClusterNodes();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        nodes.close();
    }

    private Connection connect(NatsServer server) throws Exception {
        Connection nc = TestServers.connect(server);
        toClose.add(nc);
        return nc;
    }

    private static List<String> reloadCluster(NatsServer server, UnaryOperator<ClusterOptions> change)
            throws ReloadException {
        return server.reloadOptions(server.options().toBuilder().cluster(change.apply(server.options().cluster()))
                .build());
    }

    private static List<String> peerIds(NatsServer server) {
        // Each peer has several connections (the pool, the system account's pinned route): one id per peer.
        return routes(server).routes(false).stream().map(RouteSnapshot::remoteId).distinct().toList();
    }

    @Test
    void shouldDropTheRemovedRouteAndFormTheAddedOne_whenRoutesAreReloaded() throws Exception {
        NatsServer b = nodes.start(List.of());
        NatsServer c = nodes.start(List.of());
        NatsServer a = nodes.start(List.of(routeUrl(b)));
        ClusterNodes.awaitMesh(a, b);
        Connection onA = connect(a);
        Subscription sub = onA.subscribe("news");
        onA.flush(WAIT);

        assertThat(reloadCluster(a, o -> o.withRoutes(List.of(routeUrl(c))))).containsExactly("cluster");

        checkFor(() -> assertThat(peerIds(a)).containsExactly(c.serverId()));
        checkFor(() -> assertThat(peerIds(b)).isEmpty());
        ClusterNodes.awaitRemoteSubs(c, 1);
        connect(c).publish("news", new byte[] {1});
        assertThat(sub.nextMessage(WAIT)).isNotNull();
        assertThat(onA.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertNoRouteFor(Duration.ofMillis(RouteSolicitor.RECONNECT_DELAY_MILLIS + 400), b);
    }

    /**
     * Watches {@code server} for longer than the solicitor's reconnect delay: a removed route
     * would be dialled again within it. An observation window, not a synchronisation.
     */
    private static void assertNoRouteFor(Duration window, NatsServer server) {
        long endNanos = System.nanoTime() + window.toNanos();
        while (endNanos - System.nanoTime() > 0) {
            assertThat(routes(server).routes(false)).isEmpty();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @Test
    void shouldRefuseAndKeepTheRoutes_whenTheClusterPortChanges() throws Exception {
        NatsServer b = nodes.start(List.of());
        NatsServer c = nodes.start(List.of());
        NatsServer a = nodes.start(List.of(routeUrl(b)));
        ClusterNodes.awaitMesh(a, b);
        int bound = routes(a).routePort();
        int other = bound == 65000 ? 65001 : 65000;

        ReloadException e = catchThrowableOfType(ReloadException.class, () -> reloadCluster(a,
                o -> o.withRoutes(List.of(routeUrl(c))).withListen(o.host(), other)));

        assertThat(e).hasMessage("config reload not supported for cluster port: old=" + bound + ", new=" + other);
        assertThat(a.options().cluster().routes()).containsExactly(routeUrl(b));
        assertThat(peerIds(a)).containsExactly(b.serverId());
        assertThat(peerIds(c)).isEmpty();
    }

    @Test
    void shouldRefuseWithTheFieldName_whenAnotherClusterOptionChanges() throws Exception {
        NatsServer a = nodes.start(List.of());

        ReloadException e = catchThrowableOfType(ReloadException.class,
                () -> reloadCluster(a, o -> o.withName("other")));
        ReloadException host = catchThrowableOfType(ReloadException.class,
                () -> reloadCluster(a, o -> o.withListen("0.0.0.0", o.port())));

        assertThat(e).hasMessage("config reload not supported for Cluster.Name: old=" + ClusterNodes.CLUSTER
                + ", new=other");
        assertThat(host).hasMessage("config reload not supported for cluster host: old=127.0.0.1, new=0.0.0.0");
        assertThat(routes(a).clusterName()).isEqualTo(ClusterNodes.CLUSTER);
    }

    @Test
    void shouldRefuseTurningClusteringOn_whenTheServerRunsAlone() throws Exception {
        NatsServer alone = nodes.start(TestServers.baseOptions().build());
        URI somewhere = URI.create("nats-route://127.0.0.1:7246");

        ReloadException e = catchThrowableOfType(ReloadException.class, () -> reloadCluster(alone,
                o -> o.withListen(o.host(), 7244).withRoutes(List.of(somewhere))));

        assertThat(e).hasMessage("config reload not supported for cluster port: old=0, new=7244");
    }
}
