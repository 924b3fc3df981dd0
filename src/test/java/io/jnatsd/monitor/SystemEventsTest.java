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

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The system account over the wire: monitoring requests and events, as a $SYS user sees them. */
@Timeout(30)
class SystemEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private NatsServer server;
    private Connection sys;

    @BeforeEach
    void start() throws Exception {
        server = ConfTestServers.start("""
                accounts {
                  $SYS { users = [ { user: sys, password: sys } ] }
                  APP { users = [ { user: app, password: app } ] }
                }
                """);
        sys = ConfTestServers.connect(server, "sys", "sys");
    }

    @AfterEach
    void stop() throws Exception {
        sys.close();
        server.shutdown();
    }

    private JsonNode request(String subject, String body) throws Exception {
        Message m = sys.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        return JSON.readTree(m.getData());
    }

    @Test
    void shouldAnswerPingWithStatsz_whenASystemUserAsks() throws Exception {
        JsonNode r = request("$SYS.REQ.SERVER.PING", "");
        assertThat(r.get("server").get("id").asText()).isEqualTo(server.serverId());
        assertThat(r.get("server").has("ver")).isTrue();
        assertThat(r.get("server").get("seq").asLong()).isPositive();
        JsonNode s = r.get("statsz");
        assertThat(s.get("connections").asInt()).isEqualTo(1);
        assertThat(s.has("sent")).isTrue();
        assertThat(s.get("received").has("msgs")).isTrue();
    }

    @Test
    void shouldWrapTheEndpointJson_whenVarzConnzAndSubszAreAsked() throws Exception {
        JsonNode varz = request("$SYS.REQ.SERVER.PING.VARZ", "");
        assertThat(varz.get("server").get("id").asText()).isEqualTo(server.serverId());
        assertThat(varz.get("data").get("server_id").asText()).isEqualTo(server.serverId());
        JsonNode connz = request("$SYS.REQ.SERVER." + server.serverId() + ".CONNZ", "{\"subscriptions\":true}");
        assertThat(connz.get("data").get("num_connections").asInt()).isEqualTo(1);
        assertThat(connz.get("data").get("connections").get(0).get("subscriptions_list")).isNotEmpty();
        JsonNode subsz = request("$SYS.REQ.SERVER.PING.SUBSZ", "");
        assertThat(subsz.get("data").get("num_subscriptions").asInt()).isPositive();
        JsonNode healthz = request("$SYS.REQ.SERVER.PING.HEALTHZ", "");
        assertThat(healthz.get("data").get("status").asText()).isEqualTo("ok");
        JsonNode accountz = request("$SYS.REQ.SERVER.PING.ACCOUNTZ", "");
        assertThat(accountz.get("data").get("accounts")).extracting(JsonNode::asText).contains("$G", "$SYS", "APP");
    }

    @Test
    void shouldAnswerOnlyWhenTheNameMatches_whenTheRequestFiltersByServerName() throws Exception {
        java.util.concurrent.CompletableFuture<Message> none = sys.request("$SYS.REQ.SERVER.PING.VARZ",
                "{\"server_name\":\"not-this-one\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> none.get(500, java.util.concurrent.TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        String name = server.info().serverName();
        assertThat(request("$SYS.REQ.SERVER.PING.VARZ", "{\"server_name\":\"" + name + "\"}")
                .get("data").get("server_name").asText()).isEqualTo(name);
    }

    @Test
    void shouldStayQuiet_whenJszAsksForTheLeaderWithoutJetStream() throws Exception {
        java.util.concurrent.CompletableFuture<Message> none = sys.request("$SYS.REQ.SERVER.PING.JSZ",
                "{\"leader_only\":true}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> none.get(500, java.util.concurrent.TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        JsonNode jsz = request("$SYS.REQ.SERVER.PING.JSZ", "");
        assertThat(jsz.get("data").get("disabled").asBoolean()).isTrue();
        JsonNode acc = request("$SYS.REQ.ACCOUNT.APP.JSZ", "");
        assertThat(acc.get("error").get("description").asText()).isEqualTo("jetstream not enabled");
    }

    @Test
    void shouldReportAccountConnectionsOnly_whenAccountConnzIsAsked() throws Exception {
        try (Connection app = ConfTestServers.connect(server, "app", "app")) {
            app.flush(WAIT);
            JsonNode connz = request("$SYS.REQ.ACCOUNT.APP.CONNZ", "{\"auth\":true}");
            assertThat(connz.get("data").get("num_connections").asInt()).isEqualTo(1);
            assertThat(connz.get("data").get("connections").get(0).get("account").asText()).isEqualTo("APP");
        }
    }

    @Test
    void shouldPublishConnectDisconnectAndAuthErrorEvents_whenClientsComeAndGo() throws Exception {
        Subscription events = sys.subscribe("$SYS.ACCOUNT.APP.>");
        Subscription authErrors = sys.subscribe("$SYS.SERVER." + server.serverId() + ".CLIENT.AUTH.ERR");
        sys.flush(WAIT);
        try (Connection app = ConfTestServers.connect(server, "app", "app")) {
            app.flush(WAIT);
        }
        JsonNode connect = JSON.readTree(events.nextMessage(WAIT).getData());
        assertThat(connect.get("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_connect");
        assertThat(connect.get("client").get("acc").asText()).isEqualTo("APP");
        assertThat(connect.get("client").get("user").asText()).isEqualTo("app");
        Message m = events.nextMessage(WAIT);
        assertThat(m.getSubject()).isEqualTo("$SYS.ACCOUNT.APP.DISCONNECT");
        JsonNode disconnect = JSON.readTree(m.getData());
        assertThat(disconnect.get("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_disconnect");
        assertThat(disconnect.get("reason").asText()).isEqualTo("Client Closed");
        assertThat(disconnect.get("sent").has("bytes")).isTrue();

        assertThatThrownBy(() -> ConfTestServers.connect(server, "app", "wrong")).isInstanceOf(Exception.class);
        JsonNode authErr = JSON.readTree(authErrors.nextMessage(WAIT).getData());
        assertThat(authErr.get("reason").asText()).isEqualTo("Authentication Failure");
    }

    @Test
    void shouldSendStatszHeartbeats_onTheServerSubject() throws Exception {
        Subscription hb = sys.subscribe("$SYS.SERVER." + server.serverId() + ".STATSZ");
        Message m = hb.nextMessage(Duration.ofSeconds(10));
        assertThat(m).isNotNull();
        assertThat(JSON.readTree(m.getData()).get("statsz").has("subscriptions")).isTrue();
    }
}
