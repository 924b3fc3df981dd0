package io.jnatsd.auth.callout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The auth callout over the wire: a service on the official client answers the server's
 * requests on {@code $SYS.REQ.USER.AUTH}; allowed users land in the account their user JWT
 * names with its permissions, and a denial, silence, or a user JWT by the wrong issuer gets
 * 'Authorization Violation'.
 */
@Timeout(60)
class AuthCalloutIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private NKey issuer;
    private NatsServer server;

    @BeforeEach
    void start() throws Exception {
        issuer = NKey.createAccount(null);
        server = ConfTestServers.start("""
                accounts {
                  AUTH { users: [ { user: auth, password: pwd } ] }
                  APP {}
                }
                authorization {
                  timeout: 1
                  auth_callout {
                    issuer: %s
                    auth_users: [ auth ]
                    account: AUTH
                  }
                }
                """.formatted(new String(issuer.getPublicKey())));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        server.shutdown();
        server.awaitShutdown(5, TimeUnit.SECONDS);
    }

    private <T extends AutoCloseable> T keep(T c) {
        toClose.add(c);
        return c;
    }

    private CalloutService service(Function<JsonNode, CalloutService.Answer> policy) throws Exception {
        Connection nc = keep(ConfTestServers.connect(server, "auth", "pwd"));
        CalloutService s = keep(new CalloutService(nc, issuer, policy));
        nc.flush(WAIT);
        return s;
    }

    /** alice/secret is let into APP, allowed to publish under app.> only; everyone else is denied. */
    private static CalloutService.Answer alicePolicy(JsonNode req, NKey signer) {
        JsonNode opts = req.path("connect_opts");
        if ("alice".equals(opts.path("user").asText()) && "secret".equals(opts.path("pass").asText())) {
            ObjectNode nats = JSON.createObjectNode();
            nats.putObject("pub").putArray("allow").add("app.>");
            return new CalloutService.Answer.Allow(signer, "APP", nats);
        }
        return new CalloutService.Answer.Deny("bad credentials");
    }

    private Options.Builder client(String user, String password) {
        return TestServers.clientOptions(server).userInfo(user, password).connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(0);
    }

    @Test
    void shouldPlaceUserInJwtAccount_whenServiceAllows() throws Exception {
        CalloutService svc = service(req -> alicePolicy(req, issuer));
        Connection alice = keep(Nats.connect(client("alice", "secret").build()));
        Subscription sub = alice.subscribe("app.x");
        alice.publish("app.x", "hi".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(server.accountRegistry().lookup("APP").numClients()).isEqualTo(1);

        Jwt request = svc.requests.poll(1, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.issuer()).isEqualTo(server.serverId());
        assertThat(request.subject()).isEqualTo(new String(issuer.getPublicKey()));
        assertThat(request.claims().path("aud").asText()).isEqualTo("nats-authorization-request");
        assertThat(request.type()).isEqualTo("authorization_request");
        JsonNode nats = request.nats();
        assertThat(nats.path("server_id").path("id").asText()).isEqualTo(server.serverId());
        assertThat(nats.path("user_nkey").asText()).startsWith("U");
        assertThat(nats.path("client_info").path("user").asText()).isEqualTo("alice");
        assertThat(nats.path("client_info").path("kind").asText()).isEqualTo("Client");
        assertThat(nats.path("connect_opts").path("lang").asText()).isEqualTo("java");
    }

    @Test
    void shouldApplyJwtPermissions_whenServiceAllows() throws Exception {
        service(req -> alicePolicy(req, issuer));
        try (RawNatsSocket raw = RawNatsSocket.open(server.clientPort())) {
            raw.readInfoJson();
            raw.send("CONNECT {\"user\":\"alice\",\"pass\":\"secret\",\"verbose\":false}\r\nPING\r\n");
            assertThat(raw.readLine()).isEqualTo("PONG");
            raw.send("PUB other.x 1\r\nx\r\nPING\r\n");
            assertThat(raw.readLine()).isEqualTo("-ERR 'Permissions Violation for Publish to \"other.x\"'");
        }
    }

    @Test
    void shouldRefuse_whenServiceDenies() throws Exception {
        service(req -> alicePolicy(req, issuer));
        assertThatThrownBy(() -> keep(Nats.connect(client("alice", "wrong").build())))
                .hasMessageContaining("Authorization Violation");
        assertRawRefused("mallory", "x");
    }

    private void assertRawRefused(String user, String password) throws Exception {
        try (RawNatsSocket raw = RawNatsSocket.open(server.clientPort())) {
            raw.readInfoJson();
            raw.send("CONNECT {\"user\":\"" + user + "\",\"pass\":\"" + password + "\",\"verbose\":false}\r\n"
                    + "PING\r\n");
            assertThat(raw.readLine()).isEqualTo("-ERR 'Authorization Violation'");
        }
    }

    @Test
    void shouldRefuse_whenServiceStaysSilent() throws Exception {
        service(req -> new CalloutService.Answer.Silence());
        try (RawNatsSocket raw = RawNatsSocket.open(server.clientPort())) {
            raw.readInfoJson();
            long startNanos = System.nanoTime();
            raw.send("CONNECT {\"user\":\"alice\",\"pass\":\"secret\",\"verbose\":false}\r\nPING\r\n");
            assertThat(raw.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void shouldRefuse_whenUserJwtHasWrongIssuer() throws Exception {
        NKey other = NKey.createAccount(null);
        service(req -> alicePolicy(req, other));
        assertRawRefused("alice", "secret");
    }

    @Test
    void shouldBypassCallout_whenAuthUserConnects() throws Exception {
        CalloutService svc = service(req -> new CalloutService.Answer.Deny("no"));
        Connection again = keep(ConfTestServers.connect(server, "auth", "pwd"));
        assertThat(again.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(svc.requests).isEmpty();
        assertRawRefused("auth", "bad");
        assertThat(svc.requests).isEmpty();
    }
}
