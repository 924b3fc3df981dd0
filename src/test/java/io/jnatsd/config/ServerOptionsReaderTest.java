package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ServerOptionsReaderTest {

    private static ServerOptions read(String conf, ServerOptionsReader reader) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        reader.read(new ConfParser().parseString(conf), b);
        return b.build();
    }

    @Test
    void shouldReadTheCoreOptions() throws ConfException {
        ServerOptions o = read("""
                listen: 127.0.0.2:4333
                server_name: "n1"
                max_payload: 2MB
                max_control_line: 8KB
                max_pending: 10MB
                max_connections: 10
                max_subscriptions: 20
                ping_interval: "30s"
                ping_max: 3
                write_deadline: "5s"
                lame_duck_duration: "1m"
                lame_duck_grace_period: "2s"
                debug: true
                trace: false
                pidfile: /tmp/x.pid
                ports_file_dir: /tmp
                http: 127.0.0.1:8333
                no_header_support: true
                proxy_protocol: true
                jetstream { store_dir: "/data/js" }
                """, new ServerOptionsReader());
        assertThat(o.host()).isEqualTo("127.0.0.2");
        assertThat(o.port()).isEqualTo(4333);
        assertThat(o.serverName()).isEqualTo("n1");
        assertThat(o.maxPayload()).isEqualTo(2 * 1024 * 1024);
        assertThat(o.maxControlLine()).isEqualTo(8 * 1024);
        assertThat(o.maxPendingBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(o.maxConnections()).isEqualTo(10);
        assertThat(o.maxSubscriptions()).isEqualTo(20);
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.pingMax()).isEqualTo(3);
        assertThat(o.writeDeadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.lameDuckDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.lameDuckGracePeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.debug()).isTrue();
        assertThat(o.pidFile()).isEqualTo(Path.of("/tmp/x.pid"));
        assertThat(o.portsFileDir()).isEqualTo(Path.of("/tmp"));
        assertThat(o.httpHost()).isEqualTo("127.0.0.1");
        assertThat(o.httpPort()).isEqualTo(8333);
        assertThat(o.noHeaderSupport()).isTrue();
        assertThat(o.proxyProtocol()).isTrue();
        assertThat(o.jetStream()).isTrue();
        assertThat(o.storeDir()).isEqualTo(Path.of("/data/js"));
    }

    @Test
    void shouldKeepTheDefaults_forAnEmptyFile() throws ConfException {
        assertThat(read("", new ServerOptionsReader())).isEqualTo(ServerOptions.defaults());
    }

    @Test
    void shouldRefuseAnUnknownKey_withItsPosition() {
        assertThatThrownBy(() -> read("port: 1\nbogus: 2\n", new ServerOptionsReader()))
                .isInstanceOf(ConfException.class)
                .hasMessageContaining("2:1")
                .hasMessageContaining("unknown field \"bogus\"");
    }

    @Test
    void shouldRefuseABlockWhoseFeatureIsNotBuilt() {
        assertThatThrownBy(() -> read("proxies { trusted: [] }\n", new ServerOptionsReader()))
                .isInstanceOf(ConfException.class)
                .hasMessageContaining("\"proxies\" is not supported");
    }

    @Test
    void shouldWarn_forAKnownOptionWithNoEffectYet() throws ConfException {
        ServerOptionsReader reader = new ServerOptionsReader();
        read("logtime: false\n", reader);
        assertThat(reader.warnings()).singleElement().asString().contains("\"logtime\"").contains("not implemented");
    }

    @Test
    void shouldAcceptVariablesThatAreOnlyReferenced() throws ConfException {
        ServerOptions o = read("PORT_VAR: 4999\nport: $PORT_VAR\n", new ServerOptionsReader());
        assertThat(o.port()).isEqualTo(4999);
    }

    @Test
    void shouldRefuseServerNamesWithSpaces() {
        assertThatThrownBy(() -> read("server_name: \"a b\"\n", new ServerOptionsReader()))
                .isInstanceOf(ConfException.class)
                .hasMessageContaining("can not contain spaces");
    }
}
