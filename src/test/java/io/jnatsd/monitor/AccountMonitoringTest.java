package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.JetStreamDirs;
import io.nats.client.Connection;
import io.nats.client.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Accounts with their own users, exports, imports and mappings, JetStream in account A and a system
 * account: per-account traffic in /accstatz, account detail in /accountz and over
 * {@code $SYS.REQ.ACCOUNT.<acc>.INFO|STATZ|JSZ}, /ipqueuesz and /debug/vars.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccountMonitoringTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private Path storeDir;
    private MonitorTestSupport env;
    private Connection sys;

    @BeforeEach
    void start() throws Exception {
        storeDir = JetStreamDirs.newStoreDir();
        env = MonitorTestSupport.of(ConfTestServers.start("""
                http_port: -1
                jetstream { store_dir: "%s" }
                authorization { users = [ { user: g, password: g } ] }
                accounts {
                  $SYS { users = [ { user: sys, password: sys } ] }
                  A {
                    jetstream: enabled
                    users = [ { user: a, password: a } ]
                    exports = [ { service: "svc.>" }, { stream: "st.>", accounts: [B] } ]
                    mappings = { "foo": "bar" }
                  }
                  B {
                    users = [ { user: b, password: b } ]
                    imports = [ { service: { account: A, subject: "svc.>" }, to: "asvc.>" },
                                { stream: { account: A, subject: "st.>" }, prefix: "x" } ]
                  }
                }
                """.formatted(storeDir.toString().replace("\\", "/"))));
        sys = ConfTestServers.connect(env.server, "sys", "sys");
    }

    @AfterEach
    void stop() throws Exception {
        if (sys != null) {
            sys.close();
        }
        if (env != null) {
            env.close();
        }
        JetStreamDirs.deleteTree(storeDir);
    }

    private JsonNode request(String subject, String body) throws Exception {
        Message m = sys.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(m).as(subject).isNotNull();
        return MonitorTestSupport.JSON.readTree(m.getData());
    }

    private static JsonNode statOf(JsonNode statz, String account) {
        for (JsonNode s : statz.get("account_statz")) {
            if (s.get("acc").asText().equals(account)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void shouldCountEachAccountsTraffic_whenItsClientsPublish() throws Exception {
        try (Connection a = ConfTestServers.connect(env.server, "a", "a");
             Connection b = ConfTestServers.connect(env.server, "b", "b")) {
            a.subscribe("x");
            a.flush(WAIT);
            for (int i = 0; i < 3; i++) {
                a.publish("x", "hello".getBytes(StandardCharsets.UTF_8));
            }
            b.publish("nobody", "hi".getBytes(StandardCharsets.UTF_8));
            b.publish("nobody", "hi".getBytes(StandardCharsets.UTF_8));
            a.flush(WAIT);
            b.flush(WAIT);
            MonitorTestSupport.await(() -> {
                try {
                    JsonNode s = statOf(env.json("/accstatz"), "A");
                    return s != null && s.get("sent").get("msgs").asLong() == 3;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "A's deliveries in /accstatz");
            JsonNode statz = env.json("/accstatz");
            JsonNode sa = statOf(statz, "A");
            assertThat(sa.get("conns").asInt()).isEqualTo(1);
            assertThat(sa.get("total_conns").asInt()).isEqualTo(1);
            // The client's subscription, the import wiring's two in the exporter (svc.> and st.>), and
            // JetStream's $JS.API.> in the account.
            assertThat(sa.get("num_subscriptions").asInt()).isEqualTo(4);
            assertThat(sa.get("received").get("msgs").asLong()).isEqualTo(3);
            assertThat(sa.get("received").get("bytes").asLong()).isEqualTo(15);
            assertThat(sa.get("sent").get("bytes").asLong()).isEqualTo(15);
            JsonNode sb = statOf(statz, "B");
            assertThat(sb.get("received").get("msgs").asLong()).isEqualTo(2);
            assertThat(sb.get("received").get("bytes").asLong()).isEqualTo(4);
            assertThat(sb.get("sent").get("msgs").asLong()).isZero();
            assertThat(sb.get("slow_consumers").asLong()).isZero();
            assertThat(statOf(statz, "$G")).as("no client in $G").isNull();
            assertThat(statOf(env.json("/accstatz?unused=1"), "$G")).isNotNull();

            JsonNode conns = request("$SYS.REQ.ACCOUNT.A.CONNS", "");
            assertThat(conns.get("received").get("msgs").asLong()).isEqualTo(3);
            JsonNode direct = request("$SYS.REQ.ACCOUNT.B.STATZ", "");
            assertThat(direct.get("data").get("account_statz")).hasSize(1);
            assertThat(direct.get("data").get("account_statz").get(0).get("received").get("msgs").asLong())
                    .isEqualTo(2);
            JsonNode ping = request("$SYS.REQ.ACCOUNT.PING.STATZ", "{\"accounts\":[\"A\"]}");
            assertThat(ping.get("data").get("account_statz").get(0).get("acc").asText()).isEqualTo("A");
        }
    }

    @Test
    void shouldStayQuiet_whenAccountStatzFindsNoConnections() throws Exception {
        CompletableFuture<Message> none = sys.request("$SYS.REQ.ACCOUNT.A.STATZ", new byte[0]);
        assertThatThrownBy(() -> none.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        JsonNode unused = request("$SYS.REQ.ACCOUNT.A.STATZ", "{\"include_unused\":true}");
        assertThat(unused.get("data").get("account_statz").get(0).get("conns").asInt()).isZero();
    }

    @Test
    void shouldDescribeExportsImportsAndMappings_whenAccountInfoIsAsked() throws Exception {
        JsonNode a = env.json("/accountz?acc=A").get("account_detail");
        assertThat(a.get("account_name").asText()).isEqualTo("A");
        assertThat(a.get("jetstream_enabled").asBoolean()).isTrue();
        assertThat(a.get("mappings").get("foo").get(0).get("subject").asText()).isEqualTo("bar");
        assertThat(a.get("mappings").get("foo").get(0).get("weight").asInt()).isEqualTo(100);
        assertThat(a.get("exports").get(0).get("subject").asText()).isEqualTo("svc.>");
        assertThat(a.get("exports").get(0).get("type").asText()).isEqualTo("service");
        assertThat(a.get("exports").get(0).get("response_type").asText()).isEqualTo("Singleton");
        assertThat(a.get("exports").get(1).get("type").asText()).isEqualTo("stream");
        assertThat(a.get("exports").get(1).get("approved_accounts").get(0).asText()).isEqualTo("B");
        assertThat(a.has("imports")).isFalse();

        JsonNode b = request("$SYS.REQ.ACCOUNT.B.INFO", "").get("data");
        assertThat(b.get("account_name").asText()).isEqualTo("B");
        JsonNode stream = b.get("imports").get(0);
        assertThat(stream.get("type").asText()).isEqualTo("stream");
        assertThat(stream.get("subject").asText()).isEqualTo("st.>");
        assertThat(stream.get("local_subject").asText()).isEqualTo("x.st.>");
        assertThat(stream.get("account").asText()).isEqualTo("A");
        JsonNode service = b.get("imports").get(1);
        assertThat(service.get("type").asText()).isEqualTo("service");
        assertThat(service.get("subject").asText()).isEqualTo("svc.>");
        assertThat(service.get("to").asText()).isEqualTo("asvc.>");
        assertThat(service.get("invalid").asBoolean()).isFalse();

        assertThat(request("$SYS.REQ.ACCOUNT.$SYS.INFO", "").get("data").get("is_system").asBoolean()).isTrue();
        // With accounts configured, only those that ask for JetStream get it, as in the reference.
        assertThat(request("$SYS.REQ.ACCOUNT.$G.INFO", "").get("data").get("jetstream_enabled").asBoolean())
                .isFalse();
        JsonNode missing = request("$SYS.REQ.ACCOUNT.nope.INFO", "");
        assertThat(missing.get("error").get("code").asInt()).isEqualTo(500);
        assertThat(missing.get("error").get("description").asText()).isEqualTo("Account nope does not exist");
        assertThat(env.get("/accountz?acc=nope").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswerJszOverNats_whenJetStreamHasAStream() throws Exception {
        try (Connection a = ConfTestServers.connect(env.server, "a", "a")) {
            JszTest.scene(a);
        }
        JsonNode ping = request("$SYS.REQ.SERVER.PING.JSZ", "{\"accounts\":true}");
        assertThat(ping.get("data").get("streams").asInt()).isEqualTo(2);
        assertThat(ping.get("data").get("account_details").get(0).get("name").asText()).isEqualTo("A");
        JsonNode acc = request("$SYS.REQ.ACCOUNT.A.JSZ", "{\"streams\":true,\"consumer\":true}").get("data");
        assertThat(acc.get("name").asText()).isEqualTo("A");
        assertThat(acc.get("stream_detail")).hasSize(2);
        assertThat(acc.get("stream_detail").get(1).get("consumer_detail").get(0).get("name").asText())
                .isEqualTo("C1");
        JsonNode notEnabled = request("$SYS.REQ.ACCOUNT.B.JSZ", "");
        assertThat(notEnabled.get("error").get("description").asText())
                .isEqualTo("account \"B\" not jetstream enabled");
        assertThat(request("$SYS.REQ.ACCOUNT.nope.JSZ", "").get("error").get("description").asText())
                .isEqualTo("account \"nope\" not found");

        JsonNode queues = env.json("/ipqueuesz?all=1");
        assertThat(queues.get("[ACC:A] stream 'S1' messages").get("pending").asInt()).isZero();
        assertThat(queues.has("Routed JS API Requests")).isTrue();
        assertThat(env.json("/ipqueuesz?all=1&queues=M1").fieldNames()).toIterable()
                .containsExactly("[ACC:A] stream 'M1' messages");
        assertThat(env.json("/ipqueuesz").size()).isZero();
        assertThat(env.get("/ipqueuesz?all=x").statusCode()).isEqualTo(400);
        JsonNode overNats = request("$SYS.REQ.SERVER.PING.IPQUEUESZ", "{\"all\":true,\"filter\":\"S1\"}");
        assertThat(overNats.get("data").fieldNames()).toIterable().containsExactly("[ACC:A] stream 'S1' messages");
    }

    @Test
    void shouldServeJvmMemstats_whenDebugVarsIsAsked() throws Exception {
        var r = env.get("/debug/vars");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(Expvarz.CONTENT_TYPE);
        assertThat(r.body()).startsWith("{\n\"cmdline\": [").endsWith("\n}\n");
        JsonNode vars = MonitorTestSupport.JSON.readTree(r.body());
        JsonNode mem = vars.get("memstats");
        assertThat(mem.get("HeapAlloc").asLong()).isPositive();
        assertThat(mem.get("Sys").asLong()).isGreaterThanOrEqualTo(mem.get("HeapSys").asLong());
        assertThat(mem.get("PauseNs")).hasSize(Expvarz.PAUSE_RING);
        assertThat(mem.get("EnableGC").asBoolean()).isTrue();
        assertThat(vars.get("cmdline").get(0).asText()).isNotEmpty();
        JsonNode overNats = request("$SYS.REQ.SERVER.PING.EXPVARZ", "");
        assertThat(overNats.get("data").get("memstats").get("HeapAlloc").asLong()).isPositive();
    }
}
