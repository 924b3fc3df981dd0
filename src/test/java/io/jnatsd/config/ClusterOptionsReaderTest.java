package io.jnatsd.config;

import io.jnatsd.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster {} block, as parseCluster reads it. */
class ClusterOptionsReaderTest {

    private static ClusterOptions read(String conf) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        return b.build().cluster();
    }

    @Test
    void shouldReadEveryKey_whenClusterBlockIsComplete() throws Exception {
        ClusterOptions c = read("""
                cluster {
                  name: east
                  listen: 127.0.0.1:6222
                  advertise: "east.example.com:7222"
                  no_advertise: true
                  connect_retries: 5
                  pool_size: 4
                  accounts: [A, B]
                  compression: off
                  authorization { user: route, password: secret, timeout: 0.5 }
                  routes: [ nats-route://u:p@10.0.0.1:6222, "10.0.0.2:6222", nats-route://u:p@10.0.0.1:6222 ]
                }
                """);
        assertThat(c.name()).isEqualTo("east");
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(6222);
        assertThat(c.enabled()).isTrue();
        assertThat(c.advertise()).isEqualTo("east.example.com:7222");
        assertThat(c.noAdvertise()).isTrue();
        assertThat(c.connectRetries()).isEqualTo(5);
        assertThat(c.poolSize()).isEqualTo(4);
        assertThat(c.pinnedAccounts()).containsExactly("A", "B");
        assertThat(c.compression()).isEqualTo("off");
        assertThat(c.username()).isEqualTo("route");
        assertThat(c.password()).isEqualTo("secret");
        assertThat(c.authTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.routes()).containsExactly(URI.create("nats-route://u:p@10.0.0.1:6222"),
                URI.create("nats-route://10.0.0.2:6222"));
    }

    @Test
    void shouldBeDisabled_whenNoClusterBlock() throws Exception {
        assertThat(read("port: 4222").enabled()).isFalse();
        assertThat(read("port: 4222").poolSize()).isEqualTo(ClusterOptions.POOL_SIZE_DEFAULT);
    }

    @Test
    void shouldRefuseToken_whenInClusterAuthorization() {
        assertThatThrownBy(() -> read("cluster { port: 6222, authorization { token: abc } }"))
                .isInstanceOf(ConfException.class).hasMessageContaining("Cluster authorization does not support tokens");
    }

    @Test
    void shouldRefuseUsersList_whenInClusterAuthorization() {
        assertThatThrownBy(() -> read("cluster { port: 6222, authorization { users: [{user: a, password: b}] } }"))
                .isInstanceOf(ConfException.class)
                .hasMessageContaining("Cluster authorization does not allow multiple users");
    }

    @Test
    void shouldReadRouteTls_whenFilesLoad(@TempDir Path dir) throws Exception {
        TestCertificates ca = TestCertificates.newAuthority();
        Path caFile = ca.writeCa(dir);
        Path[] files = TestCertificates.write(dir, "route", ca.issueServer());
        ClusterOptions c = read("cluster { port: 6222, tls { cert_file: \"" + files[0] + "\", key_file: \"" + files[1]
                + "\", ca_file: \"" + caFile + "\", timeout: 3, insecure: true } }");
        assertThat(c.tls().certFile()).isEqualTo(files[0]);
        assertThat(c.tls().caFile()).isEqualTo(caFile);
        assertThat(c.tls().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.tls().insecure()).isTrue();
    }

    @Test
    void shouldRefuseRouteTls_whenKeyFileMissing(@TempDir Path dir) throws Exception {
        Path[] files = TestCertificates.write(dir, "route", TestCertificates.newAuthority().issueServer());
        assertThatThrownBy(() -> read("cluster { port: 6222, tls { cert_file: \"" + files[0] + "\" } }"))
                .isInstanceOf(ConfException.class).hasMessageContaining("missing 'key_file' in TLS configuration");
    }

    @Test
    void shouldReadImportAsPublishAndExportAsSubscribe_whenClusterPermissionsGiven() throws Exception {
        ClusterOptions c = read("cluster { port: 6222, permissions { import: { allow: [\"a.>\"] },"
                + " export: { deny: [\"secret.>\"] } } }");
        assertThat(c.permissions().publish().allow()).containsExactly("a.>");
        assertThat(c.permissions().subscribe().deny()).containsExactly("secret.>");
    }

    @Test
    void shouldRefuseDynamicResponses_whenInClusterPermissions() {
        assertThatThrownBy(() -> read("cluster { port: 6222, permissions { allow_responses: true } }"))
                .isInstanceOf(ConfException.class)
                .hasMessageContaining("Cluster permissions do not support dynamic responses");
    }

    @Test
    void shouldTakeAuthorizationPermissionsWithWarning_whenNoTopLevelOnes() throws Exception {
        ServerOptions.Builder b = ServerOptions.builder();
        ServerOptionsReader reader = new ServerOptionsReader();
        reader.read(new ConfParser().parseString(
                "cluster { port: 6222, authorization { user: u, password: p, permissions { import: [\"x\"] } } }"), b);
        assertThat(b.build().cluster().permissions().publish().allow()).containsExactly("x");
        assertThat(reader.warnings()).anyMatch(w -> w.contains(ClusterOptionsReader.AUTH_PERMISSIONS_DEPRECATED));
    }

    @Test
    void shouldDefaultToAccept_whenNoCompressionGiven() throws Exception {
        assertThat(read("cluster { port: 6222 }").compression()).isEqualTo("accept");
        assertThat(read("cluster { port: 6222, compression: true }").compression()).isEqualTo("s2_fast");
    }

    @Test
    void shouldUseTheReferenceThresholds_whenS2AutoHasNone() throws Exception {
        ClusterOptions c = read("cluster { port: 6222, compression: s2_auto }");
        assertThat(c.rttThresholds()).containsExactly(Duration.ofMillis(10), Duration.ofMillis(50),
                Duration.ofMillis(100));
    }

    @Test
    void shouldReadAndTrimThresholds_whenS2AutoMapGiven() throws Exception {
        ClusterOptions c = read("cluster { port: 6222, compression: { mode: s2_auto, rtt_thresholds: "
                + "[\"0ms\", \"20ms\", \"0ms\"] } }");
        assertThat(c.compression()).isEqualTo("s2_auto");
        assertThat(c.rttThresholds()).containsExactly(Duration.ZERO, Duration.ofMillis(20));
    }

    @Test
    void shouldRefuseThresholds_whenNotAscendingOrTooMany() {
        assertThatThrownBy(() -> read("cluster { port: 6222, compression: { mode: s2_auto, rtt_thresholds: "
                + "[\"20ms\", \"10ms\"] } }"))
                .isInstanceOf(ConfException.class).hasMessageContaining("should be in ascending order");
        assertThatThrownBy(() -> read("cluster { port: 6222, compression: { mode: s2_auto, rtt_thresholds: "
                + "[\"1ms\", \"2ms\", \"3ms\", \"4ms\", \"5ms\"] } }"))
                .isInstanceOf(ConfException.class).hasMessageContaining("should have no more than 4 RTT thresholds");
        assertThatThrownBy(() -> read("cluster { port: 6222, compression: { mode: s2_auto, rtt_thresholds: "
                + "[\"0ms\"] } }"))
                .isInstanceOf(ConfException.class).hasMessageContaining("requires at least one RTT threshold");
    }

    @Test
    void shouldRefuseUnknownKey_inClusterBlock() {
        assertThatThrownBy(() -> read("cluster { port: 6222, bogus: 1 }"))
                .isInstanceOf(ConfException.class).hasMessageContaining("unknown field \"bogus\"");
    }

    @Test
    void shouldParseFlagValues_whenClusterAndRoutesGiven() {
        ClusterOptions c = ClusterOptionsReader.applyClusterFlag(ClusterOptions.NONE, "nats://ruser:rpass@0.0.0.0:6222");
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(6222);
        assertThat(c.username()).isEqualTo("ruser");
        assertThat(c.password()).isEqualTo("rpass");
        List<URI> routes = ClusterOptionsReader.parseRoutesFlag("nats://a:6222, nats://b:6223");
        assertThat(routes).extracting(URI::getHost).containsExactly("a", "b");
    }
}
