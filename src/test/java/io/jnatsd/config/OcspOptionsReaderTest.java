package io.jnatsd.config;

import io.jnatsd.testing.TestCertificates;
import io.jnatsd.tls.ocsp.OcspCacheConfig;
import io.jnatsd.tls.ocsp.OcspMode;
import io.jnatsd.tls.ocsp.OcspOptions;
import io.jnatsd.tls.ocsp.OcspPeerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code ocsp}, {@code ocsp_cache} and {@code tls { ocsp_peer }} options as the reference reads them. */
class OcspOptionsReaderTest {

    @TempDir
    static Path dir;
    static String files;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCertificates ca = TestCertificates.newAuthority();
        Path[] server = TestCertificates.write(dir, "server", ca.issueServer());
        files = "cert_file: \"" + server[0] + "\", key_file: \"" + server[1] + "\", ca_file: \"" + ca.writeCa(dir)
                + "\", verify: true";
    }

    private static ServerOptions read(String conf) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        return b.build();
    }

    @Test
    void shouldReadModeAndUrls_whenOcspBlockIsGiven() throws Exception {
        OcspOptions o = read("ocsp { mode: MUST, urls: [\"http://a/ocsp\", \"http://b/ocsp\"] }\n").ocsp();
        assertThat(o.mode()).isEqualTo(OcspMode.MUST);
        assertThat(o.overrideUrls()).containsExactly("http://a/ocsp", "http://b/ocsp");
        assertThat(read("ocsp { mode: always, url: \"http://c\" }\n").ocsp().overrideUrls()).containsExactly("http://c");
        assertThat(read("ocsp: false\n").ocsp().mode()).isEqualTo(OcspMode.NEVER);
        assertThat(read("ocsp: true\n").ocsp().mode()).isEqualTo(OcspMode.AUTO);
        assertThat(read("port: 4222\n").ocsp()).isEqualTo(OcspOptions.NONE);
    }

    @Test
    void shouldRefuse_whenModeOrFieldIsUnknown() {
        assertThatThrownBy(() -> read("ocsp { mode: sometimes }\n"))
                .hasMessageContaining("error parsing ocsp config: unsupported ocsp mode");
        assertThatThrownBy(() -> read("ocsp { bogus: 1 }\n"))
                .hasMessageContaining("error parsing ocsp config: unsupported field");
    }

    @Test
    void shouldReadCache_whenShortOrLongForm() throws Exception {
        OcspCacheConfig c = read("ocsp_cache { type: local, local_store: \"/tmp/x\", preserve_revoked: true,"
                + " save_interval: \"0.5s\" }\n").ocsp().cache();
        assertThat(c.local()).isTrue();
        assertThat(c.localStore()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.preserveRevoked()).isTrue();
        assertThat(c.saveInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(read("ocsp_cache: false\n").ocsp().cache().local()).isFalse();
        assertThat(read("ocsp_cache { type: none }\n").ocsp().cache().local()).isFalse();
        assertThatThrownBy(() -> read("ocsp_cache { type: redis }\n"))
                .hasMessageContaining("error parsing OCSP peer cache config, unknown type [redis]");
        assertThatThrownBy(() -> read("ocsp_cache { size: 3 }\n"))
                .hasMessageContaining("error parsing OCSP peer cache config, unknown field [\"size\"]");
    }

    @Test
    void shouldReadOcspPeer_whenShortOrLongForm() throws Exception {
        assertThat(read("tls { " + files + ", ocsp_peer: true }\n").ocsp().peer())
                .isEqualTo(OcspPeerConfig.defaults(true));
        OcspPeerConfig p = read("tls { " + files + ", ocsp_peer { verify: true, ca_timeout: 0.5,"
                + " allowed_clockskew: \"1m\", cache_ttl_when_next_update_unset: 60, warn_only: true,"
                + " unknown_is_good: true, allow_when_ca_unreachable: true } }\n").ocsp().peer();
        assertThat(p).isEqualTo(new OcspPeerConfig(true, Duration.ofMillis(500), Duration.ofMinutes(1),
                Duration.ofSeconds(60), true, true, true));
        assertThatThrownBy(() -> read("tls { " + files + ", ocsp_peer { bogus: true } }\n"))
                .hasMessageContaining("error parsing tls peer config, unknown field [\"bogus\"]");
        assertThat(List.of(read("tls { " + files + ", ocsp_peer: false }\n").ocsp().peerVerify())).containsExactly(false);
    }
}
