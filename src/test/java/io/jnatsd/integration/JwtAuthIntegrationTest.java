package io.jnatsd.integration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.jwt.TrustOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestJwts;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Decentralized authentication over the wire: an operator, an account preloaded in the MEMORY
 * resolver, user JWTs signed by the account or its signing keys; expired, revoked, forged
 * and untrusted JWTs get the reference's -ERR, and accounts stay apart.
 */
@Timeout(60)
class JwtAuthIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String VIOLATION = "-ERR 'Authorization Violation'";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private NKey operator;
    private NKey account;
    private NKey signingKey;
    private NKey scopedKey;
    private NKey revokedUser;

    @BeforeEach
    void keys() throws Exception {
        operator = NKey.createOperator(null);
        account = NKey.createAccount(null);
        signingKey = NKey.createAccount(null);
        scopedKey = NKey.createAccount(null);
        revokedUser = NKey.createUser(null);
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

    private String accountJwt(NKey signer) throws Exception {
        ObjectNode nats = TestJwts.nats();
        nats.putArray("signing_keys").add(new String(signingKey.getPublicKey()))
                .addObject().put("kind", "user_scope").put("key", new String(scopedKey.getPublicKey()))
                .putObject("template").put("subs", 1);
        nats.putObject("revocations").put(new String(revokedUser.getPublicKey()),
                System.currentTimeMillis() / 1000 + 60);
        return TestJwts.account(signer, account, nats);
    }

    private NatsServer start(String accountJwt) throws Exception {
        TrustOptions trust = new TrustOptions(List.of(TestJwts.operator(operator)), List.of(),
                TrustOptions.RESOLVER_MEMORY, Map.of(new String(account.getPublicKey()), accountJwt));
        return keep(TestServers.start(b -> b.trust(trust)));
    }

    private Connection connect(NatsServer server, String userJwt, NKey user) throws Exception {
        return keep(Nats.connect(TestServers.clientOptions(server)
                .authHandler(TestJwts.credentials(userJwt, user)).build()));
    }

    private void assertRefused(NatsServer server, String userJwt, NKey user) {
        Options o = TestServers.clientOptions(server).authHandler(TestJwts.credentials(userJwt, user))
                .connectionTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).hasMessageContaining("Authorization Violation");
    }

    private static void assertRoundTrip(Connection nc) throws Exception {
        Subscription sub = nc.subscribe("jwt.test");
        nc.publish("jwt.test", "hello".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
    }

    @Test
    void shouldLetUserIn_whenJwtChainsToTrustedOperator() throws Exception {
        NatsServer server = start(accountJwt(operator));
        NKey user = NKey.createUser(null);
        Connection nc = connect(server, TestJwts.user(account, user, TestJwts.nats(), 0), user);
        assertRoundTrip(nc);
        assertThat(server.accounts()).extracting(a -> a.name()).contains(new String(account.getPublicKey()));
    }

    @Test
    void shouldLetUserIn_whenSignedByAccountSigningKey() throws Exception {
        NatsServer server = start(accountJwt(operator));
        NKey user = NKey.createUser(null);
        ObjectNode nats = TestJwts.nats().put("issuer_account", new String(account.getPublicKey()));
        assertRoundTrip(connect(server, TestJwts.user(signingKey, user, nats, 0), user));
    }

    @Test
    void shouldApplyScopeTemplate_whenSignedByScopedKey() throws Exception {
        NatsServer server = start(accountJwt(operator));
        NKey user = NKey.createUser(null);
        ObjectNode nats = TestJwts.nats().put("issuer_account", new String(account.getPublicKey()));
        String jwt = TestJwts.user(scopedKey, user, nats, 0);
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()));
        String nonce = JSON.readTree(raw.readInfoJson()).path("nonce").asText();
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                user.sign(nonce.getBytes(StandardCharsets.US_ASCII)));
        raw.send("CONNECT {\"verbose\":false,\"jwt\":\"" + jwt + "\",\"sig\":\"" + sig + "\"}\r\n"
                + "SUB a 1\r\nSUB b 2\r\nPING\r\n");
        assertThat(raw.readLine()).isEqualTo("-ERR 'maximum subscriptions exceeded'");
        assertThat(raw.readLine()).isEqualTo("PONG");
    }

    @Test
    void shouldCloseConnection_whenUserJwtExpiresWhileConnected() throws Exception {
        NatsServer server = start(accountJwt(operator));
        NKey user = NKey.createUser(null);
        String jwt = TestJwts.user(account, user, TestJwts.nats(), System.currentTimeMillis() / 1000 + 2);
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()));
        String nonce = JSON.readTree(raw.readInfoJson()).path("nonce").asText();
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                user.sign(nonce.getBytes(StandardCharsets.US_ASCII)));
        raw.send("CONNECT {\"verbose\":false,\"jwt\":\"" + jwt + "\",\"sig\":\"" + sig + "\"}\r\nPING\r\n");
        assertThat(raw.readLine()).isEqualTo("PONG");
        assertThat(raw.readLine()).isEqualTo("-ERR 'User Authentication Expired'");
        raw.awaitClosedByServer(WAIT);
    }

    @Test
    void shouldRefuseUser_whenJwtExpired() throws Exception {
        NatsServer server = start(accountJwt(operator));
        NKey user = NKey.createUser(null);
        assertRefused(server, TestJwts.user(account, user, TestJwts.nats(), System.currentTimeMillis() / 1000 - 5),
                user);
    }

    @Test
    void shouldRefuseUser_whenRevokedInAccount() throws Exception {
        NatsServer server = start(accountJwt(operator));
        String jwt = TestJwts.user(account, revokedUser, TestJwts.nats(), 0);
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()));
        String nonce = JSON.readTree(raw.readInfoJson()).path("nonce").asText();
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                revokedUser.sign(nonce.getBytes(StandardCharsets.US_ASCII)));
        raw.send("CONNECT {\"verbose\":false,\"jwt\":\"" + jwt + "\",\"sig\":\"" + sig + "\"}\r\nPING\r\n");
        assertThat(raw.readLine()).isEqualTo(VIOLATION);
        assertRefused(server, jwt, revokedUser);
    }

    @Test
    void shouldRefuseUser_whenAccountSignedByUntrustedOperator() throws Exception {
        NatsServer server = start(accountJwt(NKey.createOperator(null)));
        NKey user = NKey.createUser(null);
        assertRefused(server, TestJwts.user(account, user, TestJwts.nats(), 0), user);
    }

    @Test
    void shouldRefuseUser_whenJwtSignedByUnknownKeyOrForged() throws Exception {
        NatsServer server = start(accountJwt(operator));
        NKey user = NKey.createUser(null);
        ObjectNode nats = TestJwts.nats().put("issuer_account", new String(account.getPublicKey()));
        assertRefused(server, TestJwts.user(NKey.createAccount(null), user, nats, 0), user);
        String good = TestJwts.user(account, user, TestJwts.nats(), 0);
        String[] parts = good.split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"type\":\"user\"", "\"type\":\"user\",\"bearer_token\":true")
                        .getBytes(StandardCharsets.UTF_8));
        assertRefused(server, parts[0] + "." + forgedClaims + "." + parts[2], user);
    }

    @Test
    void shouldSendViolation_whenNonceSignedByAnotherKey() throws Exception {
        NatsServer server = start(accountJwt(operator));
        NKey user = NKey.createUser(null);
        String jwt = TestJwts.user(account, user, TestJwts.nats(), 0);
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()));
        String nonce = JSON.readTree(raw.readInfoJson()).path("nonce").asText();
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                NKey.createUser(null).sign(nonce.getBytes(StandardCharsets.US_ASCII)));
        raw.send("CONNECT {\"verbose\":false,\"jwt\":\"" + jwt + "\",\"sig\":\"" + sig + "\"}\r\nPING\r\n");
        assertThat(raw.readLine()).isEqualTo(VIOLATION);
    }

    @Test
    void shouldEnforceUserJwtPermissions_whenUserClaimsCarryPubAndSub() throws Exception {
        NatsServer server = start(accountJwt(operator));
        NKey user = NKey.createUser(null);
        ObjectNode nats = TestJwts.nats();
        nats.putObject("pub").putArray("allow").add("ok.>");
        nats.putObject("sub").putArray("deny").add("secret");
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        Connection limited = keep(Nats.connect(TestServers.clientOptions(server)
                .authHandler(TestJwts.credentials(TestJwts.user(account, user, nats, 0), user))
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                }).build()));
        Subscription ok = limited.subscribe("ok.>");

        limited.publish("nope", new byte[1]);
        limited.subscribe("secret");
        limited.publish("ok.yes", new byte[1]);
        limited.flush(WAIT);

        assertThat(errors.poll(10, TimeUnit.SECONDS)).isEqualTo("Permissions Violation for Publish to \"nope\"");
        assertThat(errors.poll(10, TimeUnit.SECONDS)).isEqualTo("Permissions Violation for Subscription to \"secret\"");
        assertThat(ok.nextMessage(WAIT)).as("an allowed subject still flows").isNotNull();
    }
}
