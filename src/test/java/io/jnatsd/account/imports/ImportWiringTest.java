package io.jnatsd.account.imports;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts over the wire with the official client: isolation, imports, exports and mappings. */
@Timeout(30)
class ImportWiringTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(200);

    private NatsServer server;

    @BeforeEach
    void start() {
        server = ConfTestServers.start("""
                accounts {
                  A {
                    users = [ { user: a, password: a } ]
                    exports = [
                      { stream: "events.>" }
                      { service: "svc.*", response: stream }
                      { service: "single" }
                    ]
                    mappings = {
                      "split": [ { dest: "left", weight: 50% }, { dest: "right", weight: 50% } ]
                      "orders.*.*": "bucket.$2.$1"
                    }
                  }
                  B {
                    users = [ { user: b, password: b } ]
                    imports = [
                      { stream: { account: A, subject: "events.>" }, prefix: "fromA" }
                      { service: { account: A, subject: "svc.*" }, to: "ask.*" }
                      { service: { account: A, subject: "single" } }
                    ]
                  }
                }
                mappings = { "global.in": "global.out" }
                """);
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldNotCrossAccounts_whenNothingIsImported() throws Exception {
        try (Connection a = ConfTestServers.connect(server, "a", "a");
             Connection b = ConfTestServers.connect(server, "b", "b")) {
            Subscription inB = b.subscribe("private");
            Subscription inA = a.subscribe("private");
            b.flush(WAIT);
            a.flush(WAIT);
            a.publish("private", bytes("x"));
            assertThat(inA.nextMessage(WAIT)).isNotNull();
            assertThat(inB.nextMessage(QUIET)).isNull();
        }
    }

    @Test
    void shouldDeliverUnderThePrefix_whenAStreamIsImported() throws Exception {
        try (Connection a = ConfTestServers.connect(server, "a", "a");
             Connection b = ConfTestServers.connect(server, "b", "b")) {
            Subscription prefixed = b.subscribe("fromA.events.>");
            Subscription bare = b.subscribe("events.>");
            b.flush(WAIT);
            a.publish("events.created", bytes("e1"));
            Message m = prefixed.nextMessage(WAIT);
            assertThat(m.getSubject()).isEqualTo("fromA.events.created");
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("e1");
            assertThat(bare.nextMessage(QUIET)).isNull();
        }
    }

    @Test
    void shouldRouteTheReplyBack_whenAServiceIsImportedUnderAnotherSubject() throws Exception {
        try (Connection a = ConfTestServers.connect(server, "a", "a");
             Connection b = ConfTestServers.connect(server, "b", "b")) {
            a.createDispatcher(m -> a.publish(m.getReplyTo(), bytes(m.getSubject() + ":" + new String(m.getData(),
                    StandardCharsets.UTF_8)))).subscribe("svc.*");
            a.flush(WAIT);
            Message reply = b.request("ask.echo", bytes("hi"), WAIT);
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("svc.echo:hi");
        }
    }

    @Test
    void shouldReplyOnlyOnce_whenTheServiceIsASingleton() throws Exception {
        try (Connection a = ConfTestServers.connect(server, "a", "a");
             Connection b = ConfTestServers.connect(server, "b", "b")) {
            a.createDispatcher(m -> {
                a.publish(m.getReplyTo(), bytes("one"));
                a.publish(m.getReplyTo(), bytes("two"));
            }).subscribe("single");
            a.flush(WAIT);
            Subscription inbox = b.subscribe("my.inbox");
            b.publish("single", "my.inbox", bytes("q"));
            assertThat(new String(inbox.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(inbox.nextMessage(QUIET)).isNull();
        }
    }

    @Test
    void shouldMapAndSplitSubjects_whenTheAccountHasMappings() throws Exception {
        try (Connection a = ConfTestServers.connect(server, "a", "a")) {
            Subscription left = a.subscribe("left");
            Subscription right = a.subscribe("right");
            Subscription bucket = a.subscribe("bucket.>");
            a.flush(WAIT);
            int total = 200;
            for (int i = 0; i < total; i++) {
                a.publish("split", bytes("m"));
            }
            a.publish("orders.eu.42", bytes("o"));
            a.flush(WAIT);
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < total; i++) {
                Message m = left.nextMessage(QUIET);
                if (m == null) {
                    break;
                }
                counts.merge("left", 1, Integer::sum);
            }
            for (int i = 0; i < total; i++) {
                Message m = right.nextMessage(QUIET);
                if (m == null) {
                    break;
                }
                counts.merge("right", 1, Integer::sum);
            }
            assertThat(counts.getOrDefault("left", 0) + counts.getOrDefault("right", 0)).isEqualTo(total);
            assertThat(counts.get("left")).isBetween(50, 150);
            assertThat(bucket.nextMessage(WAIT).getSubject()).isEqualTo("bucket.42.eu");
        }
    }

    @Test
    void shouldApplyTopLevelMappings_inTheGlobalAccount() throws Exception {
        NatsServer plain = ConfTestServers.start("mappings = { \"global.in\": \"global.out\" }\n");
        try (Connection c = io.jnatsd.testing.TestServers.connect(plain)) {
            Subscription out = c.subscribe("global.out");
            c.flush(WAIT);
            c.publish("global.in", bytes("x"));
            assertThat(out.nextMessage(WAIT).getSubject()).isEqualTo("global.out");
        } finally {
            plain.shutdown();
        }
    }
}
