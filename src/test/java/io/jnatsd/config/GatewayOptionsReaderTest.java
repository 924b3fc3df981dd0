package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class GatewayOptionsReaderTest {

    private static final Path CORPUS = ReferenceCorpusTest.CORPUS;

    static ServerOptions read(String conf, List<String> warnings) throws ConfException {
        ServerOptionsReader reader = new ServerOptionsReader();
        ServerOptions.Builder b = ServerOptions.builder();
        reader.read(new ConfParser().parseString(conf), b);
        warnings.addAll(reader.warnings());
        return b.build();
    }

    @Test
    void shouldReadEveryKeyWithDefaults_whenAGatewayBlockIsGiven() throws ConfException {
        List<String> warnings = new ArrayList<>();
        GatewayOptions g = read("""
                gateway {
                  name: "A"
                  port: 7222
                  authorization { user: gw, password: secret, timeout: 1.5 }
                  advertise: "10.0.0.1:7222"
                  connect_retries: 3
                  connect_backoff: true
                  reject_unknown_cluster: true
                  write_deadline: "3s"
                  write_timeout: close
                  gateways: [
                    {name: "B", url: "nats://127.0.0.1:7223"}
                    {name: "C", urls: ["nats://h1:7224", "nats://h2:7224"]}
                  ]
                }
                """, warnings).gateway();

        assertThat(g.name()).isEqualTo("A");
        assertThat(g.host()).isEqualTo("0.0.0.0");
        assertThat(g.port()).isEqualTo(7222);
        assertThat(g.user()).isEqualTo("gw");
        assertThat(g.password()).isEqualTo("secret");
        assertThat(g.authTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(g.connectRetries()).isEqualTo(3);
        assertThat(g.connectBackoff()).isTrue();
        assertThat(g.rejectUnknown()).isTrue();
        assertThat(g.writeDeadline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(g.writeTimeout()).isEqualTo("close");
        assertThat(g.gateways()).containsExactly(
                new GatewayOptions.Remote("B", List.of("nats://127.0.0.1:7223"), false),
                new GatewayOptions.Remote("C", List.of("nats://h1:7224", "nats://h2:7224"), false));
        assertThat(g.toString()).doesNotContain("secret");
        assertThat(warnings).anyMatch(w -> w.contains("option \"gateway.gateways\" is parsed but not implemented"));
        assertThat(warnings).hasSize(10);
    }

    @Test
    void shouldReadTheReferenceGatewayConfig_withItsInclude() throws ConfException {
        ServerOptionsReader reader = new ServerOptionsReader();
        ServerOptions.Builder b = ServerOptions.builder();
        reader.read(new ConfParser().parseFile(CORPUS.resolve("server/configs/gwa.conf")), b);

        GatewayOptions g = b.build().gateway();

        assertThat(g.name()).isEqualTo("A");
        assertThat(g.host()).isEqualTo("127.0.0.1");
        assertThat(g.port()).isEqualTo(5227);
        assertThat(g.gateways()).extracting(GatewayOptions.Remote::name).containsExactly("A", "B");
        assertThat(g.authTimeout()).isEqualTo(GatewayOptions.AUTH_TIMEOUT_DEFAULT);
    }

    @Test
    void shouldBeOff_whenNoBlockIsGiven() throws ConfException {
        assertThat(read("port: 4222", new ArrayList<>()).gateway()).isEqualTo(GatewayOptions.NONE);
        assertThat(GatewayOptions.NONE.configured()).isFalse();
    }

    @Test
    void shouldRefuseWithTheReferenceErrors_whenTheBlockIsWrong() {
        assertThatThrownBy(() -> read("gateway { name: \"a b\", port: 1 }", new ArrayList<>()))
                .hasMessageContaining("gateway name cannot contain spaces");
        assertThatThrownBy(() -> read("gateway { port: 7222 }", new ArrayList<>()))
                .hasMessageContaining("gateway has no name");
        assertThatThrownBy(() -> read("gateway { name: A }", new ArrayList<>()))
                .hasMessageContaining("gateway \"A\" has no port specified (select -1 for random port)");
        assertThatThrownBy(() -> read("gateway { name: A, port: 1, gateways: [{url: \"nats://h:1\"}] }",
                new ArrayList<>())).hasMessageContaining("gateway in the list 0 has no name");
        assertThatThrownBy(() -> read("gateway { name: A, port: 1, gateways: [{name: B}] }", new ArrayList<>()))
                .hasMessageContaining("gateway \"B\" has no URL");
        assertThatThrownBy(() -> read("gateway { name: A, port: 1, authorization { token: t } }", new ArrayList<>()))
                .hasMessageContaining("Gateway authorization does not support tokens");
        assertThatThrownBy(() -> read("gateway { name: A, port: 1, authorization { users: [] } }",
                new ArrayList<>())).hasMessageContaining("Gateway authorization does not allow multiple users");
        assertThatThrownBy(() -> read("gateway {\n  name: A\n  colour: red\n}", new ArrayList<>()))
                .isInstanceOf(ConfException.class).hasMessageContaining("unknown field \"colour\"")
                .hasMessageContaining(":3:");
        assertThatThrownBy(() -> read("gateway { name: A, port: 1, tls { bogus: 1 } }", new ArrayList<>()))
                .hasMessageContaining("unknown field \"bogus\"");
    }
}
