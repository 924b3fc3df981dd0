package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.JetStreamDirs;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** /jsz over the wire with JetStream running: two streams, a consumer, three messages. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JszTest {

    private Path storeDir;
    private MonitorTestSupport env;
    private Connection nc;

    @BeforeEach
    void start() throws Exception {
        storeDir = JetStreamDirs.newStoreDir();
        env = MonitorTestSupport.start(ServerOptions.builder().jetStream(true).storeDir(storeDir));
        nc = env.connect();
        scene(nc);
    }

    @AfterEach
    void stop() throws Exception {
        if (nc != null) {
            nc.close();
        }
        if (env != null) {
            env.close();
        }
        JetStreamDirs.deleteTree(storeDir);
    }

    /** S1 (file, max_bytes 1000000) with consumer C1 and two messages; M1 (memory) with one. */
    static void scene(Connection nc) throws Exception {
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("S1").subjects("s1.>").storageType(StorageType.File)
                .maxBytes(1_000_000).build());
        jsm.addStream(StreamConfiguration.builder().name("M1").subjects("m1.>").storageType(StorageType.Memory)
                .build());
        jsm.addOrUpdateConsumer("S1", ConsumerConfiguration.builder().durable("C1").ackPolicy(AckPolicy.Explicit)
                .build());
        JetStream js = nc.jetStream();
        js.publish("s1.a", "hello".getBytes(StandardCharsets.UTF_8));
        js.publish("s1.b", "abc".getBytes(StandardCharsets.UTF_8));
        js.publish("m1.x", "hi".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldCountStreamsConsumersAndMessages_whenJszAskedWithoutDetail() throws Exception {
        JsonNode j = env.json("/jsz");
        assertThat(j.has("disabled")).isFalse();
        assertThat(j.get("streams").asInt()).isEqualTo(2);
        assertThat(j.get("consumers").asInt()).isEqualTo(1);
        assertThat(j.get("messages").asLong()).isEqualTo(3);
        assertThat(j.get("bytes").asLong()).isPositive();
        assertThat(j.get("memory").asLong()).isPositive();
        assertThat(j.get("storage").asLong()).isPositive();
        assertThat(j.get("memory").asLong() + j.get("storage").asLong()).isEqualTo(j.get("bytes").asLong());
        assertThat(j.get("reserved_storage").asLong()).isEqualTo(1_000_000);
        assertThat(j.get("accounts").asInt()).isEqualTo(1);
        assertThat(j.get("total").asInt()).isEqualTo(1);
        assertThat(j.get("api").get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(j.get("config").get("store_dir").asText()).startsWith(storeDir.toString());
        assertThat(j.get("config").get("max_memory").asLong()).isPositive();
        assertThat(j.has("account_details")).isFalse();
    }

    @Test
    void shouldDetailAccountsStreamsAndConsumers_whenAsked() throws Exception {
        JsonNode j = env.json("/jsz?consumers=1&config=1");
        JsonNode acc = j.get("account_details").get(0);
        assertThat(acc.get("name").asText()).isEqualTo("$G");
        assertThat(acc.get("id").asText()).isEqualTo("$G");
        assertThat(acc.get("reserved_memory").bigIntegerValue()).isEqualTo(JetStreamView.UNLIMITED);
        JsonNode streams = acc.get("stream_detail");
        assertThat(streams).hasSize(2);
        assertThat(streams.get(0).get("name").asText()).isEqualTo("M1");
        JsonNode s1 = streams.get(1);
        assertThat(s1.get("name").asText()).isEqualTo("S1");
        assertThat(s1.get("config").get("max_bytes").asLong()).isEqualTo(1_000_000);
        assertThat(s1.get("state").get("messages").asLong()).isEqualTo(2);
        assertThat(s1.get("state").get("consumer_count").asInt()).isEqualTo(1);
        assertThat(s1.get("cluster").get("leader").asText()).isNotEmpty();
        JsonNode c1 = s1.get("consumer_detail").get(0);
        assertThat(c1.get("name").asText()).isEqualTo("C1");
        assertThat(c1.get("stream_name").asText()).isEqualTo("S1");
        assertThat(c1.get("num_pending").asLong()).isEqualTo(2);
        assertThat(c1.get("config").get("durable_name").asText()).isEqualTo("C1");
        assertThat(streams.get(0).has("consumer_detail")).isFalse();
    }

    @Test
    void shouldShowJetStreamUsageInVarz_whenJetStreamRuns() throws Exception {
        JsonNode js = env.json("/varz").get("jetstream");
        assertThat(js.get("config").get("store_dir").asText()).startsWith(storeDir.toString());
        assertThat(js.get("stats").get("accounts").asInt()).isEqualTo(1);
        assertThat(js.get("stats").get("reserved_storage").asLong()).isEqualTo(1_000_000);
        assertThat(js.get("stats").get("storage").asLong()).isEqualTo(env.json("/jsz").get("storage").asLong());
        assertThat(js.get("stats").get("api").get("total").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldLeaveConfigsOut_whenConfigIsNotAsked() throws Exception {
        JsonNode s1 = env.json("/jsz?consumers=true").get("account_details").get(0).get("stream_detail").get(1);
        assertThat(s1.has("config")).isFalse();
        assertThat(s1.get("consumer_detail").get(0).has("config")).isFalse();
        JsonNode streamsOnly = env.json("/jsz?streams=1").get("account_details").get(0).get("stream_detail").get(1);
        assertThat(streamsOnly.has("consumer_detail")).isFalse();
    }

    @Test
    void shouldPageAccounts_whenOffsetAndLimitAreGiven() throws Exception {
        assertThat(env.json("/jsz?accounts=1").get("account_details")).hasSize(1);
        assertThat(env.json("/jsz?accounts=1&offset=5").has("account_details")).isFalse();
        assertThat(env.json("/jsz?accounts=1&offset=-3&limit=-1").get("account_details")).hasSize(1);
        assertThat(env.json("/jsz?accounts=1&offset=99999999999").has("account_details")).isFalse();
        JsonNode one = env.json("/jsz?acc=$G");
        assertThat(one.get("account_details")).hasSize(1);
        assertThat(one.get("account_details").get(0).has("stream_detail")).isFalse();
        assertThat(env.json("/jsz?acc=nope").has("account_details")).isFalse();
        assertThat(env.json("/jsz?leader-only=true").get("streams").asInt()).isEqualTo(2);
    }

    @Test
    void shouldAnswerTheReferenceTexts_whenParametersAreBad() throws Exception {
        HttpResponse<String> r = env.get("/jsz?consumers=x");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Error decoding boolean for 'consumers': strconv.ParseBool: parsing \"x\": "
                + "invalid syntax");
        r = env.get("/jsz?limit=ten");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Error decoding int for 'limit': strconv.Atoi: parsing \"ten\": invalid syntax");
        r = env.get("/jsz?offset=99999999999999999999");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).endsWith("value out of range");
        assertThat(env.get("/jsz?raft=maybe").statusCode()).isEqualTo(400);
        assertThat(env.get("/jsz?unknown=1").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseLeaderOnly_whenJetStreamIsOff() throws Exception {
        try (MonitorTestSupport plain = MonitorTestSupport.start()) {
            HttpResponse<String> r = plain.get("/jsz?leader-only=true");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo(Jsz.NOT_LEADER);
            JsonNode off = plain.json("/jsz");
            assertThat(off.get("disabled").asBoolean()).isTrue();
            assertThat(off.get("streams").asInt()).isZero();
        }
    }
}
