package io.jnatsd.account.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.CheckFor;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestJwts;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.OperatorFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The FULL resolver over the wire: account JWTs pushed with {@code $SYS.REQ.CLAIMS.UPDATE} are
 * stored as {@code <dir>/<key>.jwt}, applied to live accounts (limits, revocations), looked up,
 * listed, deleted, and back after a restart; bad claims get the reference's errors.
 */
@Timeout(60)
class FullResolverIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private OperatorFixture f;

    @BeforeEach
    void fixture() throws Exception {
        f = OperatorFixture.create();
    }

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

    private <T extends AutoCloseable> T keep(T c) {
        toClose.add(c);
        return c;
    }

    private NatsServer start(String extra, String... preloads) {
        return keep(ConfTestServers.start(f.conf(OperatorFixture.dirResolver("full", dir, extra), preloads)));
    }

    private String preloadAccount() {
        return key(f.account) + ": " + f.accountJwt(n -> { });
    }

    private Connection connect(NatsServer server, io.nats.client.AuthHandler auth) throws Exception {
        return keep(Nats.connect(TestServers.clientOptions(server).authHandler(auth).build()));
    }

    private JsonNode request(Connection sys, String subject, String body) throws Exception {
        Message m = sys.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(m).as("reply to " + subject).isNotNull();
        return JSON.readTree(m.getData());
    }

    private RawNatsSocket rawUser(NatsServer server, NKey user) throws Exception {
        RawNatsSocket raw = rawConnect(server, user);
        assertThat(raw.readLine()).isEqualTo("PONG");
        return raw;
    }

    /** Sends CONNECT (the nonce signed) and PING as a user of the fixture's account. */
    private RawNatsSocket rawConnect(NatsServer server, NKey user) throws Exception {
        String jwt = TestJwts.user(f.account, user, TestJwts.nats(), 0);
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()));
        String nonce = JSON.readTree(raw.readInfoJson()).path("nonce").asText();
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                user.sign(nonce.getBytes(StandardCharsets.US_ASCII)));
        raw.send("CONNECT {\"verbose\":false,\"jwt\":\"" + jwt + "\",\"sig\":\"" + sig + "\"}\r\nPING\r\n");
        return raw;
    }

    @Test
    void shouldStoreAndApplyNewSubscriptionLimit_whenClaimsUpdatePushed() throws Exception {
        NatsServer server = start("", preloadAccount());
        NKey early = NKey.createUser(null);
        RawNatsSocket before = rawUser(server, early);
        before.send("SUB a 1\r\nSUB b 2\r\nPING\r\n");
        assertThat(before.readLine()).isEqualTo("PONG");
        Connection sys = connect(server, f.systemUserCredentials());
        String limited = f.accountJwt(OperatorFixture.limit("subs", 1));
        JsonNode r = request(sys, "$SYS.REQ.CLAIMS.UPDATE", limited);
        assertThat(r.path("data").path("code").asInt()).isEqualTo(200);
        assertThat(r.path("data").path("account").asText()).isEqualTo(key(f.account));
        assertThat(r.path("data").path("message").asText()).isEqualTo("jwt updated");
        assertThat(r.path("server").path("id").asText()).isEqualTo(server.serverId());
        assertThat(Files.readString(dir.resolve(key(f.account) + ".jwt"))).isEqualTo(limited);
        // The client already over the new limit is cut; a new one meets it.
        assertThat(before.readLine()).isEqualTo("-ERR 'maximum subscriptions exceeded'");
        before.awaitClosedByServer(WAIT);
        RawNatsSocket after = rawUser(server, NKey.createUser(null));
        after.send("SUB a 1\r\nSUB b 2\r\nPING\r\n");
        assertThat(after.readLine()).isEqualTo("-ERR 'maximum subscriptions exceeded'");
    }

    @Test
    void shouldDisconnectUser_whenUpdatedAccountJwtRevokesIt() throws Exception {
        NatsServer server = start("", preloadAccount());
        NKey revoked = NKey.createUser(null);
        RawNatsSocket victim = rawUser(server, revoked);
        RawNatsSocket bystander = rawUser(server, NKey.createUser(null));
        Connection sys = connect(server, f.systemUserCredentials());
        String revoking = f.accountJwt(n -> n.putObject("revocations").put(key(revoked),
                System.currentTimeMillis() / 1000 + 5));
        JsonNode r = request(sys, "$SYS.REQ.ACCOUNT." + key(f.account) + ".CLAIMS.UPDATE", revoking);
        assertThat(r.path("data").path("message").asText()).isEqualTo("jwt updated");
        assertThat(victim.readLine()).isEqualTo("-ERR 'User Authentication Revoked'");
        victim.awaitClosedByServer(WAIT);
        bystander.send("PING\r\n");
        assertThat(bystander.readLine()).isEqualTo("PONG");
        Options o = TestServers.clientOptions(server).authHandler(f.user(f.account, revoked)).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).hasMessageContaining("Authorization Violation");
    }

    @Test
    void shouldCutNewestClients_whenUpdateLowersConnectionLimit() throws Exception {
        NatsServer server = start("", preloadAccount());
        RawNatsSocket first = rawUser(server, NKey.createUser(null));
        RawNatsSocket second = rawUser(server, NKey.createUser(null));
        Connection sys = connect(server, f.systemUserCredentials());
        request(sys, "$SYS.REQ.CLAIMS.UPDATE", f.accountJwt(OperatorFixture.limit("conn", 1)));
        assertThat(second.readLine()).isEqualTo("-ERR 'maximum account active connections exceeded'");
        second.awaitClosedByServer(WAIT);
        first.send("PING\r\n");
        assertThat(first.readLine()).isEqualTo("PONG");
    }

    @Test
    void shouldRefuseClaims_whenMalformedOrWronglySignedOrForAnotherAccount() throws Exception {
        NatsServer server = start("", preloadAccount());
        Connection sys = connect(server, f.systemUserCredentials());
        JsonNode garbage = request(sys, "$SYS.REQ.CLAIMS.UPDATE", "not a jwt");
        assertThat(garbage.path("error").path("code").asInt()).isEqualTo(500);
        assertThat(garbage.path("error").path("account").asText()).isEqualTo("n/a");
        assertThat(garbage.path("error").path("description").asText()).startsWith("jwt update resulted in error - ");
        assertThat(garbage.has("data")).isFalse();
        String good = f.accountJwt(OperatorFixture.limit("subs", 3));
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + f.accountJwt(n -> { }).split("\\.")[2];
        assertThat(request(sys, "$SYS.REQ.CLAIMS.UPDATE", tampered).path("error").path("description").asText())
                .isEqualTo("jwt update resulted in error - claim failed V2 signature verification");
        NKey other = NKey.createAccount(null);
        JsonNode mismatch = request(sys, "$SYS.REQ.ACCOUNT." + key(other) + ".CLAIMS.UPDATE", good);
        assertThat(mismatch.path("error").path("account").asText()).isEqualTo(key(other));
        assertThat(mismatch.path("error").path("description").asText())
                .isEqualTo("jwt update resulted in error - subject does not match jwt content");
        assertThat(Files.exists(dir.resolve(key(other) + ".jwt"))).isFalse();
        assertThat(Files.readString(dir.resolve(key(f.account) + ".jwt"))).isNotEqualTo(good);
    }

    @Test
    void shouldAnswerLookupAndList_whenAccountsStored() throws Exception {
        NatsServer server = start("", preloadAccount());
        Connection sys = connect(server, f.systemUserCredentials());
        Message found = sys.request("$SYS.REQ.ACCOUNT." + key(f.account) + ".CLAIMS.LOOKUP", new byte[0], WAIT);
        assertThat(new String(found.getData(), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(dir.resolve(key(f.account) + ".jwt")));
        Message missing = sys.request("$SYS.REQ.ACCOUNT." + key(NKey.createAccount(null)) + ".CLAIMS.LOOKUP",
                new byte[0], WAIT);
        assertThat(missing.getData()).isEmpty();
        JsonNode list = request(sys, "$SYS.REQ.CLAIMS.LIST", "");
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(n -> ids.add(n.asText()));
        assertThat(ids).containsExactlyInAnyOrder(key(f.account), key(f.systemAccount));
    }

    @Test
    void shouldServeAccountsAgain_whenRestartedOnTheSameDirectory() throws Exception {
        NatsServer first = start("");
        Connection sys = connect(first, f.systemUserCredentials());
        NKey pushed = NKey.createAccount(null);
        JsonNode r = request(sys, "$SYS.REQ.CLAIMS.UPDATE", f.accountJwt(pushed, n -> { }));
        assertThat(r.path("data").path("message").asText()).isEqualTo("jwt updated");
        NKey user = NKey.createUser(null);
        connect(first, f.user(pushed, user)).close();
        sys.close();
        first.shutdown();
        assertThat(first.awaitShutdown(5, TimeUnit.SECONDS)).isTrue();
        NatsServer second = start("");
        Connection back = connect(second, f.user(pushed, user));
        assertThat(back.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(second.accounts()).extracting(a -> a.name()).contains(key(pushed));
    }

    @Test
    void shouldDeleteAccountAndCloseItsClients_whenOperatorSignsDelete() throws Exception {
        NatsServer server = start("allow_delete: true", preloadAccount());
        RawNatsSocket client = rawUser(server, NKey.createUser(null));
        Connection sys = connect(server, f.systemUserCredentials());
        JsonNode r = request(sys, "$SYS.REQ.CLAIMS.DELETE", deleteRequest(f.operator, key(f.account)));
        assertThat(r.path("data").path("message").asText()).isEqualTo("deleted 1 accounts");
        assertThat(client.readLine()).isEqualTo("-ERR 'Account Authentication Expired'");
        client.awaitClosedByServer(WAIT);
        assertThat(Files.exists(dir.resolve(key(f.account) + ".jwt.deleted"))).isTrue();
        assertThat(Files.exists(dir.resolve(key(f.account) + ".jwt"))).isFalse();
        Options o = TestServers.clientOptions(server).authHandler(f.user(f.account, NKey.createUser(null))).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).hasMessageContaining("Authorization Violation");
        JsonNode sysDelete = request(sys, "$SYS.REQ.CLAIMS.DELETE", deleteRequest(f.operator, key(f.systemAccount)));
        assertThat(sysDelete.path("error").path("description").asText()).isEqualTo("delete accounts request by "
                + key(f.operator) + " failed - not allowed to delete system account");
        NKey stranger = NKey.createOperator(null);
        assertThat(request(sys, "$SYS.REQ.CLAIMS.DELETE", deleteRequest(stranger, key(f.account)))
                .path("error").path("description").asText()).endsWith("failed - not trusted");
    }

    @Test
    void shouldRefuseDelete_whenAllowDeleteIsOff() throws Exception {
        NatsServer server = start("", preloadAccount());
        Connection sys = connect(server, f.systemUserCredentials());
        JsonNode r = request(sys, "$SYS.REQ.CLAIMS.DELETE", deleteRequest(f.operator, key(f.account)));
        assertThat(r.path("error").path("description").asText()).isEqualTo("delete accounts request by "
                + key(f.operator) + " failed - delete must be enabled in server config");
        assertThat(Files.exists(dir.resolve(key(f.account) + ".jwt"))).isTrue();
    }

    @Test
    void shouldApplyStoredLimits_whenAccountIsFirstUsedAfterUpdate() throws Exception {
        NatsServer server = start("", preloadAccount());
        Connection sys = connect(server, f.systemUserCredentials());
        request(sys, "$SYS.REQ.CLAIMS.UPDATE", f.accountJwt(OperatorFixture.limit("conn", 0)));
        RawNatsSocket refused = rawConnect(server, NKey.createUser(null));
        assertThat(refused.readLine()).isEqualTo("-ERR 'maximum account active connections exceeded'");
        refused.awaitClosedByServer(WAIT);
        CheckFor.checkFor(() -> assertThat(sys.getStatus()).isEqualTo(Connection.Status.CONNECTED));
    }

    @Test
    void shouldAnswerPackWithEachJwtThenEmpty_whenHashDiffers() throws Exception {
        NatsServer server = start("", preloadAccount());
        Connection sys = connect(server, f.systemUserCredentials());
        io.nats.client.Subscription inbox = sys.subscribe("pack.reply");
        sys.publish("$SYS.REQ.CLAIMS.PACK", "pack.reply", new byte[32]);
        List<String> lines = new ArrayList<>();
        while (true) {
            Message m = inbox.nextMessage(WAIT);
            assertThat(m).isNotNull();
            if (m.getData().length == 0) {
                break;
            }
            lines.add(new String(m.getData(), StandardCharsets.UTF_8));
        }
        assertThat(lines).hasSize(2).anyMatch(l -> l.startsWith(key(f.account) + "|"))
                .anyMatch(l -> l.startsWith(key(f.systemAccount) + "|"));
    }

    /** A generic claim signed (and issued about itself) by {@code signer}, as nsc sends to delete accounts. */
    private static String deleteRequest(NKey signer, String account) {
        var nats = TestJwts.nats();
        nats.putArray("accounts").add(account);
        return TestJwts.issue(signer, key(signer), "generic", nats, 0);
    }
}
