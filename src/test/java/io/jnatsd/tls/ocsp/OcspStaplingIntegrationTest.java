package io.jnatsd.tls.ocsp;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.TestServers;
import io.jnatsd.tls.TlsOptions;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OCSP stapling of the server's certificate over the wire: a JDK client reads the staple from the
 * handshake ({@link ExtendedSSLSession#getStatusResponses()}), each mode's start-up outcome with a
 * good, revoked or unreachable responder, the staple kept under {@code store_dir}, and the
 * shutdown of a server whose certificate is revoked while it runs.
 */
@Timeout(120)
class OcspStaplingIntegrationTest {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static OcspTestPki pki;
    static Path caFile;

    @TempDir
    Path storeDir;

    private final List<NatsServer> servers = new ArrayList<>();

    @BeforeAll
    static void makePki() throws Exception {
        pki = new OcspTestPki();
        caFile = pki.writeCa(dir);
        OcspTestPki.Issued warmUp = pki.issueClient("warm-up");
        OcspFetcher.fetch(List.of(pki.url()), OcspFetcher.request(warmUp.certificate(), pki.ca()), HANDSHAKE_TIMEOUT);
    }

    @AfterAll
    static void stopResponder() {
        pki.close();
    }

    @AfterEach
    void stopServers() throws Exception {
        pki.setUp(true);
        pki.setValidFor(Duration.ofHours(1));
        for (NatsServer s : servers) {
            s.shutdown();
            s.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }

    private TlsOptions tls(OcspTestPki.Issued cert, String name) throws Exception {
        Path[] files = OcspTestPki.write(dir, name, cert);
        return TlsOptions.of(files[0], files[1]).withCaFile(caFile).withTimeout(HANDSHAKE_TIMEOUT);
    }

    private NatsServer start(TlsOptions tls, OcspOptions ocsp, UnaryOperator<io.jnatsd.config.ServerOptions.Builder>
            more) {
        NatsServer s = TestServers.start(b -> more.apply(b.tls(tls).ocsp(ocsp)));
        servers.add(s);
        return s;
    }

    private static OcspOptions mode(OcspMode m) {
        return new OcspOptions(m, List.of(), null, null);
    }

    /** The OCSP responses the server stapled in a handshake with a JDK client. */
    private static List<byte[]> staples(NatsServer server) throws Exception {
        try (Socket plain = new Socket(TestServers.HOST, server.clientPort())) {
            plain.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
            readLine(plain.getInputStream());
            SSLSocket ssl = (SSLSocket) pki.clientContext(null).getSocketFactory().createSocket(plain, TestServers.HOST,
                    server.clientPort(), true);
            ssl.startHandshake();
            return ((ExtendedSSLSession) ssl.getSession()).getStatusResponses();
        }
    }

    private static void readLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
    }

    private static void assertStapled(NatsServer server, OcspTestPki.Issued cert, OcspResponse.Status status)
            throws Exception {
        List<byte[]> staples = staples(server);
        assertThat(staples).isNotEmpty();
        OcspResponse r = OcspResponse.parse(staples.getFirst(), pki.ca(), cert.certificate().getSerialNumber());
        assertThat(r.status()).isEqualTo(status);
    }

    @Test
    void shouldStapleGoodResponse_whenModeIsAlways() throws Exception {
        OcspTestPki.Issued cert = pki.issueServer(false);
        NatsServer server = start(tls(cert, "always"), mode(OcspMode.ALWAYS), b -> b);
        assertStapled(server, cert, OcspResponse.Status.GOOD);
        try (Connection nc = Nats.connect(TestServers.clientOptions(server).sslContext(pki.clientContext(null))
                .connectionTimeout(HANDSHAKE_TIMEOUT).build())) {
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void shouldStapleMustStapleCertificate_whenNoOcspBlock() throws Exception {
        OcspTestPki.Issued cert = pki.issueServer(true);
        NatsServer server = start(tls(cert, "auto-must"), OcspOptions.NONE, b -> b);
        assertStapled(server, cert, OcspResponse.Status.GOOD);
    }

    @Test
    void shouldNotStaple_whenModeIsNever_orCertificateHasNoMustStapleInAuto() throws Exception {
        NatsServer never = start(tls(pki.issueServer(true), "never"), mode(OcspMode.NEVER), b -> b);
        assertThat(staples(never)).isEmpty();
        pki.setUp(false);
        NatsServer auto = start(tls(pki.issueServer(false), "auto"), mode(OcspMode.AUTO), b -> b);
        assertThat(staples(auto)).isEmpty();
    }

    @Test
    void shouldRefuseStart_whenCertificateIsRevokedAndModeIsMust() throws Exception {
        OcspTestPki.Issued cert = pki.issueServer(true);
        pki.setStatus(cert, OcspTestPki.Status.REVOKED);
        TlsOptions tls = tls(cert, "must-revoked");
        assertThatThrownBy(() -> start(tls, mode(OcspMode.MUST), b -> b))
                .hasMessage("found existing OCSP status for certificate at '" + tls.certFile() + "': revoked");
    }

    @Test
    void shouldStartAndStapleRevoked_whenCertificateIsRevokedAndModeIsAuto() throws Exception {
        OcspTestPki.Issued cert = pki.issueServer(true);
        pki.setStatus(cert, OcspTestPki.Status.REVOKED);
        NatsServer server = start(tls(cert, "auto-revoked"), mode(OcspMode.AUTO), b -> b);
        assertStapled(server, cert, OcspResponse.Status.REVOKED);
    }

    @Test
    void shouldRefuseStart_whenResponderIsDownAndModeIsAlways() throws Exception {
        TlsOptions tls = tls(pki.issueServer(false), "always-down");
        pki.setUp(false);
        assertThatThrownBy(() -> start(tls, mode(OcspMode.ALWAYS), b -> b))
                .hasMessageStartingWith("bad OCSP status update for certificate at '" + tls.certFile()
                        + "': exhausted ocsp servers: ");
    }

    @Test
    void shouldStartFromStoredStaple_whenResponderIsDownAfterRestart() throws Exception {
        OcspTestPki.Issued cert = pki.issueServer(false);
        TlsOptions tls = tls(cert, "stored");
        NatsServer first = start(tls, mode(OcspMode.ALWAYS), b -> b.storeDir(storeDir));
        first.shutdown();
        first.awaitShutdown(5, TimeUnit.SECONDS);
        try (var files = Files.list(storeDir.resolve("ocsp"))) {
            assertThat(files.toList()).hasSize(1);
        }
        pki.setUp(false);
        NatsServer second = start(tls, mode(OcspMode.ALWAYS), b -> b.storeDir(storeDir));
        assertStapled(second, cert, OcspResponse.Status.GOOD);
    }

    @Test
    void shouldShutDown_whenCertificateIsRevokedWhileRunningAndModeIsAlways() throws Exception {
        OcspTestPki.Issued cert = pki.issueServer(false);
        pki.setValidFor(Duration.ofSeconds(4));
        NatsServer server = start(tls(cert, "always-later"), mode(OcspMode.ALWAYS), b -> b);
        pki.setStatus(cert, OcspTestPki.Status.REVOKED);
        assertThat(server.awaitShutdown(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldAskConfiguredUrl_whenOcspBlockNamesOne() throws Exception {
        OcspTestPki.Issued cert = pki.issueWithoutAia("localhost");
        Path[] files = OcspTestPki.write(dir, "override", cert);
        NatsServer server = ConfTestServers.start("""
                tls { cert_file: "%s", key_file: "%s", ca_file: "%s", timeout: 20 }
                ocsp { mode: always, url: "%s" }
                """.formatted(files[0], files[1], caFile, pki.url()));
        servers.add(server);
        assertStapled(server, cert, OcspResponse.Status.GOOD);
    }
}
