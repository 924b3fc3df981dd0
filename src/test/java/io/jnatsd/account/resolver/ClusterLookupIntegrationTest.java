package io.jnatsd.account.resolver;

import io.jnatsd.cluster.route.RouteModule;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.TestServers;
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
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.CheckFor.checkFor;
import static io.jnatsd.testing.OperatorFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two jnatsd nodes of one cluster, a FULL resolver and a CACHE resolver: the CACHE node asks the
 * cluster ({@code $SYS.REQ.ACCOUNT.<key>.CLAIMS.LOOKUP}) for an account JWT only the FULL node
 * has, keeps it, and lets the account's users in; an account nobody has is refused.
 */
@Timeout(60)
class ClusterLookupIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path fullDir;
    @TempDir
    Path cacheDir;

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

    private static String cluster(String routes) {
        return "cluster {\n  name: lookup\n  listen: \"127.0.0.1:-1\"\n" + routes + "}\n";
    }

    private Connection connect(NatsServer server, NKey account) throws Exception {
        return keep(Nats.connect(TestServers.clientOptions(server).authHandler(f.user(account, NKey.createUser(null)))
                .build()));
    }

    /** The FULL node (the account's JWT pushed to it only) and the CACHE node routed to it, once both see the route. */
    private NatsServer[] nodes() throws Exception {
        NatsServer full = keep(ConfTestServers.start(f.conf(OperatorFixture.dirResolver("full", fullDir, ""))
                + cluster("")));
        // Pushed before the CACHE node joins, which would answer the update too ("jwt update cache skipped").
        Connection sys = connect(full, f.systemAccount);
        Message r = sys.request("$SYS.REQ.CLAIMS.UPDATE", f.accountJwt(n -> { }).getBytes(StandardCharsets.UTF_8),
                WAIT);
        assertThat(new String(r.getData(), StandardCharsets.UTF_8)).contains("\"jwt updated\"");
        int routePort = full.module(RouteModule.class).orElseThrow().routePort();
        NatsServer cache = keep(ConfTestServers.start(f.conf(OperatorFixture.dirResolver("cache", cacheDir, ""))
                + cluster("  routes: [\"nats-route://127.0.0.1:" + routePort + "\"]\n")));
        checkFor(() -> {
            assertThat(full.module(RouteModule.class).orElseThrow().numRemotes()).isEqualTo(1);
            assertThat(cache.module(RouteModule.class).orElseThrow().numRemotes()).isEqualTo(1);
        });
        // The CACHE node's system account reaches the FULL node's lookup responder over the route.
        Connection cacheSys = connect(cache, f.systemAccount);
        String lookup = "$SYS.REQ.ACCOUNT." + key(f.account) + ".CLAIMS.LOOKUP";
        checkFor(() -> assertThat(cacheSys.request(lookup, new byte[0], Duration.ofSeconds(1))).isNotNull());
        return new NatsServer[] {full, cache};
    }

    @Test
    void shouldFetchAccountFromFullNode_whenCacheNodeLacksItsJwt() throws Exception {
        NatsServer[] n = nodes();
        NatsServer full = n[0];
        NatsServer cache = n[1];
        assertThat(Files.exists(cacheDir.resolve(key(f.account) + ".jwt"))).isFalse();
        Connection onCache = connect(cache, f.account);
        assertThat(onCache.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        // The fetched JWT lets the client in at once; the CACHE node's copy on disk may land a moment later.
        checkFor(() -> assertThat(cacheDir.resolve(key(f.account) + ".jwt")).exists());
        assertThat(Files.readString(cacheDir.resolve(key(f.account) + ".jwt")))
                .isEqualTo(Files.readString(fullDir.resolve(key(f.account) + ".jwt")));
        Subscription s = onCache.subscribe("across");
        onCache.flush(WAIT);
        Connection onFull = connect(full, f.account);
        checkFor(() -> {
            onFull.publish("across", "hi".getBytes(StandardCharsets.UTF_8));
            assertThat(s.nextMessage(Duration.ofMillis(200))).isNotNull();
        });
    }

    @Test
    void shouldRefuseUser_whenNoServerHasItsAccount() throws Exception {
        NatsServer cache = nodes()[1];
        NKey stranger = NKey.createAccount(null);
        Options o = TestServers.clientOptions(cache).authHandler(f.user(stranger, NKey.createUser(null))).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).hasMessageContaining("Authorization Violation");
        assertThat(Files.exists(cacheDir.resolve(key(stranger) + ".jwt"))).isFalse();
    }
}
