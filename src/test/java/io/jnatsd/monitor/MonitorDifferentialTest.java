package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the same scene on jnatsd and on the Go reference (2.9.10), then compares the JSON
 * field names and kinds (number, string, boolean, object, array, null) of each endpoint,
 * recursing into objects and into the first element of arrays. Fields the reference has for
 * features jnatsd has not built are listed in {@link #KNOWN_ABSENT}, and the test checks that
 * they are still absent, so the list cannot go stale.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MonitorDifferentialTest {

    /** Fields of the reference that jnatsd leaves out on purpose: there is no system account yet. */
    private static final Map<String, Set<String>> KNOWN_ABSENT = Map.of(
            "/varz", Set.of("system_account"),
            "/accountz", Set.of("system_account"));

    /**
     * Fields jnatsd writes that 2.9.10 does not, because the newer reference (the one jnatsd
     * follows) has them: per endpoint path, allowed at any depth.
     */
    private static final Map<String, Set<String>> NEWER_REFERENCE_FIELDS = Map.of(
            "/jsz", Set.of("limits", "total", "level", "compress_ok", "ts", "compression", "consumer_limits",
                    "allow_msg_ttl", "metadata"),
            "/accstatz", Set.of("name", "num_subscriptions"),
            "/varz", Set.of("limits", "level", "compress_ok"));

    private static final String[] ENDPOINTS = {
        "/varz", "/connz?subs=detail&auth=1", "/connz?subs=1", "/connz?state=closed", "/subsz",
        "/subsz?subs=1&test=foo",
        "/routez", "/healthz", "/gatewayz", "/leafz", "/accountz", "/accstatz?unused=1", "/jsz",
        "/connz?sort=bad", "/connz?limit=x", "/connz?state=x", "/subsz?subs=1&test=a.*", "/nope",
    };

    @Test
    void shouldHaveReferenceFieldsAndKinds_whenSameSceneRunsOnBoth() throws Exception {
        try (ReferenceMonitor ref = ReferenceMonitor.start(); MonitorTestSupport ours = MonitorTestSupport.start()) {
            try (Socket a = scene(ref.clientPort); Socket b = scene(ours.server.clientPort())) {
                assertThat(ours.json("/connz").get("num_connections").asInt()).isEqualTo(1);
                List<String> problems = new ArrayList<>();
                for (String endpoint : ENDPOINTS) {
                    HttpResponse<String> theirs = MonitorTestSupport.get(ref.httpPort, endpoint);
                    HttpResponse<String> mine = ours.get(endpoint);
                    compare(endpoint, theirs, mine, problems);
                }
                assertThat(problems).isEmpty();
            }
        }
    }

    @Test
    void shouldReportSameValues_whenFieldsAreDeterministic() throws Exception {
        try (ReferenceMonitor ref = ReferenceMonitor.start(); MonitorTestSupport ours = MonitorTestSupport.start()) {
            try (Socket a = scene(ref.clientPort); Socket b = scene(ours.server.clientPort())) {
                JsonNode tv = MonitorTestSupport.JSON.readTree(MonitorTestSupport.get(ref.httpPort, "/varz").body());
                JsonNode mv = ours.json("/varz");
                for (String f : new String[] {"proto", "max_connections", "ping_interval", "ping_max", "https_port",
                    "auth_timeout", "max_control_line", "max_payload", "max_pending", "tls_timeout",
                    "write_deadline", "connections", "total_connections", "routes", "remotes", "leafnodes",
                    "slow_consumers", "http_base_path"}) {
                    assertThat(mv.get(f)).as("/varz " + f).isEqualTo(tv.get(f));
                }
                String q = "/connz?subs=detail&auth=1";
                JsonNode tc = MonitorTestSupport.JSON.readTree(MonitorTestSupport.get(ref.httpPort, q).body())
                        .get("connections").get(0);
                JsonNode mc = ours.json(q).get("connections").get(0);
                for (String f : new String[] {"kind", "type", "ip", "pending_bytes", "in_msgs", "out_msgs", "in_bytes",
                    "out_bytes", "subscriptions", "name", "lang", "version", "authorized_user"}) {
                    assertThat(mc.get(f)).as("/connz " + f).isEqualTo(tc.get(f));
                }
                assertThat(bySubject(mc)).isEqualTo(bySubject(tc));
            }
        }
    }

    /**
     * With JetStream on both and the same streams, consumer and messages ({@link JszTest#scene}),
     * /jsz at every level of detail has the reference's fields and kinds. jnatsd may add fields
     * the newer reference has ({@link #NEWER_REFERENCE_FIELDS}).
     */
    @Test
    void shouldHaveReferenceJszFields_whenStreamsAndConsumersExist() throws Exception {
        java.nio.file.Path refDir = io.jnatsd.testing.JetStreamDirs.newStoreDir();
        java.nio.file.Path ourDir = io.jnatsd.testing.JetStreamDirs.newStoreDir();
        try (ReferenceMonitor ref = ReferenceMonitor.start(List.of("-js", "-sd", refDir.toString()));
             MonitorTestSupport ours = MonitorTestSupport.start(io.jnatsd.config.ServerOptions.builder()
                     .jetStream(true).storeDir(ourDir));
             io.nats.client.Connection a = io.nats.client.Nats.connect("nats://127.0.0.1:" + ref.clientPort);
             io.nats.client.Connection b = ours.connect()) {
            JszTest.scene(a);
            JszTest.scene(b);
            List<String> problems = new ArrayList<>();
            for (String endpoint : new String[] {"/jsz", "/jsz?accounts=1&streams=1&consumers=1&config=1",
                "/jsz?consumers=1", "/jsz?acc=$G", "/jsz?accounts=1&offset=3", "/jsz?consumers=x", "/jsz?limit=x",
                "/accstatz", "/ipqueuesz?all=x", "/varz"}) {
                HttpResponse<String> theirs = MonitorTestSupport.get(ref.httpPort, endpoint);
                HttpResponse<String> mine = ours.get(endpoint);
                compare(endpoint, theirs, mine, problems);
            }
            assertThat(problems).isEmpty();
        } finally {
            io.jnatsd.testing.JetStreamDirs.deleteTree(refDir);
            io.jnatsd.testing.JetStreamDirs.deleteTree(ourDir);
        }
    }

    /** The subscription details without the cid (each server numbers its own connections). */
    private static Map<String, String> bySubject(JsonNode conn) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode d : conn.get("subscriptions_list_detail")) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = d.deepCopy();
            copy.remove("cid");
            out.put(d.get("subject").asText(), copy.toString());
        }
        return out;
    }

    private static void compare(String endpoint, HttpResponse<String> theirs, HttpResponse<String> mine,
                                List<String> problems) throws IOException {
        if (theirs.statusCode() != mine.statusCode()) {
            problems.add(endpoint + ": status " + mine.statusCode() + ", reference " + theirs.statusCode());
            return;
        }
        if (theirs.statusCode() != 200) {
            if (!theirs.body().equals(mine.body())) {
                problems.add(endpoint + ": body '" + mine.body() + "', reference '" + theirs.body() + "'");
            }
            return;
        }
        JsonNode t = MonitorTestSupport.JSON.readTree(theirs.body());
        JsonNode m = MonitorTestSupport.JSON.readTree(mine.body());
        String path = endpoint.contains("?") ? endpoint.substring(0, endpoint.indexOf('?')) : endpoint;
        Set<String> absent = KNOWN_ABSENT.getOrDefault(path, Set.of());
        for (String f : absent) {
            if (m.has(f)) {
                problems.add(endpoint + ": " + f + " is now present; drop it from KNOWN_ABSENT");
            }
        }
        shape(endpoint, t, m, absent, problems);
    }

    private static void shape(String where, JsonNode theirs, JsonNode mine, Set<String> absent, List<String> problems) {
        if (!kind(theirs).equals(kind(mine))) {
            problems.add(where + ": " + kind(mine) + ", reference " + kind(theirs));
            return;
        }
        if (theirs.isObject()) {
            Set<String> tk = keys(theirs);
            Set<String> mk = keys(mine);
            for (String k : tk) {
                if (!mk.contains(k) && !absent.contains(k)) {
                    problems.add(where + ": missing field " + k);
                } else if (mk.contains(k)) {
                    shape(where + "." + k, theirs.get(k), mine.get(k), Set.of(), problems);
                }
            }
            for (String k : mk) {
                if (!tk.contains(k) && !isMapOfNames(where) && !isNewerField(where, k)) {
                    problems.add(where + ": extra field " + k);
                }
            }
        } else if (theirs.isArray() && !theirs.isEmpty() && !mine.isEmpty()) {
            shape(where + "[0]", theirs.get(0), counterpart(theirs.get(0), mine), Set.of(), problems);
        }
    }

    /**
     * The element of {@code mine} for the same subject or name (lists of subscriptions and of
     * streams come in Go's map order), else the first.
     */
    private static JsonNode counterpart(JsonNode theirs, JsonNode mine) {
        for (String key : new String[] {"subject", "name"}) {
            if (theirs.isObject() && theirs.has(key)) {
                for (JsonNode m : mine) {
                    if (theirs.get(key).equals(m.get(key))) {
                        return m;
                    }
                }
            }
        }
        return mine.get(0);
    }

    /** Whether {@code field} under {@code where} is one of {@link #NEWER_REFERENCE_FIELDS}. */
    private static boolean isNewerField(String where, String field) {
        int end = where.length();
        for (char c : new char[] {'?', '.', '['}) {
            int i = where.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        return NEWER_REFERENCE_FIELDS.getOrDefault(where.substring(0, end), Set.of()).contains(field);
    }

    /** Objects whose keys are data (request paths), not field names. */
    private static boolean isMapOfNames(String where) {
        return where.endsWith(".http_req_stats");
    }

    private static Set<String> keys(JsonNode n) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static String kind(JsonNode n) {
        return n.isNumber() ? "number" : n.getNodeType().name().toLowerCase();
    }

    /** One client: two subscriptions (one queue, one with a max), one message it receives. */
    private static Socket scene(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(("CONNECT {\"verbose\":false,\"lang\":\"raw\",\"name\":\"n1\",\"version\":\"1.0\",\"user\":\"bob\"}"
                + "\r\nSUB foo q 1\r\nSUB bar 2\r\nUNSUB 2 5\r\nPUB foo 5\r\nhello\r\nPING\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("PONG\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed before PONG: " + seen);
            }
            seen.append((char) c);
        }
        return s;
    }
}
