package io.jnatsd.account.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.OperatorFixture;
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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jnatsd.testing.OperatorFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CACHE resolver (JWTs from its directory on a single server; updates only for accounts in
 * use) and the URL resolver (JWTs fetched over HTTP from a JDK HttpServer, once per account).
 */
@Timeout(60)
class CacheAndUrlResolverIntegrationTest {

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

    private Connection connect(NatsServer server, io.nats.client.AuthHandler auth) throws Exception {
        return keep(Nats.connect(TestServers.clientOptions(server).authHandler(auth).build()));
    }

    private JsonNode request(Connection sys, String subject, String body) throws Exception {
        Message m = sys.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(m).as("reply to " + subject).isNotNull();
        return JSON.readTree(m.getData());
    }

    @Test
    void shouldServeAccountFromDirectory_whenCacheResolverHasItsJwt() throws Exception {
        Files.writeString(dir.resolve(key(f.account) + ".jwt"), f.accountJwt(n -> { }));
        NatsServer server = keep(ConfTestServers.start(f.conf(OperatorFixture.dirResolver("cache", dir,
                "ttl: \"1h\", limit: 10"))));
        Connection user = connect(server, f.user(f.account, NKey.createUser(null)));
        assertThat(user.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        Connection sys = connect(server, f.systemUserCredentials());
        NKey unused = NKey.createAccount(null);
        JsonNode skipped = request(sys, "$SYS.REQ.CLAIMS.UPDATE", f.accountJwt(unused, n -> { }));
        assertThat(skipped.path("data").path("message").asText()).isEqualTo("jwt update cache skipped");
        assertThat(Files.exists(dir.resolve(key(unused) + ".jwt"))).isFalse();
        JsonNode updated = request(sys, "$SYS.REQ.CLAIMS.UPDATE", f.accountJwt(OperatorFixture.limit("subs", 5)));
        assertThat(updated.path("data").path("message").asText()).isEqualTo("jwt updated cache");
        Options unknown = TestServers.clientOptions(server).authHandler(f.user(unused, NKey.createUser(null))).build();
        assertThatThrownBy(() -> keep(Nats.connect(unknown))).hasMessageContaining("Authorization Violation");
    }

    @Test
    void shouldFetchAccountOverHttpOnce_whenUrlResolverIsSet() throws Exception {
        Map<String, String> jwts = new ConcurrentHashMap<>();
        jwts.put(key(f.account), f.accountJwt(n -> { }));
        jwts.put(key(f.systemAccount), f.systemAccountJwt);
        AtomicInteger fetches = new AtomicInteger();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/jwt/v1/accounts/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/jwt/v1/accounts/".length());
            String jwt = jwts.get(name);
            fetches.incrementAndGet();
            byte[] body = jwt == null ? new byte[0] : jwt.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(jwt == null ? 404 : 200, jwt == null ? -1 : body.length);
            if (jwt != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        http.start();
        keep(() -> http.stop(0));
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/jwt/v1/accounts/";
        NatsServer server = keep(ConfTestServers.start("operator: " + f.operatorJwt + "\nresolver: URL(" + url + ")\n"));
        connect(server, f.user(f.account, NKey.createUser(null))).close();
        connect(server, f.user(f.account, NKey.createUser(null)));
        assertThat(fetches.get()).isEqualTo(1);
        Options missing = TestServers.clientOptions(server)
                .authHandler(f.user(NKey.createAccount(null), NKey.createUser(null))).build();
        assertThatThrownBy(() -> keep(Nats.connect(missing))).hasMessageContaining("Authorization Violation");
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void shouldRefuseUser_whenUrlResolverCannotBeReached() throws Exception {
        NatsServer server = keep(ConfTestServers.start("operator: " + f.operatorJwt
                + "\nresolver: URL(http://127.0.0.1:1/accounts/)\n"));
        Options o = TestServers.clientOptions(server).authHandler(f.user(f.account, NKey.createUser(null))).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).hasMessageContaining("Authorization Violation");
    }
}
