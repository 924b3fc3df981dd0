package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.config.ServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** /healthz, /subsz and the endpoints of features not built yet, in the reference's shape. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FeatureEndpointsTest {

    private MonitorTestSupport env;

    @AfterEach
    void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void shouldBeHealthy_whenServerAcceptsClients() throws Exception {
        env = MonitorTestSupport.start();
        for (String q : new String[] {"", "?js-enabled-only=true", "?js-server-only=1"}) {
            HttpResponse<String> r = env.get("/healthz" + q);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
        }
        assertThat(env.get("/healthz?js-enabled-only=nope").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldBeHealthy_whenJetStreamRuns() throws Exception {
        java.nio.file.Path storeDir = io.jnatsd.testing.JetStreamDirs.newStoreDir();
        try {
            env = MonitorTestSupport.start(ServerOptions.builder().jetStream(true).storeDir(storeDir));
            assertThat(env.server.module(io.jnatsd.jetstream.JetStreamModule.class)).isPresent();
            HttpResponse<String> r = env.get("/healthz?js-enabled-only=true");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
        } finally {
            env.close();
            env = null;
            io.jnatsd.testing.JetStreamDirs.deleteTree(storeDir);
        }
    }

    @Test
    void shouldShowSublistStatsAndMatchingSubs_whenSubszAsked() throws Exception {
        env = MonitorTestSupport.start();
        try (MonitorTestSupport.RawClient c = env.client("{\"verbose\":false}")) {
            c.send("SUB a.* 1\r\nSUB a.b 2\r\nSUB c 3\r\nPUB a.b 1\r\nx\r\n");
            c.sync();
            JsonNode stats = env.json("/subsz");
            assertThat(stats.get("num_subscriptions").asInt()).isEqualTo(3);
            assertThat(stats.get("num_inserts").asInt()).isEqualTo(3);
            assertThat(stats.get("num_matches").asInt()).isPositive();
            assertThat(stats.has("subscriptions_list")).isFalse();
            JsonNode all = env.json("/subsz?subs=1");
            assertThat(all.get("total").asInt()).isEqualTo(3);
            assertThat(all.get("server_id").asText()).isEqualTo(env.server.serverId());
            JsonNode test = env.json("/subsz?subs=1&test=a.b");
            assertThat(test.get("subscriptions_list")).extracting(n -> n.get("subject").asText())
                    .containsExactlyInAnyOrder("a.*", "a.b");
            assertThat(test.get("subscriptions_list").get(0).get("account").asText()).isEqualTo("$G");
            JsonNode page = env.json("/subsz?subs=1&limit=1&offset=1");
            assertThat(page.get("subscriptions_list")).hasSize(1);
            assertThat(env.json("/subscriptionsz").get("num_subscriptions").asInt()).isEqualTo(3);
        }
        HttpResponse<String> bad = env.get("/subsz?subs=1&test=a.*");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("invalid test subject, must be valid publish subject: a.*");
    }

    @Test
    void shouldAnswerReferenceShape_whenClusterEndpointsAskedWithoutCluster() throws Exception {
        env = MonitorTestSupport.start();
        JsonNode routez = env.json("/routez?subs=1");
        assertThat(routez.get("num_routes").asInt()).isZero();
        assertThat(routez.get("routes").isArray()).isTrue();
        assertThat(routez.get("server_id").asText()).isEqualTo(env.server.serverId());
        JsonNode gw = env.json("/gatewayz");
        assertThat(gw.get("outbound_gateways").isObject()).isTrue();
        assertThat(gw.get("inbound_gateways").size()).isZero();
        JsonNode leafz = env.json("/leafz");
        assertThat(leafz.get("leafnodes").asInt()).isZero();
        assertThat(leafz.get("leafs").isNull()).isTrue();
        HttpResponse<String> raftz = env.get("/raftz");
        assertThat(raftz.statusCode()).isEqualTo(404);
        assertThat(raftz.body()).isEqualTo("No Raft nodes registered");
    }

    @Test
    void shouldListAccountsAndTheirStats_whenAccountEndpointsAsked() throws Exception {
        env = MonitorTestSupport.start();
        assertThat(env.json("/accountz").get("accounts")).extracting(JsonNode::asText).containsExactly("$G");
        assertThat(env.json("/accstatz").get("account_statz")).isEmpty();
        try (MonitorTestSupport.RawClient c = env.client("{\"verbose\":false}")) {
            c.send("SUB x 1\r\nPUB x 3\r\nabc\r\n");
            c.sync();
            JsonNode detail = env.json("/accountz?acc=$G").get("account_detail");
            assertThat(detail.get("account_name").asText()).isEqualTo("$G");
            assertThat(detail.get("client_connections").asInt()).isEqualTo(1);
            assertThat(detail.get("subscriptions").asInt()).isEqualTo(1);
            assertThat(detail.get("sublist_stats").get("num_subscriptions").asInt()).isEqualTo(1);
            JsonNode stat = env.json("/accstatz").get("account_statz").get(0);
            assertThat(stat.get("acc").asText()).isEqualTo("$G");
            assertThat(stat.get("conns").asInt()).isEqualTo(1);
            assertThat(stat.get("received").get("msgs").asLong()).isEqualTo(1);
            assertThat(stat.get("sent").get("bytes").asLong()).isEqualTo(3);
        }
        HttpResponse<String> missing = env.get("/accountz?acc=nope");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("Account nope does not exist");
        assertThat(env.json("/accstatz?unused=1").get("account_statz")).hasSize(1);
    }

    @Test
    void shouldReportJetStreamDisabled_whenJszAsked() throws Exception {
        env = MonitorTestSupport.start();
        JsonNode jsz = env.json("/jsz?accounts=true");
        assertThat(jsz.get("disabled").asBoolean()).isTrue();
        assertThat(jsz.get("config").get("max_memory").asLong()).isZero();
        assertThat(jsz.get("api").get("total").asLong()).isZero();
        assertThat(jsz.get("streams").asInt()).isZero();
        assertThat(env.get("/jsz?limit=x").statusCode()).isEqualTo(400);
    }
}
