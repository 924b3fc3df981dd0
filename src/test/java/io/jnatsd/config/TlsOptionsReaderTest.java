package io.jnatsd.config;

import io.jnatsd.testing.TestCertificates;
import io.jnatsd.tls.TlsOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tls {} block, allow_non_tls and https_port, read as the reference reads them. */
class TlsOptionsReaderTest {

    @TempDir
    static Path dir;
    static String files;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCertificates authority = TestCertificates.newAuthority();
        Path[] server = TestCertificates.write(dir, "server", authority.issueServer());
        Path ca = authority.writeCa(dir);
        files = "cert_file: \"" + server[0] + "\", key_file: \"" + server[1] + "\", ca_file: \"" + ca + "\"";
    }

    private static ServerOptions read(String conf) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        return b.build();
    }

    @Test
    void shouldReadEveryBuiltKey_whenTlsBlockIsComplete() throws Exception {
        ServerOptions o = read("tls { " + files + ", verify_and_map: true, timeout: 3, handshake_first: \"300ms\","
                + " cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256], curve_preferences: [CurveP256, X25519],"
                + " min_version: \"1.3\", insecure: false }\nallow_non_tls: true\nhttps_port: 8443\n");
        TlsOptions t = o.tls();
        assertThat(t.verify()).isTrue();
        assertThat(t.verifyAndMap()).isTrue();
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.handshakeFirst()).isTrue();
        assertThat(t.handshakeFirstFallback()).isEqualTo(Duration.ofMillis(300));
        assertThat(t.cipherSuites()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(t.curvePreferences()).containsExactly("CurveP256", "X25519");
        assertThat(t.minVersion()).isEqualTo("1.3");
        assertThat(t.allowNonTls()).isTrue();
        assertThat(t.required()).isFalse();
        assertThat(o.httpsPort()).isEqualTo(8443);
    }

    @Test
    void shouldRefuseWithReferenceText_whenValuesAreWrong() {
        assertThatThrownBy(() -> read("tls { " + files + ", cipher_suites: [TLS_BOGUS] }\n"))
                .hasMessageContaining("unrecognized cipher TLS_BOGUS");
        assertThatThrownBy(() -> read("tls { " + files + ", cipher_suites: [TLS_RSA_WITH_RC4_128_SHA] }\n"))
                .hasMessageContaining("insecure cipher suites configured without 'allow_insecure_cipher_suites'");
        assertThatThrownBy(() -> read("tls { " + files + ", curve_preferences: [P999] }\n"))
                .hasMessageContaining("unrecognized curve preference P999");
        assertThatThrownBy(() -> read("tls { " + files + ", min_version: \"1.1\" }\n"))
                .hasMessageContaining("unsupported TLS version");
        assertThatThrownBy(() -> read("tls { " + files + ", bogus: 1 }\n"))
                .hasMessageContaining("error parsing tls config, unknown field \"bogus\"");
        assertThatThrownBy(() -> read("tls { " + files + ", cert_store: \"x\" }\n"))
                .hasMessageContaining("not supported by this build");
        assertThatThrownBy(() -> read("tls { cert_file: \"" + dir.resolve("server-cert.pem") + "\" }\n"))
                .hasMessageContaining("missing 'key_file' in TLS configuration");
        assertThatThrownBy(() -> read("tls { cert_file: \"/nonexistent.pem\", key_file: \"/nonexistent.pem\" }\n"))
                .hasMessageContaining("error parsing X509 certificate/key pair");
        assertThatThrownBy(() -> read("tls { " + files + ", verify: yes_please }\n"))
                .hasMessageContaining("expected 'verify' to be a boolean");
    }

    @Test
    void shouldReadPinnedCertsAndRateLimit_whenTlsBlockNamesThem() throws Exception {
        String pin = "A".repeat(64);
        TlsOptions t = read("tls { " + files + ", pinned_certs: [\"" + pin + "\"], connection_rate_limit: 7 }\n").tls();
        assertThat(t.admission().pinnedCerts()).containsExactly("a".repeat(64));
        assertThat(t.admission().connectionRateLimitPerSecond()).isEqualTo(7);
        assertThatThrownBy(() -> read("tls { " + files + ", pinned_certs: [\"abc\"] }\n"))
                .hasMessageContaining("'pinned_certs' key abc does not look like hex-encoded sha256 of DER encoded "
                        + "SubjectPublicKeyInfo");
        assertThatThrownBy(() -> read("tls { " + files + ", pinned_certs: \"x\" }\n"))
                .hasMessageContaining("expected 'pinned_certs' to be a list");
        assertThatThrownBy(() -> read("tls { " + files + ", connection_rate_limit: \"x\" }\n"))
                .hasMessageContaining("'connection_rate_limit' wrong type");
    }

    @Test
    void shouldTakeAutoFallback_whenHandshakeFirstIsAuto() throws Exception {
        TlsOptions t = read("tls { " + files + ", handshake_first: auto }\n").tls();
        assertThat(t.handshakeFirstFallback()).isEqualTo(TlsOptions.HANDSHAKE_FIRST_FALLBACK_DEFAULT);
        assertThat(read("tls { " + files + " }\n").tls().required()).isTrue();
    }
}
