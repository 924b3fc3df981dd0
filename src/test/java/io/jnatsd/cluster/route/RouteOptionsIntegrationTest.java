package io.jnatsd.cluster.route;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.cluster.route.ClusterNodes.routes;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code cluster {}} options around the handshake, on real sockets: {@code connect_retries} (implicit routes
 * give up, explicit ones never do, as in the reference), the route auth timeout, wrong route credentials,
 * {@code advertise} and {@code no_advertise}.
 */
@Timeout(45)
class RouteOptionsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PEER_CONNECT = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"name\":\"NFAKEPEER\",\"cluster\":\"" + ClusterNodes.CLUSTER
            + "\",\"lnoc\":true}\r\n";
    private static final String PEER_INFO = "INFO {\"server_id\":\"NFAKEPEER\",\"server_name\":\"fake\","
            + "\"version\":\"2.9.10\",\"proto\":2,\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,"
            + "\"max_payload\":1048576,\"cluster\":\"" + ClusterNodes.CLUSTER + "\",\"lnoc\":true}\r\n";

    private final ClusterNodes nodes = new ClusterNodes();
    private final Logger solicitorLog = (Logger) LoggerFactory.getLogger(RouteSolicitor.class);
    private final Logger connectionLog = (Logger) LoggerFactory.getLogger(RouteConnection.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void setUp() {
        levelBefore = solicitorLog.getLevel();
        solicitorLog.setLevel(Level.DEBUG);
        logs.start();
        solicitorLog.addAppender(logs);
        connectionLog.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        solicitorLog.detachAppender(logs);
        connectionLog.detachAppender(logs);
        solicitorLog.setLevel(levelBefore);
        nodes.close();
    }

    private static ClusterOptions node(List<URI> routes) {
        return ClusterOptions.NONE.withName(ClusterNodes.CLUSTER).withListen(TestServers.HOST, -1).withRoutes(routes);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private long attemptsTo(int port) {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("Error trying to connect to route (attempt") && m.contains(":" + port))
                .count();
    }

    @Test
    void shouldKeepDiallingAnExplicitRoute_beyondConnectRetries() throws Exception {
        int port = freePort();
        NatsServer b = nodes.start(node(List.of(URI.create("nats-route://127.0.0.1:" + port))).withConnectRetries(1));
        // connect_retries bounds implicit routes only: a configured route is retried for ever.
        checkFor(() -> assertThat(attemptsTo(port)).isGreaterThanOrEqualTo(3));
        NatsServer a = nodes.start(node(List.of()).withListen(TestServers.HOST, port));
        awaitMesh(a, b);
    }

    @Test
    void shouldGiveUpAnImplicitRoute_afterConnectRetries() throws Exception {
        int dead = freePort();
        URI ghost = URI.create("nats-route://127.0.0.1:" + dead + "/");
        NatsServer a = nodes.start(node(List.of()).withConnectRetries(2));
        try (RawNatsSocket peer = RawNatsSocket.open(routes(a).routePort())) {
            peer.readLine();
            peer.send(PEER_CONNECT + PEER_INFO + "PING\r\n");
            peer.readLineStartingWith("PONG");
            peer.send("INFO {\"server_id\":\"NGHOST\",\"host\":\"127.0.0.1\",\"port\":" + dead + ",\"cluster\":\""
                    + ClusterNodes.CLUSTER + "\",\"ip\":\"" + ghost + "\"}\r\n");
            checkFor(() -> assertThat(attemptsTo(dead)).isGreaterThanOrEqualTo(1));
            // One attempt plus two retries, then the solicitor lets go and schedules nothing more.
            checkFor(() -> assertThat(routes(a).solicitor().isDiallingImplicit(ghost)).isFalse());
            assertThat(attemptsTo(dead)).isEqualTo(3);
        }
    }

    @Test
    void shouldCloseWithAuthenticationTimeout_whenPeerSendsNoConnect() throws Exception {
        NatsServer a = nodes.start(node(List.of()).withCredentials("ruser", "rpass")
                .withAuthTimeout(Duration.ofMillis(300)));
        try (RawNatsSocket peer = RawNatsSocket.open(routes(a).routePort())) {
            assertThat(peer.readLine()).contains("\"auth_required\":true");
            assertThat(peer.readLine()).isEqualTo("-ERR 'Authentication Timeout'");
            assertThat(peer.awaitClosedByServer(WAIT)).isGreaterThanOrEqualTo(0);
        }
        assertThat(routes(a).routes(false)).isEmpty();
    }

    @Test
    void shouldRefuseWithAuthorizationViolation_whenRouteCredentialsAreWrong() throws Exception {
        NatsServer a = nodes.start(node(List.of()).withCredentials("ruser", "rpass"));
        try (RawNatsSocket peer = RawNatsSocket.open(routes(a).routePort())) {
            peer.readLine();
            peer.send(PEER_CONNECT.replace("\"echo\"", "\"user\":\"ruser\",\"pass\":\"wrong\",\"echo\""));
            assertThat(peer.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(peer.awaitClosedByServer(WAIT)).isGreaterThanOrEqualTo(0);
        }
        URI wrong = URI.create("nats-route://ruser:wrong@127.0.0.1:" + routes(a).routePort());
        NatsServer b = nodes.start(node(List.of(wrong)));
        checkFor(() -> assertThat(logs.list).filteredOn(e -> e.getLoggerName().equals(RouteConnection.class.getName()))
                .extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.endsWith("Authorization Violation"))
                .hasSizeGreaterThanOrEqualTo(2));
        // The refusing side never registers the route; the dialler may for a moment (it has the INFO before
        // the -ERR, as a reference server has) and drops it when the connection closes.
        assertThat(routes(a).routes(false)).isEmpty();
        checkFor(() -> assertThat(routes(b).routes(false)).isEmpty());
    }

    @Test
    void shouldAnnounceTheAdvertisedAddress_whenAdvertiseIsSet() throws Exception {
        NatsServer a = nodes.start(node(List.of()).withAdvertise("10.9.8.7:4567"));
        try (RawNatsSocket peer = RawNatsSocket.open(routes(a).routePort())) {
            assertThat(peer.readInfoJson()).contains("\"host\":\"10.9.8.7\"", "\"port\":4567",
                    "\"ip\":\"nats-route://10.9.8.7:4567/\"");
        }
    }

    @Test
    void shouldKeepClientsUnaware_whenANodeHasNoAdvertise() throws Exception {
        NatsServer a = nodes.start(node(List.of()));
        NatsServer hidden = nodes.start(node(List.of(routeUrl(a))).withNoAdvertise(true));
        NatsServer c = nodes.start(node(List.of(routeUrl(a))));
        awaitMesh(a, hidden, c);
        String own = "127.0.0.1:" + a.clientPort();
        checkFor(() -> assertThat(a.info().connectUrls()).containsExactlyInAnyOrder(own, "127.0.0.1:"
                + c.clientPort()));
        assertThat(a.info().connectUrls()).doesNotContain("127.0.0.1:" + hidden.clientPort());
        assertThat(hidden.info().connectUrls()).isEmpty();
        try (RawNatsSocket peer = RawNatsSocket.open(routes(hidden).routePort())) {
            assertThat(peer.readInfoJson()).doesNotContain("connect_urls");
        }
    }
}
