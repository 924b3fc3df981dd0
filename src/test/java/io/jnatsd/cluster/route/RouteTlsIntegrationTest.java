package io.jnatsd.cluster.route;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestCertificates;
import io.jnatsd.testing.TestServers;
import io.jnatsd.tls.TlsOptions;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.awaitRemoteSubs;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.cluster.route.ClusterNodes.routes;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route TLS ({@code cluster { tls {} }}) on real sockets: nodes with certificates from one test CA form a full
 * mesh over TLS and carry messages; a plain node, or one whose certificate another CA signed, cannot join; and
 * a Go 2.9.10 node joins jnatsd nodes over TLS routes.
 */
@Timeout(60)
class RouteTlsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final ClusterNodes nodes = new ClusterNodes();
    private final Logger handlerLog = (Logger) LoggerFactory.getLogger(RouteChannelHandler.class);
    private final ListAppender<ILoggingEvent> handshakeErrors = new ListAppender<>();
    private TestCertificates ca;
    private TlsOptions tls;
    private GoRouteNode go;

    @BeforeEach
    void setUp() throws Exception {
        ca = TestCertificates.newAuthority();
        tls = tlsFrom(ca, "route");
        handshakeErrors.start();
        handlerLog.addAppender(handshakeErrors);
    }

    @AfterEach
    void tearDown() throws Exception {
        handlerLog.detachAppender(handshakeErrors);
        nodes.close();
        if (go != null) {
            go.close();
        }
    }

    private TlsOptions tlsFrom(TestCertificates authority, String name) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(name));
        Path caFile = authority.writeCa(sub);
        Path[] files = TestCertificates.write(sub, name, authority.issueServer());
        return TlsOptions.of(files[0], files[1]).withCaFile(caFile);
    }

    private static ClusterOptions node(TlsOptions tls, List<URI> routes) {
        return ClusterOptions.NONE.withName(ClusterNodes.CLUSTER).withListen(TestServers.HOST, -1).withRoutes(routes)
                .withTls(tls);
    }

    private void awaitHandshakeError() {
        checkFor(() -> assertThat(handshakeErrors.list).anyMatch(e -> e.getFormattedMessage()
                .contains("TLS route handshake error")));
    }

    @Test
    void shouldFormMeshAndCarryMessages_whenEveryNodeUsesTls() throws Exception {
        NatsServer a = nodes.start(node(tls, List.of()));
        NatsServer b = nodes.start(node(tls, List.of(routeUrl(a))));
        NatsServer c = nodes.start(node(tls, List.of(routeUrl(a))));
        awaitMesh(a, b, c);
        try (Connection sub = TestServers.connect(c); Connection pub = TestServers.connect(b)) {
            Subscription s = sub.subscribe("over.tls");
            sub.flush(WAIT);
            awaitRemoteSubs(b, 1);
            pub.publish("over.tls", "secret".getBytes(StandardCharsets.UTF_8));
            pub.flush(WAIT);
            assertThat(new String(s.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("secret");
        }
        assertThat(routes(a).tlsRequired()).isTrue();
    }

    @Test
    void shouldCompressInsideTls_whenBothNodesAskForS2() throws Exception {
        NatsServer a = nodes.start(node(tls, List.of()).withCompression("s2_fast"));
        NatsServer b = nodes.start(node(tls, List.of(routeUrl(a))).withCompression("s2_fast"));
        awaitMesh(a, b);
        // Every connection of the pool (and the system account's pinned route) compresses.
        checkFor(() -> assertThat(routes(a).routes(false)).isNotEmpty().extracting(RouteSnapshot::compression)
                .containsOnly("s2_fast"));
        try (Connection sub = TestServers.connect(a); Connection pub = TestServers.connect(b)) {
            Subscription s = sub.subscribe("tls.s2");
            sub.flush(WAIT);
            awaitRemoteSubs(b, 1);
            byte[] big = "compressible ".repeat(50_000).getBytes(StandardCharsets.UTF_8);
            pub.publish("tls.s2", big);
            pub.flush(WAIT);
            assertThat(s.nextMessage(WAIT).getData()).isEqualTo(big);
        }
    }

    @Test
    void shouldSendNothingInClear_whenAPlainPeerConnects() throws Exception {
        NatsServer a = nodes.start(node(tls, List.of()));
        try (RawNatsSocket plain = RawNatsSocket.open(routes(a).routePort())) {
            plain.send("CONNECT {\"name\":\"NPLAIN\",\"cluster\":\"" + ClusterNodes.CLUSTER + "\"}\r\n");
            // No INFO line: the server waits for a TLS ClientHello, and closes on plain text.
            assertThat(plain.awaitClosedByServer(WAIT)).isGreaterThanOrEqualTo(0);
        }
        assertThat(routes(a).routes(false)).isEmpty();
    }

    @Test
    void shouldNotJoin_whenTheNodeHasNoTls() throws Exception {
        NatsServer a = nodes.start(node(tls, List.of()));
        NatsServer plain = nodes.start(List.of(routeUrl(a)));
        awaitHandshakeError();
        assertThat(routes(a).routes(false)).isEmpty();
        assertThat(routes(plain).routes(false)).isEmpty();
    }

    @Test
    void shouldNotJoin_whenTheNodeCertificateHasAnotherCa() throws Exception {
        NatsServer a = nodes.start(node(tls, List.of()));
        TlsOptions stranger = tlsFrom(TestCertificates.newAuthority(), "stranger");
        NatsServer b = nodes.start(node(stranger, List.of(routeUrl(a))));
        awaitHandshakeError();
        assertThat(routes(a).routes(false)).isEmpty();
        assertThat(routes(b).routes(false)).isEmpty();
    }

    @Test
    void shouldCheckTheDialledName_unlessInsecure() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("named"));
        Path[] named = TestCertificates.write(sub, "named", ca.issueClient("other", List.of(),
                List.of("other.example")));
        NatsServer a = nodes.start(node(TlsOptions.of(named[0], named[1]).withCaFile(tls.caFile()), List.of()));
        // b dials 127.0.0.1, which a's certificate does not name: refused.
        NatsServer b = nodes.start(node(tls, List.of(routeUrl(a))));
        awaitHandshakeError();
        assertThat(routes(b).routes(false)).isEmpty();
        TlsOptions insecure = new TlsOptions(tls.certFile(), tls.keyFile(), tls.caFile(), false, false, null, false,
                null, null, null, null, true, false);
        NatsServer c = nodes.start(node(insecure, List.of(routeUrl(a))));
        awaitMesh(a, c);
    }

    @Test
    void shouldJoinGoNode_whenRoutesUseTls() throws Exception {
        NatsServer a = nodes.start(node(tls, List.of()));
        Path conf = dir.resolve("go.conf");
        Files.writeString(conf, "cluster {\n  name: " + ClusterNodes.CLUSTER + "\n  listen: \"127.0.0.1:-1\"\n"
                + "  tls { cert_file: \"" + tls.certFile() + "\", key_file: \"" + tls.keyFile() + "\", ca_file: \""
                + tls.caFile() + "\", timeout: 3 }\n  routes: [\"" + routeUrl(a) + "\"]\n}\n");
        go = GoRouteNode.startWithConf(conf);
        NatsServer b = nodes.start(node(tls, List.of(go.routeUrl())));
        checkFor(() -> {
            assertThat(routes(a).routes(false)).hasSize(2);
            assertThat(routes(b).routes(false)).hasSize(2);
        });
        try (Connection onGo = io.nats.client.Nats.connect(go.clientUrl()); Connection onA = TestServers.connect(a);
             Connection onB = TestServers.connect(b)) {
            Subscription fromJava = onGo.subscribe("tls.to.go");
            Subscription fromGo = onB.subscribe("tls.from.go");
            onGo.flush(WAIT);
            onB.flush(WAIT);
            checkFor(() -> assertThat(routes(a).routes(true)).flatExtracting(RouteSnapshot::subscriptionsList)
                    .contains("tls.to.go", "tls.from.go"));
            checkFor(() -> assertThat(go.routez()).contains("tls.from.go"));
            onA.publish("tls.to.go", "hello go".getBytes(StandardCharsets.UTF_8));
            onA.flush(WAIT);
            onGo.publish("tls.from.go", "hello java".getBytes(StandardCharsets.UTF_8));
            onGo.flush(WAIT);
            assertThat(new String(fromJava.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("hello go");
            assertThat(new String(fromGo.nextMessage(WAIT).getData(), StandardCharsets.UTF_8))
                    .isEqualTo("hello java");
        }
    }
}
