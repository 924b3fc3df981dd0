package io.jnatsd.jetstream.limits;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.jwt.TrustOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.TestJwts;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.NKey;
import io.nats.client.api.AccountStatistics;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** JetStream for accounts of a trusted operator: enabled by the account JWT's JetStream limits, with them. */
@Timeout(30)
class JwtAccountJetStreamIntegrationTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private NatsServer server;
    private Path storeDir;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown(5, TimeUnit.SECONDS);
        }
        if (storeDir != null) {
            JetStreamDirs.deleteTree(storeDir);
        }
    }

    private Connection connect(NKey account) throws Exception {
        NKey user = NKey.createUser(null);
        String jwt = TestJwts.user(account, user, TestJwts.nats(), 0);
        Connection nc = Nats.connect(TestServers.clientOptions(server)
            .authHandler(TestJwts.credentials(jwt, user)).build());
        toClose.add(nc);
        return nc;
    }

    @Test
    void shouldEnableJetStreamWithJwtLimits_whenAccountJwtSetsStorage() throws Exception {
        NKey operator = NKey.createOperator(null);
        NKey withJs = NKey.createAccount(null);
        NKey withoutJs = NKey.createAccount(null);
        ObjectNode nats = TestJwts.nats();
        nats.putObject("limits").put("disk_storage", 100_000).put("mem_storage", 0).put("streams", 1)
            .put("consumer", -1);
        TrustOptions trust = new TrustOptions(List.of(TestJwts.operator(operator)), List.of(),
            TrustOptions.RESOLVER_MEMORY, Map.of(
                new String(withJs.getPublicKey()), TestJwts.account(operator, withJs, nats),
                new String(withoutJs.getPublicKey()), TestJwts.account(operator, withoutJs, TestJwts.nats())));
        storeDir = JetStreamDirs.newStoreDir();
        server = TestServers.start(b -> b.trust(trust).jetStream(true).storeDir(storeDir));

        JetStreamManagement jsm = connect(withJs).jetStreamManagement();
        AccountStatistics st = jsm.getAccountStatistics();
        assertThat(st.getLimits().getMaxStorage()).isEqualTo(100_000);
        assertThat(st.getLimits().getMaxMemory()).isZero();
        assertThat(st.getLimits().getMaxStreams()).isEqualTo(1);
        jsm.addStream(StreamConfiguration.builder().name("S1").subjects("s1").build());
        JetStreamApiException e = (JetStreamApiException) catchThrowable(
            () -> jsm.addStream(StreamConfiguration.builder().name("S2").subjects("s2").build()));
        assertThat(e.getApiErrorCode()).isEqualTo(10027);

        JetStreamApiException off = (JetStreamApiException) catchThrowable(
            connect(withoutJs).jetStreamManagement()::getAccountStatistics);
        assertThat(off.getApiErrorCode()).isEqualTo(10039);
    }

    @Test
    void shouldReportTiers_whenAccountJwtHasTieredLimits() throws Exception {
        NKey operator = NKey.createOperator(null);
        NKey account = NKey.createAccount(null);
        ObjectNode nats = TestJwts.nats();
        nats.putObject("limits").putObject("tiered_limits").putObject("R1").put("disk_storage", 50_000)
            .put("mem_storage", 1000).put("streams", 5).put("consumer", -1);
        TrustOptions trust = new TrustOptions(List.of(TestJwts.operator(operator)), List.of(),
            TrustOptions.RESOLVER_MEMORY, Map.of(new String(account.getPublicKey()),
                TestJwts.account(operator, account, nats)));
        storeDir = JetStreamDirs.newStoreDir();
        server = TestServers.start(b -> b.trust(trust).jetStream(true).storeDir(storeDir));

        JetStreamManagement jsm = connect(account).jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("T").subjects("t").maxBytes(10_000).build());
        AccountStatistics st = jsm.getAccountStatistics();
        assertThat(st.getLimits().getMaxStorage()).isZero();
        assertThat(st.getTiers()).containsOnlyKeys("R1");
        assertThat(st.getTiers().get("R1").getLimits().getMaxStorage()).isEqualTo(50_000);
        assertThat(st.getTiers().get("R1").getLimits().getMaxStreams()).isEqualTo(5);
        assertThat(st.getTiers().get("R1").getStreams()).isEqualTo(1);
        assertThat(st.getTiers().get("R1").getReservedStorage()).isEqualTo(10_000);
        assertThat(st.getStreams()).isEqualTo(1);
    }
}
