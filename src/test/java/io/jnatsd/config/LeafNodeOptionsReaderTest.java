package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.config.GatewayOptionsReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class LeafNodeOptionsReaderTest {

    @Test
    void shouldReadTheListenerSide_whenALeafnodesBlockIsGiven() throws ConfException {
        List<String> warnings = new ArrayList<>();
        LeafNodeOptions l = read("""
                leafnodes {
                  listen: 127.0.0.1:7422
                  authorization {
                    timeout: 2.5
                    users: [ {user: a, password: p, account: ACC}, {user: b, password: q} ]
                  }
                  advertise: "leaf.example.com:7422"
                  no_advertise: true
                  min_version: "2.9.0"
                  compression: s2_fast
                  isolate_leafnode_interest: true
                  reconnect: "5s"
                }
                """, warnings).leafNodes();

        assertThat(l.host()).isEqualTo("127.0.0.1");
        assertThat(l.port()).isEqualTo(7422);
        assertThat(l.authTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(l.users()).containsExactly(new LeafNodeOptions.User("a", "p", "ACC", false),
                new LeafNodeOptions.User("b", "q", null, false));
        assertThat(l.noAdvertise()).isTrue();
        assertThat(l.minVersion()).isEqualTo("2.9.0");
        assertThat(l.compression()).isEqualTo("s2_fast");
        assertThat(l.isolateLeafnodeInterest()).isTrue();
        assertThat(l.reconnectInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(warnings).anyMatch(w -> w.contains("\"leafnodes.listen\" is parsed but not implemented"));
    }

    @Test
    void shouldApplyTheRemoteDefaults_whenRemotesAreGiven() throws ConfException {
        LeafNodeOptions l = read("""
                leaf {
                  remotes: [
                    {url: "nats-leaf://hub.example.com", account: A, hub: true, deny_imports: ["foo.>"]}
                    {urls: ["ws://hub:8080", "tls://h2:7000"], disabled: true, compression: false}
                  ]
                }
                """, new ArrayList<>()).leafNodes();

        assertThat(l.configured()).isTrue();
        assertThat(l.reconnectInterval()).isEqualTo(LeafNodeOptions.RECONNECT_DEFAULT);
        LeafNodeOptions.Remote first = l.remotes().get(0);
        assertThat(first.urls()).containsExactly("nats-leaf://hub.example.com:7422");
        assertThat(first.localAccount()).isEqualTo("A");
        assertThat(first.hub()).isTrue();
        assertThat(first.denyImports()).containsExactly("foo.>");
        assertThat(first.compression()).isEqualTo("s2_auto");
        assertThat(first.firstInfoTimeout()).isEqualTo(Duration.ofSeconds(1));
        LeafNodeOptions.Remote second = l.remotes().get(1);
        assertThat(second.urls()).containsExactly("ws://hub:8080", "tls://h2:7000");
        assertThat(second.localAccount()).isEqualTo("$G");
        assertThat(second.disabled()).isTrue();
        assertThat(second.compression()).isEqualTo("off");
    }

    @Test
    void shouldRefuseWithTheReferenceErrors_whenTheBlockIsWrong() {
        assertThatThrownBy(() -> read("leafnodes { port: 1, min_version: \"2.7.0\" }", new ArrayList<>()))
                .hasMessageContaining("the minimum version should be at least 2.8.0");
        assertThatThrownBy(() -> read("leafnodes { port: 1, min_version: \"abc\" }", new ArrayList<>()))
                .hasMessageContaining("invalid leafnode's minimum version");
        assertThatThrownBy(() -> read("leafnodes { authorization { user: x, users: [{user: a, password: b}] } }",
                new ArrayList<>())).hasMessageContaining("can not have a single user/pass and a users array");
        assertThatThrownBy(() -> read("leafnodes { authorization { users: [{user: a}, {user: a}] } }",
                new ArrayList<>())).hasMessageContaining("duplicate user \"a\" detected in leafnode authorization");
        assertThatThrownBy(() -> read("leafnodes { remotes: [{url: \"nats://h:1\"}, {url: \"nats://h:1\"}] }",
                new ArrayList<>())).hasMessageContaining("duplicate remote");
        assertThatThrownBy(() -> read("leafnodes { remotes: [{url: \"nats://h:1\", seed: \"nope\"}] }",
                new ArrayList<>())).hasMessageContaining("Remote leafnode nkey is not a valid seed")
                .hasMessageNotContaining("nope");
        assertThatThrownBy(() -> read("leafnodes { compression: \"fastest\" }", new ArrayList<>()))
                .hasMessageContaining("unsupported compression mode");
        assertThatThrownBy(() -> read("leafnodes { remotes: [{url: \"nats://h:1\", colour: red}] }",
                new ArrayList<>())).hasMessageContaining("unknown field \"colour\"");
    }
}
