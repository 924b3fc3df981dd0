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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request checks of {@code $JS.API.STREAM.SNAPSHOT} and {@code RESTORE} against the Go reference 2.9.10 and
 * jnatsd: same response type, error code and err_code, and the same presence of {@code deliver_subject} and of
 * {@code config}/{@code state} in the answers that start a transfer. Left out where 2.9.10 and the newer reference
 * jnatsd follows differ: a wildcard deliver subject (2.9.10 takes it, the reference now answers 10015) and a
 * restore whose config names another stream while the subject's stream exists (2.9.10 answers 10130 first, the
 * reference now 10056).
 */
@Timeout(60)
class SnapshotApiDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** subject, body: run in order on a fresh server. */
    private static final String[][] STEPS = {
        {"$JS.API.STREAM.CREATE.A", "{\"name\":\"A\",\"subjects\":[\"a.>\"]}"},
        {"$JS.API.STREAM.SNAPSHOT.A", ""},
        {"$JS.API.STREAM.SNAPSHOT.A", "{}"},
        {"$JS.API.STREAM.SNAPSHOT.NOPE", "{\"deliver_subject\":\"x\"}"},
        {"$JS.API.STREAM.SNAPSHOT.A", "{bad"},
        {"$JS.API.STREAM.SNAPSHOT.A", "{\"no_consumers\":true}"},
        {"$JS.API.STREAM.SNAPSHOT.A", "{\"deliver_subject\":\"snap.in\",\"chunk_size\":1024}"},
        {"$JS.API.STREAM.RESTORE.A", ""},
        {"$JS.API.STREAM.RESTORE.A", "{}"},
        {"$JS.API.STREAM.RESTORE.A", "{bad"},
        {"$JS.API.STREAM.RESTORE.A", "{\"config\":{\"name\":\"A\"}}"},
        {"$JS.API.STREAM.RESTORE.A", "{\"config\":{\"name\":\"A\",\"subjects\":[\"a.>\"]},\"state\":{}}"},
        {"$JS.API.STREAM.RESTORE.N", "{\"config\":{\"name\":\"N\",\"subjects\":[\"n\"]}}"},
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
        try (Connection nc = Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(20)).build())) {
            for (String[] step : STEPS) {
                Message m = nc.request(step[0], step[1].getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
                if (m == null) {
                    out.add(step[0] + " " + step[1] + " -> no answer");
                    continue;
                }
                JsonNode a = MAPPER.readTree(m.getData());
                out.add(step[0] + " " + step[1] + " -> " + a.path("type").asText() + " "
                    + a.path("error").path("code").asInt(0) + "/" + a.path("error").path("err_code").asInt(0)
                    + (a.has("deliver_subject") ? " deliver_subject" : "")
                    + (a.has("config") ? " config" : "") + (a.has("state") ? " state" : ""));
            }
        }
        return out;
    }

    @Test
    void shouldAnswerSnapshotAndRestoreRequests_asTheReference() throws Exception {
        List<String> expected = run("nats://127.0.0.1:" + reference.port());
        List<String> actual = run(TestServers.url(jnatsd));
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
