package io.jnatsd.integration;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadException;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Reload through {@link NatsServer#reloadOptions} over live connections: the reloadable options
 * of {@code server/reload.go} take effect without dropping anyone, a change that cannot be made
 * at run time is refused with the reference's error and changes nothing.
 */
@Timeout(30)
class ReloadIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String VIOLATION = "-ERR 'Authorization Violation'";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private NatsServer server;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }

    private NatsServer start(UnaryOperator<ServerOptions.Builder> customizer) {
        server = TestServers.start(customizer);
        return server;
    }

    private Connection connect() throws IOException, InterruptedException {
        Connection nc = TestServers.connect(server);
        toClose.add(nc);
        return nc;
    }

    private RawNatsSocket raw(String connectJson) throws IOException {
        RawNatsSocket raw = RawNatsSocket.open(server.clientPort());
        toClose.add(raw);
        raw.handshake(connectJson);
        return raw;
    }

    private List<String> reload(UnaryOperator<ServerOptions.Builder> change) throws ReloadException {
        return server.reloadOptions(change.apply(server.options().toBuilder()).build());
    }

    @Test
    void shouldApplyLowerMaxPayload_whenReloadedWhileClientsAreConnected() throws Exception {
        start(UnaryOperator.identity());
        Connection nc = connect();
        Subscription sub = nc.subscribe("live");
        nc.flush(WAIT);
        RawNatsSocket before = raw("{\"verbose\":false,\"protocol\":1}");

        assertThat(reload(o -> o.maxPayload(1024))).containsExactly("maxPayload");

        nc.publish("live", new byte[100]);
        assertThat(sub.nextMessage(WAIT).getData()).hasSize(100);
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(connect().getServerInfo().getMaxPayload()).isEqualTo(1024);
        before.send("PUB big 1025\r\n");
        assertThat(before.readLine()).isEqualTo("-ERR 'Maximum Payload Violation'");
        before.awaitClosedByServer(WAIT);
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldRefuseAndKeepRunningConfig_whenANonReloadableOptionChanges() throws Exception {
        start(b -> b.serverName("one"));
        Connection nc = connect();

        ReloadException e = catchThrowableOfType(ReloadException.class,
                () -> reload(o -> o.maxPayload(1024).serverName("two")));

        assertThat(e).hasMessage("config reload not supported for ServerName: old=one, new=two");
        assertThat(server.options().maxPayload()).isEqualTo(ServerOptions.MAX_PAYLOAD_DEFAULT);
        assertThat(connect().getServerInfo().getMaxPayload()).isEqualTo(ServerOptions.MAX_PAYLOAD_DEFAULT);
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldRefuseWithTheBoundPort_whenThePortChanges() throws Exception {
        start(UnaryOperator.identity());
        int bound = server.clientPort();
        int other = bound == 65000 ? 65001 : 65000;

        ReloadException e = catchThrowableOfType(ReloadException.class, () -> reload(o -> o.port(other)));

        assertThat(e).hasMessage("config reload not supported for Port: old=" + bound + ", new=" + other);
        assertThat(reload(o -> o.port(bound))).isEmpty();
        assertThat(reload(o -> o.port(ServerOptions.RANDOM_PORT))).isEmpty();
    }

    @Test
    void shouldRefuseTheLameDuckSettings_asTheReferenceDoes() throws Exception {
        start(UnaryOperator.identity());

        ReloadException e = catchThrowableOfType(ReloadException.class,
                () -> reload(o -> o.lameDuckDuration(Duration.ofSeconds(45))));

        assertThat(e).hasMessage("config reload not supported for LameDuckDuration: old=2m0s, new=45s");
    }

    @Test
    void shouldTakeReloadableAuxiliaryOptionsAndRefuseTheOthers() throws Exception {
        start(UnaryOperator.identity());
        io.jnatsd.config.AuxiliaryOptions d = io.jnatsd.config.AuxiliaryOptions.DEFAULTS;
        io.jnatsd.config.AuxiliaryOptions tagged = new io.jnatsd.config.AuxiliaryOptions(d.logTime(), d.logTimeUtc(),
                d.logFileSizeLimitBytes(), d.logFileMaxNum(), d.syslog(), d.remoteSyslog(), d.traceVerbose(),
                d.traceHeaders(), d.maxTracedMsgLen(), d.maxClosedClients(), d.maxSubTokens(), d.profPort(),
                d.profBlockRate(), d.connectErrorReports(), d.reconnectErrorReports(), List.of("az:1"),
                d.serverMetadata(), d.featureFlags(), d.noSublistCache(), d.noFastProducerStall(), d.writeTimeout());
        io.jnatsd.config.AuxiliaryOptions fewerClosed = new io.jnatsd.config.AuxiliaryOptions(d.logTime(),
                d.logTimeUtc(), d.logFileSizeLimitBytes(), d.logFileMaxNum(), d.syslog(), d.remoteSyslog(),
                d.traceVerbose(), d.traceHeaders(), d.maxTracedMsgLen(), 5, d.maxSubTokens(), d.profPort(),
                d.profBlockRate(), d.connectErrorReports(), d.reconnectErrorReports(), d.serverTags(),
                d.serverMetadata(), d.featureFlags(), d.noSublistCache(), d.noFastProducerStall(), d.writeTimeout());

        assertThat(reload(o -> o.auxiliary(tagged))).containsExactly("auxiliary");
        ReloadException e = catchThrowableOfType(ReloadException.class, () -> reload(o -> o.auxiliary(fewerClosed)));

        assertThat(e).hasMessage("config reload not supported for MaxClosedClients: old=10000, new=5");
        assertThat(server.options().auxiliary().serverTags()).containsExactly("az:1");
    }

    @Test
    void shouldPingAtTheNewInterval_whenPingIntervalIsReloaded() throws Exception {
        start(UnaryOperator.identity());
        RawNatsSocket idle = raw("{\"verbose\":false,\"protocol\":1}");

        reload(o -> o.pingInterval(Duration.ofMillis(100)).pingMax(1));

        assertThat(idle.readLine()).isEqualTo("PING");
        assertThat(idle.readLine()).isEqualTo("-ERR 'Stale Connection'");
        idle.awaitClosedByServer(WAIT);
    }

    @Test
    void shouldCutAStuckSubscriberSooner_whenTheWriteDeadlineIsLowered() throws Exception {
        start(UnaryOperator.identity());
        RawNatsSocket stuck = RawNatsSocket.open(server.clientPort(), 4096);
        toClose.add(stuck);
        stuck.handshake("{\"verbose\":false,\"protocol\":1}");
        stuck.send("SUB stuck 1\r\nPING\r\n").readLineStartingWith("PONG");
        RawNatsSocket pub = raw("{\"verbose\":false,\"protocol\":1}");

        reload(o -> o.writeDeadline(Duration.ofMillis(300)));
        StringBuilder batch = new StringBuilder();
        String payload = "x".repeat(1024);
        for (int i = 0; i < 256; i++) {
            batch.append("PUB stuck 1024\r\n").append(payload).append("\r\n");
        }
        byte[] bytes = batch.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < 64 && server.stats().slowConsumers() == 0; i++) {
            pub.send(bytes);
        }

        checkFor(Duration.ofSeconds(8), Duration.ofMillis(20),
                () -> assertThat(server.stats().slowConsumers()).isEqualTo(1));
        pub.send("PING\r\n");
        assertThat(pub.readLineStartingWith("PONG")).isEqualTo("PONG");
    }

    @Test
    void shouldCloseClientsOverTheLimit_whenMaxConnectionsIsLowered() throws Exception {
        start(UnaryOperator.identity());
        List<RawNatsSocket> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(raw("{\"verbose\":false,\"protocol\":1}"));
        }

        reload(o -> o.maxConnections(1));

        checkFor(() -> assertThat(server.numClients()).isEqualTo(1));
        int told = 0;
        for (RawNatsSocket c : clients) {
            c.readTimeout(Duration.ofMillis(300));
            try {
                if (c.readLine().equals("-ERR 'maximum connections exceeded'")) {
                    told++;
                }
            } catch (IOException timeoutOrClosed) {
                // the client that stays hears nothing
            }
        }
        assertThat(told).isEqualTo(2);
    }

    @Test
    void shouldCloseOnlyClientsThatNoLongerAuthenticate_whenUsersAreReloaded() throws Exception {
        start(b -> b.auth(AuthOptions.NONE.withUsers(List.of(new AuthOptions.User("alice", "a1"),
                new AuthOptions.User("bob", "b1"), new AuthOptions.User("carol", "c1")))));
        RawNatsSocket alice = raw("{\"verbose\":false,\"protocol\":1,\"user\":\"alice\",\"pass\":\"a1\"}");
        RawNatsSocket bob = raw("{\"verbose\":false,\"protocol\":1,\"user\":\"bob\",\"pass\":\"b1\"}");
        RawNatsSocket carol = raw("{\"verbose\":false,\"protocol\":1,\"user\":\"carol\",\"pass\":\"c1\"}");

        reload(o -> o.auth(AuthOptions.NONE.withUsers(List.of(new AuthOptions.User("alice", "a1"),
                new AuthOptions.User("bob", "b2")))));

        assertThat(bob.readLine()).isEqualTo(VIOLATION);
        bob.awaitClosedByServer(WAIT);
        carol.awaitClosedByServer(WAIT);
        alice.send("PING\r\n");
        assertThat(alice.readLine()).isEqualTo("PONG");
    }

    @Test
    void shouldCloseTokenClients_whenTheTokenChanges() throws Exception {
        start(b -> b.auth(AuthOptions.NONE.withToken("t1")));
        RawNatsSocket client = raw("{\"verbose\":false,\"protocol\":1,\"auth_token\":\"t1\"}");

        reload(o -> o.auth(AuthOptions.NONE.withToken("t2")));

        assertThat(client.readLine()).isEqualTo(VIOLATION);
        client.awaitClosedByServer(WAIT);
        Connection nc = Nats.connect(TestServers.clientOptions(server).token("t2".toCharArray()).build());
        toClose.add(nc);
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldRequireAuthFromExistingClients_whenAuthIsAdded() throws Exception {
        start(UnaryOperator.identity());
        RawNatsSocket anonymous = raw("{\"verbose\":false,\"protocol\":1}");

        reload(o -> o.auth(AuthOptions.NONE.withToken("t1")));

        assertThat(anonymous.readLine()).isEqualTo(VIOLATION);
        anonymous.awaitClosedByServer(WAIT);
        assertThat(RawNatsSocket.open(server.clientPort()).readInfoJson()).contains("\"auth_required\":true");
    }

    @Test
    void shouldApplyNewPermissionsAndMaxPayload_whenReloadedOverALiveConnection() throws Exception {
        String conf = """
                max_payload: %d
                authorization { users = [
                  { user: u, password: p, permissions: { publish: "%s" } }
                  { user: watcher, password: p }
                ] }
                """;
        server = ConfTestServers.start(conf.formatted(1024, "a.>"));
        Connection watcher = ConfTestServers.connect(server, "watcher", "p");
        toClose.add(watcher);
        Subscription sub = watcher.subscribe(">");
        watcher.flush(WAIT);
        RawNatsSocket u = raw("{\"verbose\":false,\"protocol\":1,\"user\":\"u\",\"pass\":\"p\"}");
        u.send("PUB b.x 2\r\nhi\r\nPING\r\n");
        assertThat(u.readLine()).isEqualTo("-ERR 'Permissions Violation for Publish to \"b.x\"'");
        assertThat(u.readLine()).isEqualTo("PONG");

        ServerOptions.Builder next = TestServers.baseOptions();
        new ServerOptionsReader().read(new ConfParser().parseString(conf.formatted(16, "b.>")), next);
        List<String> changed = server.reloadOptions(next.host(server.options().host())
                .port(server.options().port()).build());

        assertThat(changed).contains("accounts", "maxPayload");
        u.send("PUB b.x 2\r\nhi\r\nPING\r\n");
        assertThat(u.readLine()).isEqualTo("PONG");
        assertThat(sub.nextMessage(WAIT).getSubject()).isEqualTo("b.x");
        u.send("PUB a.x 2\r\nhi\r\nPING\r\n");
        assertThat(u.readLine()).isEqualTo("-ERR 'Permissions Violation for Publish to \"a.x\"'");
        assertThat(u.readLine()).isEqualTo("PONG");
        u.send("PUB b.y 20\r\n01234567890123456789\r\n");
        assertThat(u.readLine()).isEqualTo("-ERR 'Maximum Payload Violation'");
    }
}
