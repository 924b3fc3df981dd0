package io.jnatsd.integration;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Plain authentication over the wire: tokens, a single user, a users list, no_auth_user, the
 * pre-CONNECT rule and the auth timeout, with the official client and raw sockets for the
 * exact -ERR lines of the reference.
 */
@Timeout(30)
class AuthIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration REFUSED_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final String VIOLATION = "-ERR 'Authorization Violation'";
    private static final AuthOptions USERS = AuthOptions.NONE.withUsers(List.of(
            new AuthOptions.User("alice", "foo"), new AuthOptions.User("bob", "bar")));

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            AutoCloseable c = toClose.get(i);
            if (c instanceof NatsServer s) {
                s.shutdown();
                s.awaitShutdown(5, TimeUnit.SECONDS);
            } else {
                c.close();
            }
        }
    }

    private NatsServer start(AuthOptions auth) {
        return keep(TestServers.start(b -> b.auth(auth)));
    }

    private <T extends AutoCloseable> T keep(T c) {
        toClose.add(c);
        return c;
    }

    private Connection connect(Options.Builder options) throws Exception {
        return keep(Nats.connect(options.build()));
    }

    /**
     * Client options for a connect that must fail: the client waits out its connection timeout
     * after the -ERR, so keep that short.
     */
    private static Options.Builder refused(NatsServer server) {
        return TestServers.clientOptions(server).connectionTimeout(REFUSED_CONNECT_TIMEOUT);
    }

    private RawNatsSocket raw(NatsServer server) throws IOException {
        return keep(RawNatsSocket.open(server.clientPort()));
    }

    private static void assertRoundTrip(Connection nc) throws Exception {
        Subscription sub = nc.subscribe("auth.check");
        nc.publish("auth.check", "hi".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void shouldSayAuthRequiredInInfo_onlyWhenAuthIsConfigured() throws Exception {
        NatsServer open = keep(TestServers.start());
        NatsServer closed = start(AuthOptions.NONE.withToken("s3cr3t"));

        assertThat(raw(open).readInfoJson()).doesNotContain("auth_required");
        assertThat(raw(closed).readInfoJson()).contains("\"auth_required\":true");
    }

    @Test
    void shouldLetTheClientIn_whenTheTokenMatches() throws Exception {
        NatsServer server = start(AuthOptions.NONE.withToken("s3cr3t"));

        Connection nc = connect(TestServers.clientOptions(server).token("s3cr3t".toCharArray()));

        assertRoundTrip(nc);
    }

    @Test
    void shouldRefuseTheClient_whenTheTokenIsWrongOrMissing() throws Exception {
        NatsServer server = start(AuthOptions.NONE.withToken("s3cr3t"));

        assertThatThrownBy(() -> connect(refused(server).token("wrong".toCharArray())))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> connect(refused(server)))
                .isInstanceOf(IOException.class);

        RawNatsSocket s = raw(server);
        s.readInfoJson();
        s.send("CONNECT {\"verbose\":false,\"auth_token\":\"wrong\"}\r\nPING\r\n");
        assertThat(s.readLine()).isEqualTo(VIOLATION);
        s.awaitClosedByServer(WAIT);
        checkFor(() -> assertThat(server.numClients()).isZero());
    }

    @Test
    void shouldCountEachRefusedConnection() throws Exception {
        NatsServer server = start(AuthOptions.NONE.withToken("s3cr3t"));
        RawNatsSocket s = raw(server);
        s.readInfoJson();
        s.send("CONNECT {\"verbose\":false,\"auth_token\":\"wrong\"}\r\n");
        assertThat(s.readLine()).isEqualTo(VIOLATION);
        s.awaitClosedByServer(WAIT);
        assertThat(server.stats().authFailures()).isEqualTo(1);
    }

    @Test
    void shouldCheckUserAndPassword_whenASingleUserIsConfigured() throws Exception {
        NatsServer server = start(AuthOptions.NONE.withUser("derek").withPassword("porkchop"));

        Connection nc = connect(TestServers.clientOptions(server).userInfo("derek", "porkchop"));
        assertRoundTrip(nc);

        assertThatThrownBy(() -> connect(refused(server).userInfo("derek", "nope")))
                .isInstanceOf(IOException.class);
        RawNatsSocket s = raw(server);
        s.readInfoJson();
        s.send("CONNECT {\"verbose\":false,\"user\":\"derek\",\"pass\":\"nope\"}\r\n");
        assertThat(s.readLine()).isEqualTo(VIOLATION);
        s.awaitClosedByServer(WAIT);
    }

    @Test
    void shouldCheckEachUser_whenAUsersListIsConfigured() throws Exception {
        NatsServer server = start(USERS);

        assertRoundTrip(connect(TestServers.clientOptions(server).userInfo("alice", "foo")));
        assertRoundTrip(connect(TestServers.clientOptions(server).userInfo("bob", "bar")));
        assertThatThrownBy(() -> connect(refused(server).userInfo("alice", "bar")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> connect(refused(server).userInfo("carol", "foo")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> connect(refused(server)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void shouldRefusePubBeforeConnect_whenAuthIsRequired() throws Exception {
        NatsServer server = start(USERS);
        RawNatsSocket s = raw(server);
        s.readInfoJson();

        s.send("PUB foo 2\r\nhi\r\n");

        assertThat(s.readLine()).isEqualTo(VIOLATION);
        s.awaitClosedByServer(WAIT);
    }

    @Test
    void shouldAssumeNoAuthUser_whenTheClientSendsNoCredentials() throws Exception {
        NatsServer server = start(USERS.withNoAuthUser("bob"));

        assertRoundTrip(connect(TestServers.clientOptions(server)));
        assertRoundTrip(connect(TestServers.clientOptions(server).userInfo("alice", "foo")));
        assertThatThrownBy(() -> connect(refused(server).userInfo("alice", "bar")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void shouldAcceptOpsBeforeConnect_whenNoAuthUserIsConfigured() throws Exception {
        NatsServer server = start(USERS.withNoAuthUser("bob"));
        RawNatsSocket s = raw(server);
        s.readInfoJson();

        s.send("SUB foo 1\r\nPUB foo 2\r\nhi\r\nPING\r\n");

        assertThat(s.readLineStartingWith("MSG")).isEqualTo("MSG foo 1 2");
        assertThat(s.readLine()).isEqualTo("hi");
        assertThat(s.readLineStartingWith("PONG")).isEqualTo("PONG");
    }

    @Test
    void shouldCloseWithAuthenticationTimeout_whenNoConnectArrivesInTime() throws Exception {
        NatsServer server = start(AuthOptions.NONE.withToken("t").withTimeout(Duration.ofMillis(100)));
        RawNatsSocket s = raw(server);
        s.readInfoJson();

        assertThat(s.readLine()).isEqualTo("-ERR 'Authentication Timeout'");
        s.awaitClosedByServer(WAIT);
        checkFor(() -> assertThat(server.numClients()).isZero());
    }

    @Test
    void shouldKeepTheClient_whenConnectArrivedBeforeTheTimeout() throws Exception {
        NatsServer server = start(AuthOptions.NONE.withToken("t").withTimeout(Duration.ofMillis(100)));
        RawNatsSocket s = raw(server);
        s.readInfoJson();
        s.send("CONNECT {\"verbose\":false,\"auth_token\":\"t\"}\r\nPING\r\n");
        assertThat(s.readLine()).isEqualTo("PONG");

        // Nothing may arrive for several timeouts: the timer was cancelled by CONNECT.
        s.readTimeout(Duration.ofMillis(500));
        assertThatThrownBy(s::readLine).isInstanceOf(SocketTimeoutException.class);
        s.readTimeout(RawNatsSocket.READ_TIMEOUT_DEFAULT);
        s.send("PING\r\n");
        assertThat(s.readLine()).isEqualTo("PONG");
    }

    @Test
    void shouldNotTimeOut_whenAuthIsNotRequired() throws Exception {
        NatsServer server = keep(TestServers.start(b -> b.auth(AuthOptions.NONE.withTimeout(Duration.ofMillis(50)))));
        RawNatsSocket s = raw(server);
        s.readInfoJson();

        s.readTimeout(Duration.ofMillis(400));
        assertThatThrownBy(s::readLine).isInstanceOf(SocketTimeoutException.class);
        s.readTimeout(RawNatsSocket.READ_TIMEOUT_DEFAULT);
        s.send("PING\r\n");
        assertThat(s.readLine()).isEqualTo("PONG");
    }
}
