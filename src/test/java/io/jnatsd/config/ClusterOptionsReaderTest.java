package io.jnatsd.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
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
    void shouldRefuseRouteTls_becauseItIsNotBuilt() {
        assertThatThrownBy(() -> read("cluster { port: 6222, tls { cert_file: x } }"))
                .isInstanceOf(ConfException.class).hasMessageContaining("not supported by this build");
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
