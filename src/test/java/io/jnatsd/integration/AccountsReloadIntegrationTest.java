package io.jnatsd.integration;

import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadException;
import io.jnatsd.testing.ConfReloads;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Accounts across a configuration reload, over live connections: accounts added and removed,
 * users moved, imports, exports, mappings and limits changed, as {@code reloadAuthorization} in
 * {@code server/reload.go} does. Clients whose account still holds stay connected and meet the
 * new rules; clients whose user moved or whose account is gone are closed.
 */
@Timeout(30)
class AccountsReloadIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String A_ONLY = "accounts { A { users = [ { user: a, password: p } ] } }";
    private static final String A_IMPORTS_B = """
            accounts {
              A { users = [ { user: a, password: p } ]
                  imports = [ { stream: { account: B, subject: "feed.>" } }
                              { service: { account: B, subject: "svc" }, to: "ask" } ] }
              B { users = [ { user: b, password: p } ]
                  exports = [ { stream: "feed.>" }, { service: "svc" } ] }
            }
            """;

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

    private Connection connect(String user) throws IOException, InterruptedException {
        Connection nc = ConfTestServers.connect(server, user, "p");
        toClose.add(nc);
        return nc;
    }

    private RawNatsSocket raw(String user) throws IOException {
        RawNatsSocket raw = RawNatsSocket.open(server.clientPort());
        toClose.add(raw);
        raw.handshake("{\"verbose\":false,\"protocol\":1,\"user\":\"" + user + "\",\"pass\":\"p\"}");
        return raw;
    }

    @Test
    void shouldCarryMessagesOverANewImport_whenAnExportingAccountIsAdded() throws Exception {
        server = ConfTestServers.start(A_ONLY);
        Connection a = connect("a");
        Subscription feed = a.subscribe("feed.>");
        a.flush(WAIT);

        assertThat(ConfReloads.reload(server, A_IMPORTS_B)).contains("accounts");

        Connection b = connect("b");
        b.publish("feed.x", "hello".getBytes(StandardCharsets.UTF_8));
        b.flush(WAIT);
        Message m = feed.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.getSubject()).isEqualTo("feed.x");
        assertThat(a.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        b.createDispatcher(msg -> b.publish(msg.getReplyTo(), "answer".getBytes(StandardCharsets.UTF_8)))
                .subscribe("svc");
        b.flush(WAIT);
        assertThat(new String(a.request("ask", new byte[0], WAIT).getData(), StandardCharsets.UTF_8))
                .isEqualTo("answer");
    }

    @Test
    void shouldStopCarryingMessages_whenAnImportIsRemoved() throws Exception {
        server = ConfTestServers.start(A_IMPORTS_B);
        Connection a = connect("a");
        Subscription feed = a.subscribe("feed.>");
        a.flush(WAIT);
        Connection b = connect("b");
        b.publish("feed.before", new byte[0]);
        assertThat(feed.nextMessage(WAIT).getSubject()).isEqualTo("feed.before");

        ConfReloads.reload(server, A_IMPORTS_B.replace("{ stream: { account: B, subject: \"feed.>\" } }", ""));

        b.publish("feed.after", new byte[0]);
        b.flush(WAIT);
        a.publish("feed.local", new byte[0]);
        assertThat(feed.nextMessage(WAIT).getSubject()).isEqualTo("feed.local");
        assertThat(b.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldCloseClientsOfARemovedAccountOnly_whenAnAccountIsRemoved() throws Exception {
        server = ConfTestServers.start(A_IMPORTS_B);
        RawNatsSocket a = raw("a");
        RawNatsSocket b = raw("b");

        ConfReloads.reload(server, A_ONLY);

        b.awaitClosedByServer(WAIT);
        a.send("PING\r\n");
        assertThat(a.readLine()).isEqualTo("PONG");
        assertThat(server.accountRegistry().lookup("B")).isNull();
    }

    @Test
    void shouldCloseAMovedUserAndLetItBackIntoItsNewAccount_whenAUserMovesAccount() throws Exception {
        String before = """
                accounts {
                  A { users = [ { user: a, password: p }, { user: m, password: p } ] }
                  B { users = [ { user: b, password: p } ] }
                }
                """;
        server = ConfTestServers.start(before);
        RawNatsSocket moved = raw("m");
        RawNatsSocket stays = raw("a");

        ConfReloads.reload(server, before.replace("{ user: m, password: p } ] }", "] }")
                .replace("{ user: b, password: p } ]", "{ user: b, password: p }, { user: m, password: p } ]"));

        moved.awaitClosedByServer(WAIT);
        stays.send("PING\r\n");
        assertThat(stays.readLine()).isEqualTo("PONG");
        Connection m = connect("m");
        Subscription sub = m.subscribe("inb");
        m.flush(WAIT);
        connect("b").publish("inb", new byte[0]);
        assertThat(sub.nextMessage(WAIT)).isNotNull();
    }

    @Test
    void shouldApplyNewMappingsAndLimitsToLiveClients_whenAnAccountIsReconfigured() throws Exception {
        server = ConfTestServers.start(A_ONLY);
        Connection a = connect("a");
        Subscription out = a.subscribe("out");
        a.flush(WAIT);
        RawNatsSocket publisher = raw("a");

        ConfReloads.reload(server, """
                accounts { A { users = [ { user: a, password: p } ]
                               mappings = { "in": "out" }
                               limits { max_payload: 16 } } }
                """);

        publisher.send("PUB in 2\r\nhi\r\nPING\r\n");
        assertThat(publisher.readLine()).isEqualTo("PONG");
        assertThat(out.nextMessage(WAIT).getSubject()).isEqualTo("out");
        publisher.send("PUB in 20\r\n01234567890123456789\r\n");
        assertThat(publisher.readLine()).isEqualTo("-ERR 'Maximum Payload Violation'");
        publisher.awaitClosedByServer(WAIT);
        assertThat(a.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldRemoveADeniedSubscriptionAndKeepTheClient_whenPermissionsNoLongerAllowIt() throws Exception {
        String conf = """
                authorization { users = [
                  { user: u, password: p, permissions: { subscribe: { deny: %s } } }
                  { user: pub, password: p }
                ] }
                """;
        server = ConfTestServers.start(conf.formatted("\"nothing\""));
        RawNatsSocket u = raw("u");
        u.send("SUB secret.x 1\r\nSUB open.x q 2\r\nSUB open.y 3\r\nPING\r\n");
        assertThat(u.readLine()).isEqualTo("PONG");

        ConfReloads.reload(server, conf.formatted("\"secret.>\""));
        ConfReloads.reload(server, conf.formatted("[\"secret.>\", \"open.x\"]"));

        assertThat(u.readLine()).isEqualTo("-ERR 'Permissions Violation for Subscription to \"secret.x\" (sid \"1\")'");
        assertThat(u.readLine())
                .isEqualTo("-ERR 'Permissions Violation for Subscription to \"open.x\" using queue \"q\" (sid \"2\")'");
        Connection pub = connect("pub");
        pub.publish("secret.x", new byte[0]);
        pub.publish("open.x", new byte[0]);
        pub.publish("open.y", new byte[0]);
        pub.flush(WAIT);
        assertThat(u.readLine()).startsWith("MSG open.y 3 ");
        u.send("PING\r\n");
        assertThat(u.readLine()).isEmpty();
        assertThat(u.readLine()).isEqualTo("PONG");
    }

    @Test
    void shouldRefuseAndChangeNothing_whenTheSystemAccountChanges() throws Exception {
        server = ConfTestServers.start(A_ONLY);
        RawNatsSocket a = raw("a");

        ReloadException e = catchThrowableOfType(ReloadException.class,
                () -> ConfReloads.reload(server, A_IMPORTS_B + "system_account: B\n"));

        assertThat(e).hasMessage("config reload not supported for SystemAccount: old=$SYS, new=B");
        assertThat(server.accountRegistry().lookup("B")).isNull();
        assertThat(server.options().accounts().accounts()).hasSize(1);
        a.send("PING\r\n");
        assertThat(a.readLine()).isEqualTo("PONG");
    }
}
