package io.jnatsd.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-account JetStream against the Go reference 2.9.10 and jnatsd, from the same conf file: which accounts have
 * JetStream, the limit errors of stream create/update, consumer create and publish, and the limits $JS.API.INFO
 * shows. Answers are compared on {@code type}, {@code error.code}/{@code err_code}, the PubAck's sequence and the
 * INFO {@code limits}, {@code streams} and {@code storage}. Left out: creating again an identical stream when the
 * account is at {@code max_streams}, which 2.9.10 refuses (10027) and the newer reference, which jnatsd follows,
 * accepts ({@code countStreams} skips the stream of the same name; see AccountJetStreamLimitsIntegrationTest).
 */
@Timeout(60)
class AccountJetStreamDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CONF = """
        authorization { users [ { user: g, password: g } ] }
        accounts {
          A {
            users [ { user: a, password: a } ]
            jetstream { max_streams: 2, max_store: 4KB, max_mem: 1MB, max_consumers: 2, max_ack_pending: 50 }
          }
          B { users [ { user: b, password: b } ] }
          D { users [ { user: d, password: d } ], jetstream { max_bytes_required: true, store_max_stream_bytes: 1000 } }
        }
        """;
    private static final String FILE = ",\"storage\":\"file\",\"num_replicas\":1";
    private static final String KB = "x".repeat(1000);

    /** user, subject, body. */
    private static final String[][] STEPS = {
        {"a", "$JS.API.STREAM.CREATE.S1", "{\"name\":\"S1\",\"subjects\":[\"s1\"]" + FILE + "}"},
        {"a", "$JS.API.STREAM.CREATE.S2", "{\"name\":\"S2\",\"subjects\":[\"s2\"]" + FILE + "}"},
        {"a", "$JS.API.STREAM.CREATE.S3", "{\"name\":\"S3\",\"subjects\":[\"s3\"]" + FILE + "}"},
        {"a", "$JS.API.STREAM.DELETE.S2", ""},
        {"a", "$JS.API.STREAM.CREATE.BIG", "{\"name\":\"BIG\",\"subjects\":[\"big\"],\"max_bytes\":5000" + FILE
            + "}"},
        {"a", "$JS.API.STREAM.CREATE.M", "{\"name\":\"M\",\"subjects\":[\"m\"],\"max_bytes\":2097152,"
            + "\"storage\":\"memory\",\"num_replicas\":1}"},
        {"a", "$JS.API.STREAM.CREATE.MC", "{\"name\":\"MC\",\"subjects\":[\"mc\"],\"max_consumers\":3" + FILE
            + "}"},
        {"a", "$JS.API.STREAM.CREATE.R", "{\"name\":\"R\",\"subjects\":[\"r\"],\"max_bytes\":3000" + FILE + "}"},
        {"a", "$JS.API.STREAM.UPDATE.R", "{\"name\":\"R\",\"subjects\":[\"r\"],\"max_bytes\":5000" + FILE + "}"},
        {"a", "$JS.API.STREAM.DELETE.R", ""},
        {"a", "s1", KB}, {"a", "s1", KB}, {"a", "s1", KB}, {"a", "s1", KB}, {"a", "s1", KB},
        {"a", "$JS.API.CONSUMER.CREATE.S1.c1", "{\"stream_name\":\"S1\",\"config\":{\"durable_name\":\"c1\","
            + "\"ack_policy\":\"explicit\"}}"},
        {"a", "$JS.API.CONSUMER.CREATE.S1.c2", "{\"stream_name\":\"S1\",\"config\":{\"durable_name\":\"c2\","
            + "\"ack_policy\":\"explicit\",\"max_ack_pending\":51}}"},
        {"a", "$JS.API.CONSUMER.CREATE.S1.c2", "{\"stream_name\":\"S1\",\"config\":{\"durable_name\":\"c2\","
            + "\"ack_policy\":\"none\"}}"},
        {"a", "$JS.API.CONSUMER.CREATE.S1.c3", "{\"stream_name\":\"S1\",\"config\":{\"durable_name\":\"c3\","
            + "\"ack_policy\":\"none\"}}"},
        {"a", "$JS.API.INFO", ""},
        {"b", "$JS.API.INFO", ""},
        {"b", "$JS.API.STREAM.CREATE.X", "{\"name\":\"X\",\"subjects\":[\"x\"]" + FILE + "}"},
        {"b", "$JS.API.STREAM.NAMES", ""},
        {"g", "$JS.API.INFO", ""},
        {"d", "$JS.API.STREAM.CREATE.N", "{\"name\":\"N\",\"subjects\":[\"n\"]" + FILE + "}"},
        {"d", "$JS.API.STREAM.CREATE.N", "{\"name\":\"N\",\"subjects\":[\"n\"],\"max_bytes\":2000" + FILE + "}"},
        {"d", "$JS.API.STREAM.CREATE.N", "{\"name\":\"N\",\"subjects\":[\"n\"],\"max_bytes\":1000" + FILE + "}"},
    };

    private final List<Path> dirs = new ArrayList<>();
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
        dirs.forEach(JetStreamDirs::deleteTree);
    }

    private Path newDir() {
        Path d = JetStreamDirs.newStoreDir();
        dirs.add(d);
        return d;
    }

    private static List<String> run(String url) throws Exception {
        List<String> out = new ArrayList<>();
        List<Connection> conns = new ArrayList<>();
        try {
            java.util.Map<String, Connection> byUser = new java.util.HashMap<>();
            for (String[] step : STEPS) {
                Connection nc = byUser.get(step[0]);
                if (nc == null) {
                    nc = Nats.connect(new Options.Builder().server(url).userInfo(step[0], step[0]).build());
                    byUser.put(step[0], nc);
                    conns.add(nc);
                }
                Message m = nc.request(step[1], step[2].getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
                out.add(step[0] + " " + step[1] + " -> " + (m == null ? "no answer" : summary(m)));
            }
        } finally {
            for (Connection c : conns) {
                c.close();
            }
        }
        return out;
    }

    private static String summary(Message m) throws Exception {
        JsonNode a = MAPPER.readTree(m.getData());
        StringBuilder sb = new StringBuilder().append(a.path("type").asText()).append(' ')
            .append(a.path("error").path("code").asInt(0)).append('/').append(a.path("error").path("err_code").asInt(0));
        if (a.has("seq")) {
            sb.append(" seq=").append(a.path("seq").asLong());
        }
        if (a.has("limits")) {
            sb.append(" limits=").append(a.path("limits")).append(" streams=").append(a.path("streams"))
                .append(" storage=").append(a.path("storage"));
        }
        if (a.path("config").has("max_ack_pending")) {
            sb.append(" max_ack_pending=").append(a.path("config").path("max_ack_pending"));
        }
        return sb.toString();
    }

    @Test
    void shouldEnableAndLimitAccountsAsTheReference_whenAccountsSetJetStream() throws Exception {
        Path refDir = newDir();
        Files.createDirectories(refDir);
        Path conf = refDir.resolve("accounts.conf");
        Files.writeString(conf, "jetstream { store_dir: \"" + refDir.resolve("store") + "\" }\n" + CONF);
        reference = ReferenceServer.start(List.of("-c", conf.toString()));
        ServerOptions.Builder b = TestServers.baseOptions();
        new ServerOptionsReader().read(new ConfParser().parseString(CONF), b);
        jnatsd = TestServers.start(b.jetStream(true).storeDir(newDir()).build());

        List<String> expected = run("nats://127.0.0.1:" + reference.port());
        List<String> actual = run(TestServers.url(jnatsd));
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
