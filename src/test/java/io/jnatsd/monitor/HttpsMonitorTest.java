package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.ListenException;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestCertificates;
import io.jnatsd.testing.TestServers;
import io.jnatsd.tls.TlsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Monitoring over HTTPS ({@code https_port}) with the certificate of the {@code tls {}} block. */
@Timeout(30)
class HttpsMonitorTest {

    @TempDir
    static Path certDir;
    static TestCertificates authority;
    static TlsOptions tls;

    private NatsServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        authority = TestCertificates.newAuthority();
        Path[] files = TestCertificates.write(certDir, "server", authority.issueServer());
        tls = TlsOptions.of(files[0], files[1]).withCaFile(authority.writeCa(certDir)).withVerify(true);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldServeVarzOverTls_whenHttpsPortIsSet() throws Exception {
        server = TestServers.start(b -> b.tls(tls).httpsPort(ServerOptions.RANDOM_PORT));
        int port = server.module(HttpMonitor.class).orElseThrow().port();
        HttpClient client = HttpClient.newBuilder().sslContext(authority.clientContext(null))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/varz")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode varz = MonitorTestSupport.JSON.readTree(response.body());
        assertThat(varz.path("https_port").asInt()).isEqualTo(port);
        assertThat(varz.path("http_port").asInt()).isZero();
        assertThat(varz.path("server_id").asText()).isEqualTo(server.serverId());
    }

    @Test
    void shouldRefuseToStart_whenHttpsPortHasNoTlsBlock() {
        assertThatThrownBy(() -> TestServers.start(b -> b.httpsPort(ServerOptions.RANDOM_PORT)))
                .isInstanceOf(ListenException.class).hasMessageContaining("TLS cert and key required for HTTPS");
    }
}
