package io.jnatsd.auth.callout;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.XKeys;
import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth callout with {@code xkey}: the request reaches the service sealed for its curve key
 * (with the server's key in {@code Nats-Server-Xkey} and {@code server_id.xkey}), the sealed
 * answer lets the user in, and a service without the key cannot read the request.
 */
@Timeout(60)
class AuthCalloutXkeyIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private NKey issuer;
    private XKeys serviceKeys;
    private NatsServer server;
    private Connection serviceConnection;

    @BeforeEach
    void start() throws Exception {
        issuer = NKey.createAccount(null);
        serviceKeys = XKeys.generate();
        server = ConfTestServers.start("""
                accounts { AUTH { users: [ { user: auth, password: pwd } ] }, APP {} }
                authorization {
                  timeout: 1
                  auth_callout { issuer: %s, auth_users: [ auth ], account: AUTH, xkey: %s }
                }
                """.formatted(new String(issuer.getPublicKey()), serviceKeys.publicKey()));
        serviceConnection = ConfTestServers.connect(server, "auth", "pwd");
    }

    @AfterEach
    void stop() throws Exception {
        serviceConnection.close();
        server.shutdown();
        server.awaitShutdown(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldLetUserIn_whenRequestAndResponseAreSealed() throws Exception {
        CalloutService svc = new CalloutService(serviceConnection, issuer, serviceKeys,
                req -> new CalloutService.Answer.Allow(issuer, "APP", null));
        serviceConnection.flush(WAIT);
        try (Connection alice = Nats.connect(TestServers.clientOptions(server).userInfo("alice", "x").build())) {
            assertThat(alice.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(server.accountRegistry().lookup("APP").numClients()).isEqualTo(1);
        }
        Jwt request = svc.requests.poll(1, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        JsonNode serverId = request.nats().path("server_id");
        assertThat(serverId.path("xkey").asText()).startsWith("X");
        svc.close();
    }

    @Test
    void shouldRefuse_whenServiceAnswersInClear() throws Exception {
        // A service that cannot open the request never answers; one that answers unsealed garbage is refused.
        serviceConnection.createDispatcher(m -> serviceConnection.publish(m.getReplyTo(), "not a jwt".getBytes()))
                .subscribe(AuthCallout.SUBJECT);
        serviceConnection.flush(WAIT);
        try (RawNatsSocket raw = RawNatsSocket.open(server.clientPort())) {
            raw.readInfoJson();
            raw.send("CONNECT {\"user\":\"alice\",\"pass\":\"x\",\"verbose\":false}\r\nPING\r\n");
            assertThat(raw.readLine()).isEqualTo("-ERR 'Authorization Violation'");
        }
    }
}
