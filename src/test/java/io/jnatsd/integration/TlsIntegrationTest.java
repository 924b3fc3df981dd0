package io.jnatsd.integration;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestCertificates;
import io.jnatsd.testing.TestServers;
import io.jnatsd.tls.TlsOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Client TLS over the wire with the official client: INFO in plain text then the handshake,
 * client certificates, handshake first, allow_non_tls, and plain-text clients refused while
 * the server keeps serving TLS clients. Certificates are made at test time.
 */
@Timeout(60)
class TlsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration REFUSED_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path certDir;
    static TestCertificates authority;
    static TestCertificates.Issued clientCert;
    static TlsOptions serverTls;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        authority = TestCertificates.newAuthority();
        Path[] server = TestCertificates.write(certDir, "server", authority.issueServer());
        clientCert = authority.issueClient("alice", List.of("alice@example.com"), List.of());
        serverTls = TlsOptions.of(server[0], server[1]).withCaFile(authority.writeCa(certDir));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            AutoCloseable c = toClose.get(i);
            if (c instanceof NatsServer s) {
                s.shutdown();
                s.awaitShutdown(5, TimeUnit.SECONDS);
            } else {
                c.close();
            }
        }
    }

    private NatsServer start(UnaryOperator<TlsOptions> tls) {
        return keep(TestServers.start(b -> b.tls(tls.apply(serverTls))));
    }

    private <T extends AutoCloseable> T keep(T c) {
        toClose.add(c);
        return c;
    }

    private Connection connect(NatsServer server, SSLContext context, UnaryOperator<Options.Builder> more)
            throws Exception {
        Options.Builder b = TestServers.clientOptions(server).sslContext(context);
        return keep(Nats.connect(more.apply(b).build()));
    }

    private static void assertRoundTrip(Connection nc) throws Exception {
        Subscription sub = nc.subscribe("tls.test");
        nc.publish("tls.test", "secret".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("secret");
    }

    @Test
    void shouldExchangeMessages_whenClientConnectsOverTls() throws Exception {
        NatsServer server = start(t -> t);
        Connection nc = connect(server, authority.clientContext(null), b -> b);
        assertRoundTrip(nc);
        assertThat(nc.getServerInfo().isTLSRequired()).isTrue();
    }

    @Test
    void shouldSendTlsRequiredInPlainInfo_whenTlsIsConfigured() throws Exception {
        NatsServer server = start(t -> t.withVerify(true));
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()));
        String info = raw.readInfoJson();
        assertThat(info).contains("\"tls_required\":true").contains("\"tls_verify\":true")
                .doesNotContain("tls_available");
    }

    @Test
    void shouldCloseWithoutReply_whenPlainClientSpeaksOnTlsPort() throws Exception {
        NatsServer server = start(t -> t);
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()));
        raw.readInfoJson();
        raw.send("CONNECT {\"verbose\":false}\r\nPING\r\n");
        assertThat(raw.awaitClosedByServer(WAIT)).isZero();
        Connection nc = connect(server, authority.clientContext(null), b -> b);
        assertRoundTrip(nc);
    }

    @Test
    void shouldCloseClient_whenItNeverFinishesTheHandshake() throws Exception {
        NatsServer server = start(t -> t.withTimeout(Duration.ofMillis(300)));
        RawNatsSocket silent = keep(RawNatsSocket.open(server.clientPort()));
        silent.readInfoJson();
        RawNatsSocket stuck = keep(RawNatsSocket.open(server.clientPort()));
        stuck.readInfoJson();
        stuck.send(new byte[] {0x16, 0x03, 0x01});
        assertThat(silent.awaitClosedByServer(WAIT)).isZero();
        assertThat(stuck.awaitClosedByServer(WAIT)).isZero();
        assertRoundTrip(connect(server, authority.clientContext(null), b -> b));
    }

    @Test
    void shouldUseNewCertificate_forHandshakesAfterReplace() throws Exception {
        NatsServer server = start(t -> t);
        TestCertificates next = TestCertificates.newAuthority();
        Path[] files = TestCertificates.write(certDir, "next", next.issueServer());
        server.clientTls().replace(TlsOptions.of(files[0], files[1]));
        assertRoundTrip(connect(server, next.clientContext(null), b -> b));
        Options old = TestServers.clientOptions(server).sslContext(authority.clientContext(null))
                .connectionTimeout(REFUSED_CONNECT_TIMEOUT).build();
        assertThatThrownBy(() -> keep(Nats.connect(old))).isInstanceOf(Exception.class);
    }

    @Test
    void shouldRefusePlainOfficialClient_whenTlsIsRequired() {
        NatsServer server = start(t -> t);
        Options o = TestServers.clientOptions(server).connectionTimeout(REFUSED_CONNECT_TIMEOUT).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).isInstanceOf(Exception.class);
    }

    @Test
    void shouldRefuseClient_whenVerifyIsOnAndClientShowsNoCertificate() throws Exception {
        NatsServer server = start(t -> t.withVerify(true));
        Options o = TestServers.clientOptions(server).sslContext(authority.clientContext(null))
                .connectionTimeout(REFUSED_CONNECT_TIMEOUT).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).isInstanceOf(Exception.class);
        Connection nc = connect(server, authority.clientContext(clientCert), b -> b);
        assertRoundTrip(nc);
    }

    @Test
    void shouldRefuseClientCertificate_whenSignedByAnotherAuthority() {
        NatsServer server = start(t -> t.withVerify(true));
        TestCertificates other = TestCertificates.newAuthority();
        TestCertificates.Issued stranger = other.issueClient("mallory", List.of(), List.of());
        SSLContext context = authority.clientContextShowing(stranger);
        Options o = TestServers.clientOptions(server).sslContext(context)
                .connectionTimeout(REFUSED_CONNECT_TIMEOUT).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).isInstanceOf(Exception.class);
    }

    @Test
    void shouldMapCertificateToUser_whenVerifyAndMap() throws Exception {
        AuthOptions users = AuthOptions.NONE.withUsers(List.of(new AuthOptions.User("alice@example.com", null),
                new AuthOptions.User("CN=carol,O=jnatsd", null)));
        NatsServer server = keep(TestServers.start(b -> b.auth(users).tls(serverTls.withVerifyAndMap(true))));
        Connection alice = connect(server, authority.clientContext(clientCert), b -> b);
        assertRoundTrip(alice);
        TestCertificates.Issued carol = authority.issueClient("carol", List.of(), List.of());
        assertRoundTrip(connect(server, authority.clientContext(carol), b -> b));
        TestCertificates.Issued bob = authority.issueClient("bob", List.of("bob@example.com"), List.of());
        Options o = TestServers.clientOptions(server).sslContext(authority.clientContext(bob))
                .connectionTimeout(REFUSED_CONNECT_TIMEOUT).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).hasMessageContaining("Authorization Violation");
    }

    @Test
    void shouldHandshakeBeforeInfo_whenHandshakeFirst() throws Exception {
        NatsServer server = start(t -> t.withHandshakeFirst(true, Duration.ZERO));
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()).readTimeout(Duration.ofMillis(300)));
        assertThatThrownBy(raw::readLine).isInstanceOf(java.net.SocketTimeoutException.class);
        Connection nc = connect(server, authority.clientContext(null), Options.Builder::tlsFirst);
        assertRoundTrip(nc);
    }

    @Test
    void shouldSendInfoAfterFallbackDelay_whenHandshakeFirstClientStaysSilent() throws Exception {
        // Long enough for a TLS-first client on a busy machine to send its ClientHello in time.
        NatsServer server = start(t -> t.withHandshakeFirst(true, Duration.ofSeconds(1)));
        // The INFO-first client goes first: it also warms this JVM's TLS, so the TLS-first one is quick.
        Connection infoFirst = connect(server, authority.clientContext(null), b -> b);
        assertRoundTrip(infoFirst);
        Connection first = connect(server, authority.clientContext(null), Options.Builder::tlsFirst);
        assertRoundTrip(first);
    }

    @Test
    void shouldServeBothPlainAndTlsClients_whenAllowNonTls() throws Exception {
        NatsServer server = start(t -> t.withAllowNonTls(true));
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()));
        assertThat(raw.readInfoJson()).contains("\"tls_available\":true").doesNotContain("tls_required");
        Connection plain = keep(Nats.connect(TestServers.clientOptions(server).build()));
        assertRoundTrip(plain);
        Connection secure = connect(server, authority.clientContext(null), b -> b);
        assertRoundTrip(secure);
    }
}
