package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnzTest {

    private MonitorTestSupport env;
    private final List<MonitorTestSupport.RawClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        env = MonitorTestSupport.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (MonitorTestSupport.RawClient c : clients) {
            c.close();
        }
        env.close();
    }

    private MonitorTestSupport.RawClient client(String name) throws Exception {
        MonitorTestSupport.RawClient c = env.client("{\"verbose\":false,\"name\":\"" + name
                + "\",\"version\":\"1.2\",\"user\":\"bob\"}");
        clients.add(c);
        return c;
    }

    @Test
    void shouldDescribeEachConnection_whenConnzRequested() throws Exception {
        MonitorTestSupport.RawClient a = client("a");
        a.send("SUB foo q 1\r\nSUB bar 2\r\nUNSUB 2 5\r\nPUB foo 5\r\nhello\r\n");
        a.sync();
        JsonNode c = env.json("/connz");
        assertThat(c.get("num_connections").asInt()).isEqualTo(1);
        assertThat(c.get("total").asInt()).isEqualTo(1);
        JsonNode ci = c.get("connections").get(0);
        assertThat(ci.get("kind").asText()).isEqualTo("Client");
        assertThat(ci.get("type").asText()).isEqualTo("nats");
        assertThat(ci.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(ci.get("port").asInt()).isPositive();
        assertThat(ci.get("name").asText()).isEqualTo("a");
        assertThat(ci.get("version").asText()).isEqualTo("1.2");
        assertThat(ci.get("in_msgs").asLong()).isEqualTo(1);
        assertThat(ci.get("in_bytes").asLong()).isEqualTo(5);
        assertThat(ci.get("out_msgs").asLong()).isEqualTo(1);
        assertThat(ci.get("out_bytes").asLong()).isEqualTo(5);
        assertThat(ci.get("subscriptions").asInt()).isEqualTo(2);
        assertThat(ci.get("uptime").asText()).matches("\\d+s");
        assertThat(ci.get("rtt").asText()).isEqualTo("0s");
        assertThat(ci.has("subscriptions_list")).isFalse();
        assertThat(ci.has("authorized_user")).isFalse();
    }

    @Test
    void shouldMeasureRoundTrip_whenClientNamesItsLanguage() throws Exception {
        try (io.nats.client.Connection nc = env.connect()) {
            JsonNode first = env.json("/connz").get("connections").get(0);
            assertThat(first.get("lang").asText()).isEqualTo("java");
            MonitorTestSupport.await(() -> {
                try {
                    return !env.json("/connz").get("connections").get(0).get("rtt").asText().equals("0s");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "a measured rtt");
            assertThat(env.json("/connz?sort=rtt").get("connections").get(0).get("rtt").asText())
                    .matches("[0-9.]+(ns|µs|ms|s)");
        }
    }

    @Test
    void shouldListSubscriptions_whenSubsAndDetailAsked() throws Exception {
        MonitorTestSupport.RawClient a = client("a");
        a.send("SUB foo q 1\r\nSUB bar 2\r\nUNSUB 2 5\r\nPUB foo 5\r\nhello\r\n");
        a.sync();
        JsonNode list = env.json("/connz?subs=1").get("connections").get(0).get("subscriptions_list");
        assertThat(list).extracting(JsonNode::asText).containsExactlyInAnyOrder("foo", "bar");
        JsonNode detail = env.json("/connz?subs=detail&auth=true").get("connections").get(0);
        assertThat(detail.get("authorized_user").asText()).isEqualTo("bob");
        JsonNode foo = null;
        JsonNode bar = null;
        for (JsonNode d : detail.get("subscriptions_list_detail")) {
            if (d.get("subject").asText().equals("foo")) {
                foo = d;
            } else {
                bar = d;
            }
        }
        assertThat(foo.get("qgroup").asText()).isEqualTo("q");
        assertThat(foo.get("msgs").asLong()).isEqualTo(1);
        assertThat(foo.has("max")).isFalse();
        assertThat(bar.get("max").asLong()).isEqualTo(5);
        assertThat(bar.get("sid").asText()).isEqualTo("2");
        assertThat(bar.get("cid").asLong()).isEqualTo(detail.get("cid").asLong());
    }

    @Test
    void shouldSortLimitAndPage_whenAsked() throws Exception {
        for (int i = 0; i < 3; i++) {
            MonitorTestSupport.RawClient c = client("c" + i);
            StringBuilder subs = new StringBuilder();
            for (int s = 0; s <= i; s++) {
                subs.append("SUB s").append(s).append(' ').append(s + 1).append("\r\n");
            }
            c.send(subs.toString());
            c.sync();
        }
        JsonNode bySubs = env.json("/connz?sort=subs");
        assertThat(bySubs.get("connections")).extracting(n -> n.get("name").asText()).containsExactly("c2", "c1", "c0");
        JsonNode page = env.json("/connz?sort=cid&limit=1&offset=1");
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("limit").asInt()).isEqualTo(1);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("connections")).extracting(n -> n.get("name").asText()).containsExactly("c1");
        long cid = bySubs.get("connections").get(0).get("cid").asLong();
        JsonNode one = env.json("/connz?cid=" + cid);
        assertThat(one.get("connections")).extracting(n -> n.get("cid").asLong()).containsExactly(cid);
        JsonNode beyond = env.json("/connz?offset=100");
        assertThat(beyond.get("connections")).isEmpty();
        assertThat(beyond.get("total").asInt()).isEqualTo(3);
    }

    @Test
    void shouldFilterByUserAccountAndMqttClient_whenAsked() throws Exception {
        client("a").sync();
        MonitorTestSupport.RawClient alice = env.client("{\"verbose\":false,\"user\":\"alice\"}");
        clients.add(alice);
        alice.sync();
        assertThat(env.json("/connz?auth=1&user=bob").get("connections"))
                .extracting(n -> n.get("authorized_user").asText()).containsExactly("bob");
        assertThat(env.json("/connz?acc=$G").get("total").asInt()).isEqualTo(2);
        assertThat(env.json("/connz?acc=other").get("connections")).isEmpty();
        assertThat(env.json("/connz?mqtt_client=x").get("connections")).isEmpty();
    }

    @Test
    void shouldKeepClosedConnectionWithReason_whenClientLeaves() throws Exception {
        MonitorTestSupport.RawClient a = client("gone");
        a.send("SUB foo 1\r\nPUB foo 2\r\nhi\r\n");
        a.sync();
        a.close();
        MonitorTestSupport.await(() -> env.server.numClients() == 0, "client to close");
        MonitorTestSupport.await(() -> {
            try {
                return env.json("/connz?state=closed").get("total").asInt() == 1;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "closed connection to be listed");
        JsonNode ci = env.json("/connz?state=closed&subs=1").get("connections").get(0);
        assertThat(ci.get("name").asText()).isEqualTo("gone");
        assertThat(ci.get("reason").asText()).isEqualTo("Client Closed");
        assertThat(ci.has("stop")).isTrue();
        assertThat(ci.get("in_msgs").asLong()).isEqualTo(1);
        assertThat(ci.get("subscriptions_list")).extracting(JsonNode::asText).containsExactly("foo");
        assertThat(env.json("/connz").get("total").asInt()).isZero();
        client("open").sync();
        assertThat(env.json("/connz?state=all").get("total").asInt()).isEqualTo(2);
        assertThat(env.json("/connz?state=closed&sort=reason").get("total").asInt()).isEqualTo(1);
    }

    @Test
    void shouldAnswer400WithReferenceText_whenQueryIsBad() throws Exception {
        assertThat(env.get("/connz?sort=xyz").body()).isEqualTo("invalid sorting option: xyz");
        assertThat(env.get("/connz?sort=xyz").statusCode()).isEqualTo(400);
        assertThat(env.get("/connz?limit=abc").body())
                .isEqualTo("Error decoding int for 'limit': strconv.Atoi: parsing \"abc\": invalid syntax");
        assertThat(env.get("/connz?cid=-1").body())
                .isEqualTo("Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"-1\": invalid syntax");
        assertThat(env.get("/connz?state=xyz").body()).isEqualTo("Error decoding state for xyz");
        assertThat(env.get("/connz?sort=stop").body()).isEqualTo("sort by stop only valid on closed connections");
        assertThat(env.get("/connz?subs=maybe").statusCode()).isEqualTo(400);
        JsonNode negative = env.json("/connz?limit=-5&offset=-3");
        assertThat(negative.get("limit").asInt()).isEqualTo(1024);
        assertThat(negative.get("offset").asInt()).isZero();
        assertThat(env.get("/connz?unknown=1").statusCode()).isEqualTo(200);
    }
}
