package io.jnatsd.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monitoring over NATS against the Go reference: a user of the system account asks both servers
 * the same {@code $SYS.REQ.SERVER.PING...} requests; every field name the reference answers with
 * (top level, {@code server}, {@code statsz} or {@code data}) must be in jnatsd's answer.
 */
@Timeout(60)
class SystemAccountDifferentialTest {

    private static final String CONF = "accounts { $SYS { users = [ { user: sys, password: sys } ] } }\n";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static ReferenceServer reference;
    private static NatsServer jnatsd;
    private static Connection toReference;
    private static Connection toJnatsd;

    @BeforeAll
    static void start() throws Exception {
        Path conf = Files.createTempFile("jnatsd-sys", ".conf");
        Files.writeString(conf, CONF);
        reference = ReferenceServer.start(List.of("-c", conf.toString()));
        jnatsd = ConfTestServers.start(CONF);
        toReference = connect("nats://127.0.0.1:" + reference.port());
        toJnatsd = connect("nats://127.0.0.1:" + jnatsd.clientPort());
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(Options.builder().server(url).userInfo("sys", "sys").noReconnect()
                .connectionTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {toReference, toJnatsd}) {
            if (c != null) {
                c.close();
            }
        }
        if (jnatsd != null) {
            jnatsd.shutdown();
        }
        if (reference != null) {
            reference.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"$SYS.REQ.SERVER.PING", "$SYS.REQ.SERVER.PING.STATSZ", "$SYS.REQ.SERVER.PING.VARZ",
            "$SYS.REQ.SERVER.PING.CONNZ", "$SYS.REQ.SERVER.PING.SUBSZ", "$SYS.REQ.SERVER.PING.ROUTEZ",
            "$SYS.REQ.SERVER.PING.GATEWAYZ", "$SYS.REQ.SERVER.PING.LEAFZ", "$SYS.REQ.SERVER.PING.ACCOUNTZ",
            "$SYS.REQ.SERVER.PING.JSZ", "$SYS.REQ.SERVER.PING.HEALTHZ"})
    void shouldAnswerWithEveryFieldTheReferenceHas_whenASystemUserAsks(String subject) throws Exception {
        JsonNode theirs = ask(toReference, subject);
        JsonNode ours = ask(toJnatsd, subject);
        assertThat(names(ours)).as("top level of %s", subject).containsAll(names(theirs));
        for (String part : List.of("server", "statsz", "data")) {
            if (theirs.has(part) && theirs.get(part).isObject()) {
                assertThat(names(ours.get(part))).as("%s of %s", part, subject).containsAll(names(theirs.get(part)));
            }
        }
    }

    private static JsonNode ask(Connection c, String subject) throws Exception {
        Message m = c.request(subject, new byte[0], WAIT);
        assertThat(m).as("an answer to %s", subject).isNotNull();
        return JSON.readTree(new String(m.getData(), StandardCharsets.UTF_8));
    }

    private static Set<String> names(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
