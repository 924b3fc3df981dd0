package io.jnatsd.cluster.route;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.awaitRemoteSubs;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Three jnatsd nodes: interest comes and goes on every node, queue groups span the cluster, a node rejoins. */
@Timeout(60)
class RouteInterestIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    @Test
    void shouldWithdrawInterestOnEveryNode_whenSubscriberUnsubscribes() throws Exception {
        NatsServer[] n = nodes.threeNodes();
        try (Connection client = TestServers.connect(n[1])) {
            Subscription sub = client.subscribe("interest.>");
            client.flush(WAIT);
            awaitRemoteSubs(n[0], 1);
            awaitRemoteSubs(n[2], 1);
            sub.unsubscribe();
            client.flush(WAIT);
            awaitRemoteSubs(n[0], 0);
            awaitRemoteSubs(n[2], 0);
        }
    }

    @Test
    void shouldWithdrawInterest_whenSubscriberDisconnects() throws Exception {
        NatsServer[] n = nodes.threeNodes();
        Connection client = TestServers.connect(n[2]);
        client.subscribe("gone.a");
        client.subscribe("gone.b", "q");
        client.flush(WAIT);
        awaitRemoteSubs(n[0], 2);
        client.close();
        awaitRemoteSubs(n[0], 0);
        awaitRemoteSubs(n[1], 0);
    }

    @Test
    void shouldPropagateUnsubscribe_whenMaxMessagesReached() throws Exception {
        NatsServer[] n = nodes.threeNodes();
        try (Connection sub = TestServers.connect(n[1]); Connection pub = TestServers.connect(n[0])) {
            java.util.concurrent.atomic.AtomicInteger got = new java.util.concurrent.atomic.AtomicInteger();
            io.nats.client.Dispatcher d = sub.createDispatcher(m -> got.incrementAndGet());
            d.subscribe("limited");
            sub.flush(WAIT);
            d.unsubscribe("limited", 2);
            sub.flush(WAIT);
            awaitRemoteSubs(n[0], 1);
            for (int i = 0; i < 5; i++) {
                pub.publish("limited", new byte[] {(byte) i});
            }
            pub.flush(WAIT);
            awaitRemoteSubs(n[0], 0);
            awaitRemoteSubs(n[2], 0);
            checkFor(() -> assertThat(got.get()).isEqualTo(2));
            sub.flush(WAIT);
            assertThat(got.get()).isEqualTo(2);
        }
    }

    @Test
    void shouldDeliverOncePerGroupInCluster_preferringLocalMembers() throws Exception {
        NatsServer[] n = nodes.threeNodes();
        List<Connection> conns = new ArrayList<>();
        try {
            List<Subscription> remoteMembers = new ArrayList<>();
            for (int i = 1; i < 3; i++) {
                Connection c = TestServers.connect(n[i]);
                conns.add(c);
                remoteMembers.add(c.subscribe("work", "workers"));
                c.flush(WAIT);
            }
            Connection local = TestServers.connect(n[0]);
            conns.add(local);
            Subscription localMember = local.subscribe("work", "workers");
            local.flush(WAIT);
            awaitRemoteSubs(n[0], 2);
            for (int i = 0; i < 200; i++) {
                local.publish("work", new byte[] {1});
            }
            local.flush(WAIT);
            checkFor(() -> assertThat(localMember.getPendingMessageCount()).isEqualTo(200));
            localMember.unsubscribe();
            local.flush(WAIT);
            for (int i = 0; i < 200; i++) {
                local.publish("work", new byte[] {2});
            }
            local.flush(WAIT);
            checkFor(() -> assertThat(remoteMembers.stream().mapToLong(Subscription::getPendingMessageCount).sum())
                    .isEqualTo(200));
            for (Subscription m : remoteMembers) {
                // Weighted random choice between two nodes with one member each: both get some.
                assertThat(m.getPendingMessageCount()).isGreaterThan(20);
            }
        } finally {
            for (Connection c : conns) {
                c.close();
            }
        }
    }

    @Test
    void shouldRouteInternalClients_likeNetworkClients() throws Exception {
        NatsServer[] n = nodes.threeNodes();
        io.jnatsd.server.InternalConnection internal = n[1].createInternalConnection(n[1].globalAccount());
        java.util.concurrent.BlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
        internal.subscribe("internal.in", null, (sub, subject, reply, headers, payload) ->
                got.add(subject + ":" + new String(payload)));
        awaitRemoteSubs(n[0], 1);
        try (Connection client = TestServers.connect(n[0])) {
            Subscription s = client.subscribe("internal.out");
            client.flush(WAIT);
            awaitRemoteSubs(n[1], 1);
            client.publish("internal.in", "to-internal".getBytes());
            client.flush(WAIT);
            assertThat(got.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("internal.in:to-internal");
            internal.publish("internal.out", null, null, "from-internal".getBytes());
            assertThat(new String(s.nextMessage(WAIT).getData())).isEqualTo("from-internal");
        }
    }

    @Test
    void shouldRejoinAndRebuildInterest_whenNodeRestarts() throws Exception {
        NatsServer a = nodes.start(List.of());
        NatsServer b = nodes.start(List.of(routeUrl(a)));
        NatsServer c = nodes.start(List.of(routeUrl(a)));
        awaitMesh(a, b, c);
        int cRoutePort = ClusterNodes.routes(c).routePort();
        int cClientPort = c.clientPort();
        c.shutdown();
        checkFor(() -> assertThat(ClusterNodes.routes(a).numRemotes()).isEqualTo(1));
        NatsServer c2 = nodes.start(TestServers.baseOptions().port(cClientPort).cluster(ClusterOptions.NONE
                .withName(ClusterNodes.CLUSTER).withListen("127.0.0.1", cRoutePort).withRoutes(List.of(routeUrl(a))))
                .build());
        try (Connection sub = TestServers.connect(c2); Connection pub = TestServers.connect(b)) {
            Subscription s = sub.subscribe("rejoin");
            sub.flush(WAIT);
            awaitMesh(a, b, c2);
            awaitRemoteSubs(b, 1);
            pub.publish("rejoin", new byte[] {7});
            pub.flush(WAIT);
            assertThat(s.nextMessage(WAIT)).isNotNull();
        }
    }
}
