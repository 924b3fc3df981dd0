package io.jnatsd.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.OperatorFixture;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.OperatorFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FULL resolver's answers to claims updates, jnatsd against the Go reference with the same
 * conf file: accepted, malformed, tampered and mismatched JWTs get the same code, account and
 * text.
 */
@Timeout(90)
class ResolverDifferentialTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private ReferenceServer reference;
    private NatsServer jnatsd;

    @AfterEach
    void stop() throws Exception {
        if (reference != null) {
            reference.close();
        }
        if (jnatsd != null) {
            jnatsd.shutdown();
            jnatsd.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldAnswerClaimsUpdatesLikeTheReference_whenJwtsGoodOrBad() throws Exception {
        OperatorFixture f = OperatorFixture.create();
        Files.createDirectories(tmp.resolve("go"));
        Files.createDirectories(tmp.resolve("java"));
        String preload = key(f.account) + ": " + f.accountJwt(n -> { });
        Path goConf = tmp.resolve("go.conf");
        Files.writeString(goConf, f.conf(OperatorFixture.dirResolver("full", tmp.resolve("go"), ""), preload));
        reference = ReferenceServer.start(List.of("-c", goConf.toString()));
        jnatsd = ConfTestServers.start(f.conf(OperatorFixture.dirResolver("full", tmp.resolve("java"), ""), preload));
        Map<String, String> cases = cases(f);
        Map<String, String> go = answers("nats://127.0.0.1:" + reference.port(), f, cases);
        Map<String, String> java = answers("nats://127.0.0.1:" + jnatsd.clientPort(), f, cases);
        assertThat(java).isEqualTo(go);
    }

    /** Subject + body of each case, by name. */
    private static Map<String, String> cases(OperatorFixture f) throws Exception {
        Map<String, String> c = new LinkedHashMap<>();
        String good = f.accountJwt(OperatorFixture.limit("subs", 3));
        String[] parts = good.split("\\.");
        String acc = key(f.account);
        c.put("good", "$SYS.REQ.CLAIMS.UPDATE " + good);
        c.put("garbage", "$SYS.REQ.CLAIMS.UPDATE not-a-jwt");
        c.put("tampered", "$SYS.REQ.CLAIMS.UPDATE " + parts[0] + "." + parts[1] + "."
                + f.accountJwt(n -> { }).split("\\.")[2]);
        c.put("mismatch", "$SYS.REQ.ACCOUNT." + key(NKey.createAccount(null)) + ".CLAIMS.UPDATE " + good);
        c.put("user-jwt", "$SYS.REQ.CLAIMS.UPDATE " + io.jnatsd.testing.TestJwts.user(f.account, NKey.createUser(null),
                io.jnatsd.testing.TestJwts.nats(), 0));
        c.put("per-account", "$SYS.REQ.ACCOUNT." + acc + ".CLAIMS.UPDATE " + f.accountJwt(n -> { }));
        c.put("old-subject", "$SYS.ACCOUNT." + acc + ".CLAIMS.UPDATE " + f.accountJwt(n -> { }));
        return c;
    }

    private static Map<String, String> answers(String url, OperatorFixture f, Map<String, String> cases)
            throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : cases.entrySet()) {
            out.put(e.getKey(), answer(url, f, e.getValue()));
        }
        return out;
    }

    /** One request on a connection of its own: a refused JWT may make the reference close it. */
    private static String answer(String url, OperatorFixture f, String request) throws Exception {
        Options o = Options.builder().server(url).authHandler(f.systemUserCredentials()).noReconnect()
                .connectionTimeout(WAIT).build();
        int space = request.indexOf(' ');
        try (Connection nc = Nats.connect(o)) {
            Message m = nc.request(request.substring(0, space),
                    request.substring(space + 1).getBytes(StandardCharsets.UTF_8), WAIT);
            if (m == null) {
                return "no reply";
            }
            JsonNode r = JSON.readTree(m.getData());
            return r.path("data").toString() + " " + r.path("error").toString();
        } catch (IllegalStateException closed) {
            return "closed";
        }
    }
}
