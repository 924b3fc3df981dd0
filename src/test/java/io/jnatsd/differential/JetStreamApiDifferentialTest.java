package io.jnatsd.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same $JS.API requests against the Go reference 2.9.10 and jnatsd: the answers' {@code type} and
 * {@code error.code}/{@code err_code} must agree (descriptions differ where Go's JSON errors are Go's own).
 * Left out: a subject no handler takes ({@code $JS.API.NOPE}), which 2.9.10 leaves unanswered while the newer
 * reference jnatsd follows answers with a {@code system_response} BAD_REQUEST (see StreamApiErrorsTest).
 */
@Timeout(60)
class JetStreamApiDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** subject, body: the scenario, run in order on a fresh server. */
    private static final String[][] STEPS = {
        {"$JS.API.STREAM.CREATE.A", "{\"name\":\"A\",\"subjects\":[\"a.>\"]}"},
        {"$JS.API.STREAM.CREATE.A", "{\"name\":\"A\",\"subjects\":[\"a.>\"]}"},
        {"$JS.API.STREAM.CREATE.A", "{\"name\":\"A\",\"subjects\":[\"x\"]}"},
        {"$JS.API.STREAM.CREATE.B", "{\"name\":\"B\",\"subjects\":[\"a.b\"]}"},
        {"$JS.API.STREAM.CREATE.C", "{\"name\":\"D\"}"},
        {"$JS.API.STREAM.CREATE.C", "{bad"},
        {"$JS.API.STREAM.CREATE.R", "{\"name\":\"R\",\"num_replicas\":3}"},
        {"$JS.API.STREAM.CREATE.M", "{\"name\":\"M\",\"max_age\":-1}"},
        {"$JS.API.STREAM.UPDATE.A", "{\"name\":\"A\",\"subjects\":[\"a.>\"],\"storage\":\"memory\"}"},
        {"$JS.API.STREAM.UPDATE.NOPE", "{\"name\":\"NOPE\"}"},
        {"$JS.API.STREAM.INFO.A", ""},
        {"$JS.API.STREAM.INFO.NOPE", ""},
        {"$JS.API.STREAM.NAMES", ""},
        {"$JS.API.STREAM.LIST", ""},
        {"$JS.API.STREAM.MSG.GET.A", "{}"},
        {"$JS.API.STREAM.MSG.GET.A", "{\"seq\":1}"},
        {"$JS.API.STREAM.MSG.GET.A", "{\"seq\":1,\"last_by_subj\":\"a.b\"}"},
        {"$JS.API.STREAM.MSG.DELETE.A", "{\"seq\":1}"},
        {"$JS.API.STREAM.PURGE.A", "{\"seq\":2,\"keep\":1}"},
        {"$JS.API.STREAM.PURGE.A", ""},
        {"$JS.API.STREAM.LEADER.STEPDOWN.A", ""},
        {"$JS.API.STREAM.PEER.REMOVE.A", "{\"peer\":\"x\"}"},
        {"$JS.API.CONSUMER.LEADER.STEPDOWN.A.C", ""},
        {"$JS.API.STREAM.SNAPSHOT.A", ""},
        {"$JS.API.STREAM.SNAPSHOT.NOPE", "{\"deliver_subject\":\"x\"}"},
        {"$JS.API.STREAM.RESTORE.A", "{\"config\":{\"name\":\"A\"}}"},
        {"$JS.API.INFO", ""},
        {"$JS.API.STREAM.DELETE.A", ""},
        {"$JS.API.STREAM.DELETE.A", ""},
    };

    private ReferenceServer reference;
    private NatsServer jnatsd;

    @BeforeEach
    void start() throws Exception {
        reference = ReferenceServer.start(List.of("-js", "-sd", JetStreamDirs.newStoreDir().toString()));
        jnatsd = TestServers.start(o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));
    }

    @AfterEach
    void stop() throws Exception {
        reference.close();
        jnatsd.shutdown();
        jnatsd.awaitShutdown(5, TimeUnit.SECONDS);
    }

    private static List<String> run(String url) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection nc = Nats.connect(new Options.Builder().server(url).build())) {
            for (String[] step : STEPS) {
                Message m = nc.request(step[0], step[1].getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
                if (m == null) {
                    out.add(step[0] + " " + step[1] + " -> no answer");
                    continue;
                }
                JsonNode a = MAPPER.readTree(m.getData());
                Map<String, Object> seen = new LinkedHashMap<>();
                seen.put("type", a.path("type").asText());
                seen.put("code", a.path("error").path("code").asInt(0));
                seen.put("err_code", a.path("error").path("err_code").asInt(0));
                out.add(step[0] + " " + step[1] + " -> " + seen);
            }
        }
        return out;
    }

    @Test
    void shouldAnswerWithTheSameTypesAndErrorCodes_asTheReference() throws Exception {
        List<String> expected = run("nats://127.0.0.1:" + reference.port());
        List<String> actual = run(TestServers.url(jnatsd));
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
