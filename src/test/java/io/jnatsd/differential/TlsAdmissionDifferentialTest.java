package io.jnatsd.differential;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestCertificates;
import io.jnatsd.tls.PinnedCerts;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code pinned_certs} and {@code connection_rate_limit} of the {@code tls {}} block, the same
 * conf on the Go reference and on jnatsd: a client whose certificate's key is pinned is let in
 * and another of the same CA is refused; past the rate limit a TLS client gets
 * "-ERR 'Connection throttling is active. Please try again later.'" and is closed.
 */
@Timeout(60)
class TlsAdmissionDifferentialTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The refused client gives up after this; both servers close it at once. */
    private static final Duration REFUSAL_WAIT = Duration.ofSeconds(2);
    private static final String THROTTLED = "-ERR 'Connection throttling is active. Please try again later.'";

    @TempDir
    Path dir;
    private TestCertificates authority;
    private TestCertificates.Issued alice;
    private TestCertificates.Issued bob;
    private String tlsFiles;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void certificates() throws Exception {
        authority = TestCertificates.newAuthority();
        Path[] server = TestCertificates.write(dir, "server", authority.issueServer());
        Path ca = authority.writeCa(dir);
        alice = authority.issueClient("alice", List.of(), List.of());
        bob = authority.issueClient("bob", List.of(), List.of());
        tlsFiles = "cert_file: \"" + server[0] + "\", key_file: \"" + server[1] + "\", ca_file: \"" + ca + "\"";
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** The ports of the reference and of jnatsd, both started with {@code conf}. */
    private int[] ports(String conf) throws Exception {
        Path file = Files.writeString(dir.resolve("tls.conf"), conf, StandardCharsets.UTF_8);
        ReferenceServer reference = ReferenceServer.start(List.of("-c", file.toString()));
        toClose.add(reference);
        NatsServer jnatsd = ConfTestServers.start(conf);
        toClose.add(() -> {
            jnatsd.shutdown();
            jnatsd.awaitShutdown(5, TimeUnit.SECONDS);
        });
        return new int[] {reference.port(), jnatsd.clientPort()};
    }

    private Connection connect(int port, TestCertificates.Issued cert, Duration timeout) throws Exception {
        Options o = Options.builder().server("nats://127.0.0.1:" + port).noReconnect()
                .sslContext(authority.clientContext(cert)).connectionTimeout(timeout).build();
        return Nats.connect(o);
    }

    @Test
    void shouldLetOnlyPinnedCertificateIn_onBothServers() throws Exception {
        String conf = "tls { " + tlsFiles + ", verify: true, pinned_certs: [ \""
                + PinnedCerts.keyId(alice.certificate()).toUpperCase() + "\" ] }\n";
        for (int port : ports(conf)) {
            try (Connection nc = connect(port, alice, WAIT)) {
                nc.flush(WAIT);
                assertThat(nc.getStatus()).as("pinned client on port %d", port).isEqualTo(Connection.Status.CONNECTED);
            }
            assertThatThrownBy(() -> connect(port, bob, REFUSAL_WAIT).close()).as("unpinned client on port %d", port)
                    .isInstanceOf(Exception.class);
        }
    }

    @Test
    void shouldThrottleTlsClients_whenRateLimitIsPassed() throws Exception {
        String conf = "tls { " + tlsFiles + ", connection_rate_limit: 1 }\n";
        for (int port : ports(conf)) {
            assertThat(throttledWithin(port, 5)).as("throttled on port %d", port).isTrue();
        }
    }

    /** Opens up to {@code attempts} clients at once; whether one was throttled right after INFO. */
    private static boolean throttledWithin(int port, int attempts) throws Exception {
        List<RawNatsSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                open.add(RawNatsSocket.open(port));
            }
            for (RawNatsSocket raw : open) {
                raw.readInfoJson();
                if (THROTTLED.equals(readLineOrNull(raw))) {
                    return true;
                }
            }
            return false;
        } finally {
            for (RawNatsSocket raw : open) {
                raw.close();
            }
        }
    }

    /** The next line, or null when the server closes or says nothing within the socket's timeout. */
    private static String readLineOrNull(RawNatsSocket raw) {
        try {
            return raw.readLine();
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
