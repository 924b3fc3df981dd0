package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two auth error events of the reference over the wire: {@code $SYS.SERVER.<id>.CLIENT.AUTH.ERR}
 * to the system account and {@code $SYS.ACCOUNT.CLIENT.AUTH.ERR} inside the account the refused
 * client was in ({@code $G} before it authenticated), for its owner.
 */
@Timeout(30)
class AuthErrorEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private NatsServer server;

    @BeforeEach
    void start() {
        server = ConfTestServers.start("""
                accounts { $SYS { users = [ { user: sys, password: sys } ] } }
                authorization { users = [ { user: g, password: g } ] }
                """);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
        server.awaitShutdown(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldTellSystemAndGlobalAccount_whenPasswordIsWrong() throws Exception {
        try (Connection sys = ConfTestServers.connect(server, "sys", "sys");
             Connection g = ConfTestServers.connect(server, "g", "g")) {
            Subscription serverEvents = sys.subscribe("$SYS.SERVER." + server.serverId() + ".CLIENT.AUTH.ERR");
            Subscription accountEvents = g.subscribe(SystemEvents.ACCOUNT_AUTH_ERROR_SUBJECT);
            sys.flush(WAIT);
            g.flush(WAIT);

            assertThatThrownBy(() -> ConfTestServers.connect(server, "g", "wrong")).isInstanceOf(Exception.class);

            Message m = accountEvents.nextMessage(WAIT);
            assertThat(m).as("account event").isNotNull();
            JsonNode e = JSON.readTree(m.getData());
            assertThat(e.path("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_disconnect");
            assertThat(e.path("reason").asText()).isEqualTo("Authentication Failure");
            assertThat(e.path("client").path("acc").asText()).isEqualTo("$G");
            assertThat(e.path("client").has("stop")).isTrue();
            assertThat(e.path("server").path("id").asText()).isEqualTo(server.serverId());
            Message s = serverEvents.nextMessage(WAIT);
            assertThat(s).as("server event").isNotNull();
            assertThat(accountEvents.nextMessage(Duration.ofMillis(300))).as("one account event per refusal").isNull();
        }
    }
}
