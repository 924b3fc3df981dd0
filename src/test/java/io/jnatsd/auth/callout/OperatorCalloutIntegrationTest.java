package io.jnatsd.auth.callout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.XKeys;
import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.TestServers;
import io.nats.client.AuthHandler;
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
import java.util.function.Consumer;
import java.util.function.Function;

import static io.jnatsd.testing.OperatorFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The auth callout in operator mode over the wire: the {@code authorization} claim of the AUTH
 * account JWT sends its sentinel users to a service in AUTH (a user listed in
 * {@code auth_users}); the service's answer, signed by AUTH or its signing key, places the user
 * in APP (an allowed account) by a user JWT APP signed, or refuses it.
 */
@Timeout(60)
class OperatorCalloutIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private OperatorFixture f;
    private NKey app;
    private NKey authSigningKey;
    private NKey serviceUser;
    private XKeys serviceKeys;
    private NatsServer server;

    @BeforeEach
    void keys() throws Exception {
        f = OperatorFixture.create();
        app = NKey.createAccount(null);
        authSigningKey = NKey.createAccount(null);
        serviceUser = NKey.createUser(null);
        serviceKeys = XKeys.generate();
    }

    /** Starts a server whose AUTH account JWT has the callout claim, edited by {@code claim}. */
    private void start(Consumer<ObjectNode> claim) {
        start(claim, n -> { });
    }

    /** As {@link #start(Consumer)}, with APP's JWT edited by {@code appEdit}. */
    private void start(Consumer<ObjectNode> claim, Consumer<ObjectNode> appEdit) {
        String authJwt = f.accountJwt(n -> {
            n.putArray("signing_keys").add(key(authSigningKey));
            ObjectNode a = n.putObject("authorization");
            a.putArray("auth_users").add(key(serviceUser));
            a.putArray("allowed_accounts").add(key(app));
            claim.accept(a);
        });
        String appJwt = f.accountJwt(app, appEdit);
        server = ConfTestServers.start(f.conf("MEMORY", key(f.account) + ": " + authJwt, key(app) + ": " + appJwt));
    }

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

    private <T extends AutoCloseable> T keep(T c) {
        toClose.add(c);
        return c;
    }

    private Options.Builder client(AuthHandler creds) {
        return TestServers.clientOptions(server).authHandler(creds).connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(0);
    }

    private CalloutService service(NKey responseSigner, XKeys xkeys, Function<JsonNode, CalloutService.Answer> policy)
            throws Exception {
        Connection nc = keep(Nats.connect(client(f.user(f.account, serviceUser)).build()));
        CalloutService s = keep(new CalloutService(nc, responseSigner, xkeys, policy));
        nc.flush(WAIT);
        return s;
    }

    /** alice is let into APP (user JWT by {@code signer}), allowed to publish under app.> only; others are denied. */
    private static CalloutService.Answer alice(JsonNode req, NKey signer) {
        if ("alice".equals(req.path("connect_opts").path("user").asText())) {
            ObjectNode nats = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            nats.putObject("pub").putArray("allow").add("app.>");
            return new CalloutService.Answer.Allow(signer, "", nats);
        }
        return new CalloutService.Answer.Deny("bad credentials");
    }

    private Connection sentinel(String user) throws Exception {
        return keep(Nats.connect(client(f.user(f.account, NKey.createUser(null))).userInfo(user, "pw").build()));
    }

    @Test
    void shouldPlaceUserInAllowedAccount_whenAccountJwtTurnsCalloutOn() throws Exception {
        start(a -> { });
        CalloutService svc = service(f.account, null, req -> alice(req, app));
        Connection appUser = keep(Nats.connect(client(f.user(app, NKey.createUser(null))).build()));
        Subscription sub = appUser.subscribe("app.x");
        appUser.flush(WAIT);

        Connection alice = sentinel("alice");
        alice.publish("app.x", "hi".getBytes(StandardCharsets.UTF_8));
        alice.flush(WAIT);
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(server.accountRegistry().lookup(key(app)).numClients()).isEqualTo(2);

        Jwt request = svc.requests.poll(1, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.issuer()).isEqualTo(server.serverId());
        assertThat(request.subject()).isEqualTo(key(f.account));
        assertThat(request.nats().path("connect_opts").path("jwt").asText()).startsWith("eyJ");
    }

    @Test
    void shouldApplyScopedTemplate_whenScopedKeyOfAllowedAccountIssuesUser() throws Exception {
        NKey scoped = NKey.createAccount(null);
        start(a -> { }, n -> {
            ObjectNode key = n.putArray("signing_keys").addObject();
            key.put("kind", "user_scope").put("key", key(scoped)).put("role", "scoped");
            ObjectNode template = key.putObject("template");
            template.putObject("pub").putArray("allow").add("scoped.>");
            template.putObject("sub");
            template.put("subs", -1).put("data", -1).put("payload", -1);
        });
        service(f.account, null, req -> new CalloutService.Answer.Allow(scoped, "",
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("issuer_account", key(app))));
        Connection appUser = keep(Nats.connect(client(f.user(app, NKey.createUser(null))).build()));
        Subscription sub = appUser.subscribe(">");
        appUser.flush(WAIT);

        Connection alice = sentinel("alice");
        alice.publish("other.x", "denied".getBytes(StandardCharsets.UTF_8));
        alice.publish("scoped.x", "allowed".getBytes(StandardCharsets.UTF_8));
        alice.flush(WAIT);
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.getSubject()).isEqualTo("scoped.x");
        assertThat(server.accountRegistry().lookup(key(app)).numClients()).isEqualTo(2);
    }

    @Test
    void shouldRefuse_whenServiceDenies() throws Exception {
        start(a -> { });
        service(f.account, null, req -> alice(req, app));
        assertThatThrownBy(() -> sentinel("mallory")).hasMessageContaining("Authorization Violation");
    }

    @Test
    void shouldTellCalloutAccount_whenServiceDenies() throws Exception {
        start(a -> { });
        service(f.account, null, req -> alice(req, app));
        Connection owner = keep(Nats.connect(client(f.user(f.account, serviceUser)).build()));
        Subscription events = owner.subscribe("$SYS.ACCOUNT.CLIENT.AUTH.ERR");
        owner.flush(WAIT);
        assertThatThrownBy(() -> sentinel("mallory")).hasMessageContaining("Authorization Violation");
        Message m = events.nextMessage(WAIT);
        assertThat(m).isNotNull();
        JsonNode e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.getData());
        assertThat(e.path("client").path("acc").asText()).isEqualTo(key(f.account));
        assertThat(e.path("reason").asText()).isEqualTo("Authentication Failure");
    }

    @Test
    void shouldAcceptResponse_whenSignedByAccountSigningKey() throws Exception {
        start(a -> { });
        service(authSigningKey, null, req -> alice(req, app));
        assertThat(sentinel("alice").getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldRefuse_whenResponseSignedByUnknownKey() throws Exception {
        start(a -> { });
        service(NKey.createAccount(null), null, req -> alice(req, app));
        assertThatThrownBy(() -> sentinel("alice")).hasMessageContaining("Authorization Violation");
    }

    @Test
    void shouldRefuse_whenUserJwtIssuedByAccountNotAllowed() throws Exception {
        NKey other = NKey.createAccount(null);
        start(a -> { });
        service(f.account, null, req -> alice(req, other));
        assertThatThrownBy(() -> sentinel("alice")).hasMessageContaining("Authorization Violation");
    }

    @Test
    void shouldPlaceUserInCalloutAccount_whenAccountIssuesUserItself() throws Exception {
        start(a -> { });
        service(f.account, null, req -> alice(req, f.account));
        Connection alice = sentinel("alice");
        assertThat(alice.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(server.accountRegistry().lookup(key(f.account)).numClients()).isEqualTo(2);
    }

    @Test
    void shouldSealRequestAndResponse_whenClaimNamesXkey() throws Exception {
        start(a -> a.put("xkey", serviceKeys.publicKey()));
        CalloutService svc = service(f.account, serviceKeys, req -> alice(req, app));
        assertThat(sentinel("alice").getStatus()).isEqualTo(Connection.Status.CONNECTED);
        Jwt request = svc.requests.poll(1, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.nats().path("server_id").path("xkey").asText()).startsWith("X");
    }

    @Test
    void shouldNotCallOut_whenAccountJwtHasNoAuthUsers() throws Exception {
        start(a -> {
            ((ArrayNode) a.get("auth_users")).removeAll();
            ((ArrayNode) a.get("allowed_accounts")).removeAll();
        });
        CalloutService svc = service(f.account, null, req -> new CalloutService.Answer.Deny("no"));
        assertThat(sentinel("anyone").getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(svc.requests).isEmpty();
    }
}
