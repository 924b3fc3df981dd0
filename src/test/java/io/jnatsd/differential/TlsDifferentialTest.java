package io.jnatsd.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestCertificates;
import io.jnatsd.testing.TestServers;
import io.jnatsd.tls.TlsOptions;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same TLS set-up (--tlsverify with a CA) on the Go reference and on jnatsd: the same
 * tls_* fields in the plain INFO, a plain-text client closed without a byte of reply, and the
 * official client with a client certificate let in by both.
 */
@Timeout(60)
class TlsDifferentialTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestCertificates authority;
    static TestCertificates.Issued clientCert;
    static ReferenceServer reference;
    static NatsServer jnatsd;

    @BeforeAll
    static void startServers() throws Exception {
        authority = TestCertificates.newAuthority();
        Path[] server = TestCertificates.write(dir, "server", authority.issueServer());
        Path ca = authority.writeCa(dir);
        clientCert = authority.issueClient("alice", List.of(), List.of());
        reference = ReferenceServer.start(List.of("--tlsverify", "--tlscert", server[0].toString(), "--tlskey",
                server[1].toString(), "--tlscacert", ca.toString()));
        jnatsd = TestServers.start(b -> b.tls(TlsOptions.of(server[0], server[1]).withCaFile(ca).withVerify(true)));
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (reference != null) {
            reference.close();
        }
        if (jnatsd != null) {
            jnatsd.shutdown();
            jnatsd.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }

    private static TreeMap<String, String> tlsFields(int port) throws Exception {
        try (RawNatsSocket raw = RawNatsSocket.open(port)) {
            JsonNode info = JSON.readTree(raw.readInfoJson());
            TreeMap<String, String> out = new TreeMap<>();
            info.properties().forEach(e -> {
                if (e.getKey().startsWith("tls")) {
                    out.put(e.getKey(), e.getValue().toString());
                }
            });
            return out;
        }
    }

    @Test
    void shouldSendSameTlsFieldsInInfo_whenTlsVerifyIsOn() throws Exception {
        assertThat(tlsFields(jnatsd.clientPort())).isEqualTo(tlsFields(reference.port()))
                .containsEntry("tls_required", "true").containsEntry("tls_verify", "true");
    }

    @Test
    void shouldCloseSilently_whenPlainClientSendsConnect() throws Exception {
        for (int port : new int[] {reference.port(), jnatsd.clientPort()}) {
            try (RawNatsSocket raw = RawNatsSocket.open(port)) {
                raw.readInfoJson();
                raw.send("CONNECT {\"verbose\":false}\r\nPING\r\n");
                assertThat(raw.awaitClosedByServer(WAIT)).as("bytes after CONNECT from port %d", port).isZero();
            }
        }
    }

    @Test
    void shouldLetCertifiedClientIn_onBothServers() throws Exception {
        for (int port : new int[] {reference.port(), jnatsd.clientPort()}) {
            Options o = Options.builder().server("nats://127.0.0.1:" + port).noReconnect()
                    .sslContext(authority.clientContext(clientCert)).connectionTimeout(WAIT).build();
            try (Connection nc = Nats.connect(o)) {
                assertThat(nc.getServerInfo().isTLSRequired()).isTrue();
                nc.flush(WAIT);
            }
        }
    }
}
