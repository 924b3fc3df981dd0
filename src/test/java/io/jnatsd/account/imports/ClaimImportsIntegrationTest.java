package io.jnatsd.account.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.TestJwts;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.jnatsd.testing.OperatorFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports and imports declared in account JWTs, over the wire with jnats: public streams and
 * services cross accounts, {@code token_req} exports need a valid activation token, and claims
 * updates rewire imports live (an import removed, an activation revoked).
 */
@Timeout(60)
class ClaimImportsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** How long a message that must not arrive is waited for. */
    private static final Duration ABSENT = Duration.ofMillis(400);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private OperatorFixture f;
    private NKey exporter;
    private NKey importer;

    @BeforeEach
    void fixture() throws Exception {
        f = OperatorFixture.create();
        exporter = f.account;
        importer = NKey.createAccount(null);
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

    private NatsServer start(String exporterJwt, String... importerPreloads) {
        List<String> preloads = new ArrayList<>();
        preloads.add(key(exporter) + ": " + exporterJwt);
        preloads.addAll(List.of(importerPreloads));
        return keep(ConfTestServers.start(f.conf(OperatorFixture.dirResolver("full", dir, ""),
                preloads.toArray(String[]::new))));
    }

    private Connection connect(NatsServer server, NKey account) throws Exception {
        return keep(Nats.connect(TestServers.clientOptions(server).authHandler(f.user(account, NKey.createUser(null)))
                .build()));
    }

    private static Consumer<ObjectNode> exports(ObjectNode... entries) {
        return n -> {
            ArrayNode a = n.putArray("exports");
            for (ObjectNode e : entries) {
                a.add(e);
            }
        };
    }

    private static Consumer<ObjectNode> imports(ObjectNode... entries) {
        return n -> {
            ArrayNode a = n.putArray("imports");
            for (ObjectNode e : entries) {
                a.add(e);
            }
        };
    }

    private static ObjectNode entry(String type, String subject) {
        return JSON.createObjectNode().put("type", type).put("subject", subject);
    }

    private ObjectNode importFrom(NKey from, String type, String subject) {
        return entry(type, subject).put("account", key(from));
    }

    /** An activation token of {@code signer} for {@code to} to import {@code subject} of {@code kind}. */
    private static String activation(NKey signer, NKey to, String kind, String subject, long expiresSeconds) {
        ObjectNode nats = TestJwts.nats().put("subject", subject).put("kind", kind);
        return TestJwts.issue(signer, key(to), "activation", nats, expiresSeconds);
    }

    private String preload(NKey account, Consumer<ObjectNode> edit) {
        return key(account) + ": " + f.accountJwt(account, edit);
    }

    @Test
    void shouldDeliverExportedStreamOnly_whenPublicStreamImported() throws Exception {
        NatsServer server = start(f.accountJwt(exports(entry("stream", "events.>"))),
                preload(importer, imports(importFrom(exporter, "stream", "events.>"),
                        importFrom(exporter, "stream", "private.>"))));
        Connection sub = connect(server, importer);
        Subscription events = sub.subscribe(">");
        sub.flush(WAIT);
        Connection pub = connect(server, exporter);
        pub.publish("private.x", "hidden".getBytes(StandardCharsets.UTF_8));
        pub.publish("events.a", "hello".getBytes(StandardCharsets.UTF_8));
        pub.flush(WAIT);
        Message m = events.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.getSubject()).isEqualTo("events.a");
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(events.nextMessage(ABSENT)).isNull();
    }

    @Test
    void shouldMapStreamToLocalSubject_whenImportHasLocalSubject() throws Exception {
        NatsServer server = start(f.accountJwt(exports(entry("stream", "orders.*"))),
                preload(importer, imports(importFrom(exporter, "stream", "orders.*")
                        .put("local_subject", "theirs.orders.*"))));
        Connection sub = connect(server, importer);
        Subscription s = sub.subscribe("theirs.orders.*");
        sub.flush(WAIT);
        connect(server, exporter).publish("orders.42", new byte[0]);
        Message m = s.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.getSubject()).isEqualTo("theirs.orders.42");
    }

    @Test
    void shouldAnswerRequest_whenServiceExportedAndImported() throws Exception {
        NatsServer server = start(f.accountJwt(exports(entry("service", "svc.time")
                        .put("response_type", "Singleton"))),
                preload(importer, imports(importFrom(exporter, "service", "svc.time").put("local_subject", "time"))));
        Connection responder = connect(server, exporter);
        Dispatcher d = responder.createDispatcher(m -> responder.publish(m.getReplyTo(),
                ("now:" + m.getSubject()).getBytes(StandardCharsets.UTF_8)));
        d.subscribe("svc.time");
        responder.flush(WAIT);
        Connection requester = connect(server, importer);
        Message reply = requester.request("time", new byte[0], WAIT);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("now:svc.time");
    }

    @Test
    void shouldRequireValidActivation_whenExportIsTokenRequired() throws Exception {
        NKey without = NKey.createAccount(null);
        NKey forged = NKey.createAccount(null);
        NKey expired = NKey.createAccount(null);
        long past = System.currentTimeMillis() / 1000 - 10;
        NatsServer server = start(f.accountJwt(exports(entry("stream", "secret.>").put("token_req", true))),
                preload(importer, imports(importFrom(exporter, "stream", "secret.>")
                        .put("token", activation(exporter, importer, "stream", "secret.>", 0)))),
                preload(without, imports(importFrom(exporter, "stream", "secret.>"))),
                preload(forged, imports(importFrom(exporter, "stream", "secret.>")
                        .put("token", activation(forged, forged, "stream", "secret.>", 0)))),
                preload(expired, imports(importFrom(exporter, "stream", "secret.>")
                        .put("token", activation(exporter, expired, "stream", "secret.>", past)))));
        Subscription granted = subscribe(server, importer, "secret.>");
        Subscription[] refused = {subscribe(server, without, "secret.>"), subscribe(server, forged, "secret.>"),
            subscribe(server, expired, "secret.>")};
        Connection pub = connect(server, exporter);
        pub.publish("secret.plans", new byte[0]);
        pub.flush(WAIT);
        assertThat(granted.nextMessage(WAIT)).isNotNull();
        for (Subscription s : refused) {
            assertThat(s.nextMessage(ABSENT)).isNull();
        }
    }

    private Subscription subscribe(NatsServer server, NKey account, String subject) throws Exception {
        Connection c = connect(server, account);
        Subscription s = c.subscribe(subject);
        c.flush(WAIT);
        return s;
    }

    @Test
    void shouldStopDelivery_whenClaimsUpdateRemovesImport() throws Exception {
        NatsServer server = start(f.accountJwt(exports(entry("stream", "events.>"))),
                preload(importer, imports(importFrom(exporter, "stream", "events.>"))));
        Subscription s = subscribe(server, importer, "events.>");
        Connection pub = connect(server, exporter);
        pub.publish("events.before", new byte[0]);
        assertThat(s.nextMessage(WAIT)).isNotNull();
        Connection sys = connect(server, f.systemAccount);
        JsonNode r = update(sys, f.accountJwt(importer, n -> { }));
        assertThat(r.path("data").path("message").asText()).isEqualTo("jwt updated");
        pub.publish("events.after", new byte[0]);
        pub.flush(WAIT);
        assertThat(s.nextMessage(ABSENT)).isNull();
    }

    @Test
    void shouldStopDelivery_whenExporterRevokesActivation() throws Exception {
        ObjectNode export = entry("stream", "secret.>").put("token_req", true);
        NatsServer server = start(f.accountJwt(exports(export)),
                preload(importer, imports(importFrom(exporter, "stream", "secret.>")
                        .put("token", activation(exporter, importer, "stream", "secret.>", 0)))));
        Subscription s = subscribe(server, importer, "secret.>");
        Connection pub = connect(server, exporter);
        pub.publish("secret.one", new byte[0]);
        assertThat(s.nextMessage(WAIT)).isNotNull();
        Connection sys = connect(server, f.systemAccount);
        ObjectNode revoking = export.deepCopy();
        revoking.putObject("revocations").put(key(importer), System.currentTimeMillis() / 1000 + 5);
        assertThat(update(sys, f.accountJwt(exports(revoking))).path("data").path("message").asText())
                .isEqualTo("jwt updated");
        pub.publish("secret.two", new byte[0]);
        pub.flush(WAIT);
        assertThat(s.nextMessage(ABSENT)).isNull();
    }

    private static JsonNode update(Connection sys, String jwt) throws Exception {
        Message m = sys.request("$SYS.REQ.CLAIMS.UPDATE", jwt.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(m).isNotNull();
        return JSON.readTree(m.getData());
    }
}
