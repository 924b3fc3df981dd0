package io.jnatsd.cluster.route;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.JnatsdProcess;
import io.jnatsd.testing.QuietErrorListener;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.cluster.route.ClusterNodes.routes;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster node in its own process is killed with SIGKILL: its peers drop it, and once restarted it rejoins
 * the mesh and its new subscriptions get messages published on another node.
 */
@Timeout(120)
class RouteKillProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final ClusterNodes nodes = new ClusterNodes();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        nodes.close();
    }

    @Test
    void shouldRejoinAndGetMessages_whenNodeIsKilledAndRestarted() throws Exception {
        NatsServer a = nodes.start(List.of());
        NatsServer b = nodes.start(List.of(routeUrl(a)));
        awaitMesh(a, b);
        Path conf = dir.resolve("c.conf");
        Files.writeString(conf, """
            listen: "127.0.0.1:-1"
            cluster {
              name: %s
              listen: "127.0.0.1:-1"
              routes: ["%s"]
            }
            """.formatted(ClusterNodes.CLUSTER, routeUrl(a)));
        try (Connection pub = TestServers.connect(b)) {
            JnatsdProcess c = start(conf);
            checkFor(START_TIMEOUT, Duration.ofMillis(20), () -> assertPeers(2, a, b));
            assertDelivered(pub, connect(c.awaitClientPort(dir, START_TIMEOUT)), "kill.before");

            c.kill9(WAIT);
            checkFor(() -> assertPeers(1, a, b));

            JnatsdProcess restarted = start(conf);
            checkFor(START_TIMEOUT, Duration.ofMillis(20), () -> assertPeers(2, a, b));
            assertDelivered(pub, connect(restarted.awaitClientPort(dir, START_TIMEOUT)), "kill.after");
        }
    }

    private static void assertPeers(int peers, NatsServer... servers) {
        for (NatsServer s : servers) {
            assertThat(routes(s).numRemotes()).as("peers of %s", s.serverId()).isEqualTo(peers);
        }
    }

    /** Publishes on {@code pub} until the subscriber on the other node has one: interest crosses in its own time. */
    private static void assertDelivered(Connection pub, Connection subscriber, String subject) throws Exception {
        Subscription s = subscriber.subscribe(subject);
        subscriber.flush(WAIT);
        checkFor(() -> {
            pub.publish(subject, new byte[] {7});
            pub.flush(WAIT);
            assertThat(s.nextMessage(Duration.ofMillis(100))).isNotNull();
        });
    }

    private JnatsdProcess start(Path conf) throws Exception {
        JnatsdProcess p = JnatsdProcess.start(dir, "-c", conf.toString(), "--ports_file_dir", dir.toString());
        toClose.add(p);
        return p;
    }



    private Connection connect(int port) throws Exception {
        Connection nc = Nats.connect(Options.builder().server("nats://127.0.0.1:" + port)
            .connectionTimeout(WAIT).noReconnect().errorListener(new QuietErrorListener()).build());
        toClose.add(nc);
        return nc;
    }
}
