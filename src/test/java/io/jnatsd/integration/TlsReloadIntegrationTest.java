package io.jnatsd.integration;

import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadException;
import io.jnatsd.testing.TestCertificates;
import io.jnatsd.testing.TestServers;
import io.jnatsd.tls.TlsOptions;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client port's certificates across a reload ({@code tlsOption} in {@code server/reload.go}):
 * a new TLS connection is shown the new certificate, a connection made before keeps working, a
 * certificate renewed in place under the same file names is taken, and a file that does not load
 * refuses the reload and changes nothing. Certificates are made at test time.
 */
@Timeout(60)
class TlsReloadIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private NatsServer server;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }

    /** A certificate and key, with a handshake timeout a loaded test machine keeps to. */
    private static TlsOptions tls(Path cert, Path key) {
        return TlsOptions.of(cert, key).withTimeout(WAIT);
    }

    private Connection connect(SSLContext trusting) throws Exception {
        Connection nc = Nats.connect(TestServers.clientOptions(server).sslContext(trusting).build());
        toClose.add(nc);
        return nc;
    }

    /** The certificate the server shows a new TLS connection. */
    private X509Certificate presented() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new TrustingManager()}, null);
        try (java.net.Socket plain = new java.net.Socket(TestServers.HOST, server.clientPort())) {
            plain.setSoTimeout((int) WAIT.toMillis());
            readLine(plain);
            try (SSLSocket tls = (SSLSocket) trustAll.getSocketFactory().createSocket(plain, TestServers.HOST,
                    server.clientPort(), false)) {
                tls.startHandshake();
                return (X509Certificate) tls.getSession().getPeerCertificates()[0];
            }
        }
    }

    private static void readLine(java.net.Socket s) throws java.io.IOException {
        java.io.InputStream in = s.getInputStream();
        int b = in.read();
        while (b != -1 && b != '\n') {
            b = in.read();
        }
    }

    private static void assertRoundTrip(Connection nc, String subject) throws Exception {
        Subscription sub = nc.subscribe(subject);
        nc.publish(subject, new byte[] {7});
        assertThat(sub.nextMessage(WAIT)).isNotNull();
    }

    @Test
    void shouldShowTheNewCertificateToNewConnectionsAndKeepTheOld_whenCertificatesAreReloaded() throws Exception {
        TestCertificates first = TestCertificates.newAuthority();
        TestCertificates second = TestCertificates.newAuthority();
        Path[] one = TestCertificates.write(dir, "one", first.issueServer());
        Path[] two = TestCertificates.write(dir, "two", second.issueServer());
        server = TestServers.start(b -> b.tls(tls(one[0], one[1])));
        Connection before = connect(first.clientContext(null));

        server.reloadOptions(server.options().toBuilder().tls(tls(two[0], two[1])).build());

        Connection after = connect(second.clientContext(null));
        assertRoundTrip(after, "after");
        assertRoundTrip(before, "before");
        assertThat(before.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThatThrownBy(() -> connect(first.clientContext(null))).isInstanceOf(Exception.class);
    }

    @Test
    void shouldTakeACertificateRenewedInPlace_whenReloadedWithTheSameFileNames() throws Exception {
        TestCertificates authority = TestCertificates.newAuthority();
        Path[] live = TestCertificates.write(dir, "live", authority.issueServer());
        server = TestServers.start(b -> b.tls(tls(live[0], live[1])));
        X509Certificate old = presented();
        Path[] renewed = TestCertificates.write(dir, "renewed", authority.issueServer());
        Files.copy(renewed[0], live[0], StandardCopyOption.REPLACE_EXISTING);
        Files.copy(renewed[1], live[1], StandardCopyOption.REPLACE_EXISTING);

        assertThat(server.reloadOptions(server.options())).isEmpty();

        X509Certificate now = presented();
        assertThat(now.getSerialNumber()).isNotEqualTo(old.getSerialNumber());
        assertRoundTrip(connect(authority.clientContext(null)), "renewed");
    }

    @Test
    void shouldRefuseAndKeepTheCertificate_whenTheNewKeyDoesNotLoad() throws Exception {
        TestCertificates authority = TestCertificates.newAuthority();
        Path[] good = TestCertificates.write(dir, "good", authority.issueServer());
        server = TestServers.start(b -> b.tls(tls(good[0], good[1])));
        X509Certificate old = presented();
        Path broken = Files.writeString(dir.resolve("broken-key.pem"), "not a key\n");

        ReloadException e = catchThrowableOfType(ReloadException.class, () -> server.reloadOptions(
                server.options().toBuilder().maxPayload(1024).tls(tls(good[0], broken)).build()));

        assertThat(e).isNotNull();
        assertThat(server.options().maxPayload()).isNotEqualTo(1024);
        assertThat(presented().getSerialNumber()).isEqualTo(old.getSerialNumber());
        assertRoundTrip(connect(authority.clientContext(null)), "still");
    }

    @Test
    void shouldRefuseTurningTlsOff_asADeparture() throws Exception {
        TestCertificates authority = TestCertificates.newAuthority();
        Path[] cert = TestCertificates.write(dir, "c", authority.issueServer());
        server = TestServers.start(b -> b.tls(tls(cert[0], cert[1])));

        ReloadException e = catchThrowableOfType(ReloadException.class,
                () -> server.reloadOptions(server.options().toBuilder().tls(null).build()));

        assertThat(e).hasMessage("config reload not supported for TLSConfig: old=enabled, new=disabled");
    }

    /** Accepts any server certificate: the test only looks at which one is shown. */
    private static final class TrustingManager implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client-side manager never checks clients
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // any certificate: the test reads it
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
