package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jnatsd.config.GatewayOptionsReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class WebsocketOptionsReaderTest {

    @Test
    void shouldReadEveryKey_whenAWebsocketBlockIsGiven() throws ConfException {
        List<String> warnings = new ArrayList<>();
        WebsocketOptions ws = read("""
                ws {
                  listen: "127.0.0.1:8080"
                  no_tls: true
                  advertise: "example.com:443"
                  same_origin: true
                  allowed_origins: ["https://example.com", "http://localhost:3000"]
                  handshake_timeout: 3
                  compression: true
                  authorization { user: wsu, password: wsp, timeout: 2 }
                  jwt_cookie: jwt
                  user_cookie: u
                  pass_cookie: p
                  token_cookie: t
                  headers { X-Frame-Options: DENY }
                  ping_interval: "20s"
                }
                """, warnings).websocket();

        assertThat(ws.host()).isEqualTo("127.0.0.1");
        assertThat(ws.port()).isEqualTo(8080);
        assertThat(ws.noTls()).isTrue();
        assertThat(ws.sameOrigin()).isTrue();
        assertThat(ws.allowedOrigins()).containsExactly("https://example.com", "http://localhost:3000");
        assertThat(ws.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ws.compression()).isTrue();
        assertThat(ws.user()).isEqualTo("wsu");
        assertThat(ws.authTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ws.jwtCookie()).isEqualTo("jwt");
        assertThat(ws.headers()).isEqualTo(Map.of("X-Frame-Options", "DENY"));
        assertThat(ws.pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(ws.toString()).doesNotContain("wsp");
        assertThat(warnings).anyMatch(w -> w.contains("\"websocket.listen\" is parsed but not implemented by jnatsd yet"));
    }

    @Test
    void shouldRefuseWithTheReferenceErrors_whenTheBlockIsWrong() {
        assertThatThrownBy(() -> read("websocket { port: 8080 }", new ArrayList<>()))
                .hasMessageContaining("websocket requires TLS configuration");
        assertThatThrownBy(() -> read("websocket { port: 8080, no_tls: true, allowed_origins: [\"ftp://x\"] }",
                new ArrayList<>())).hasMessageContaining("allowed origins must be absolute URLs with http or https");
        assertThatThrownBy(() -> read("websocket { port: 8080, no_tls: true, headers { Upgrade: x } }",
                new ArrayList<>())).hasMessageContaining("websocket: invalid header \"Upgrade\" not allowed");
        assertThatThrownBy(() -> read("websocket { port: 8080, no_tls: true, headers { Sec-WebSocket-Key: x } }",
                new ArrayList<>())).hasMessageContaining("\"Sec-WebSocket-\" prefix not allowed");
        assertThatThrownBy(() -> read("websocket { port: 8080, no_tls: true, nope: 1 }", new ArrayList<>()))
                .hasMessageContaining("unknown field \"nope\"");
    }

    @Test
    void shouldIgnoreTheRest_whenNoPortIsSet() throws ConfException {
        WebsocketOptions ws = read("websocket { compression: true }", new ArrayList<>()).websocket();

        assertThat(ws.configured()).isFalse();
        assertThat(ws.host()).isEmpty();
    }
}
