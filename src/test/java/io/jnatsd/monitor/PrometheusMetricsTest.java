package io.jnatsd.monitor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PrometheusMetricsTest {

    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)");
    private static final Pattern BUCKET = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)_bucket\\{server_id=\"[A-Z0-9]+\",le=\"([0-9.]+|\\+Inf)\"} ([0-9]+)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)\\{server_id=\"[A-Z0-9]+\"} (-?[0-9]+(\\.[0-9]+)?)");
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\n]|\\\\[\\\\\"n])*\"";
    /** A sample with any labels, server_id first; the value in Go's float syntax. */
    private static final Pattern LABELLED = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{server_id=\"[A-Z0-9]+\""
            + "((?:," + LABEL + ")*)} (-?[0-9]+(?:\\.[0-9]+)?(?:e[+-][0-9]+)?)");

    private MonitorTestSupport env;

    @AfterEach
    void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void shouldWriteValidTextFormatWithRealCounts_whenMetricsScraped() throws Exception {
        env = MonitorTestSupport.start();
        try (MonitorTestSupport.RawClient c = env.client("{\"verbose\":false}")) {
            c.send("SUB m 1\r\nPUB m 4\r\nabcd\r\nPUB m 4\r\nabcd\r\n");
            c.sync();
            HttpResponse<String> r = env.get("/metrics");
            assertThat(r.headers().firstValue("Content-Type")).hasValue(PrometheusMetrics.CONTENT_TYPE);
            Map<String, Double> samples = parseStrictly(r.body());
            assertThat(samples).containsEntry("gnatsd_varz_connections", 1.0)
                    .containsEntry("gnatsd_varz_in_msgs", 2.0)
                    .containsEntry("gnatsd_varz_out_bytes", 8.0)
                    .containsEntry("gnatsd_varz_subscriptions", 1.0);
            // The read batch is timed after its flush, so the PONG can reach the client first.
            io.jnatsd.testing.CheckFor.checkFor(() -> assertThat(parseStrictly(env.get("/metrics").body())
                    .get("jnatsd_read_batch_seconds_count")).isGreaterThanOrEqualTo(1.0));
        }
    }

    @Test
    void shouldWriteOpenMetrics_whenScraperAsksForIt() throws Exception {
        env = MonitorTestSupport.start();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + env.httpPort + "/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0,text/plain;q=0.5").GET().build();
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).hasValue(PrometheusMetrics.OPENMETRICS_CONTENT_TYPE);
        assertThat(r.body()).endsWith("\n# EOF\n");
        assertThat(r.body()).contains("# TYPE gnatsd_varz_in_msgs counter\ngnatsd_varz_in_msgs_total{server_id=");
        assertThat(r.body()).contains("\ngnatsd_varz_connections{server_id=");
    }

    @Test
    void shouldWriteJetStreamAndAccountFamilies_whenStreamsAndConsumersExist() throws Exception {
        java.nio.file.Path dir = io.jnatsd.testing.JetStreamDirs.newStoreDir();
        env = MonitorTestSupport.start(io.jnatsd.config.ServerOptions.builder().jetStream(true).storeDir(dir));
        try (io.nats.client.Connection nc = env.connect()) {
            JszTest.scene(nc);
            Map<String, Double> m = parseStrictly(env.get("/metrics").body());
            assertThat(m).containsEntry("jetstream_server_jetstream_disabled", 0.0)
                    .containsEntry("jetstream_server_total_streams", 2.0)
                    .containsEntry("jetstream_server_total_consumers", 1.0)
                    .containsEntry("jetstream_server_total_messages", 3.0)
                    .containsEntry("jetstream_stream_total_messages{account=\"$G\",stream_name=\"S1\","
                            + "storage_type=\"file\"}", 2.0)
                    .containsEntry("jetstream_stream_limit_bytes{account=\"$G\",stream_name=\"S1\","
                            + "storage_type=\"file\"}", 1_000_000.0)
                    .containsEntry("jetstream_consumer_num_pending{account=\"$G\",stream_name=\"S1\","
                            + "consumer_name=\"C1\"}", 2.0)
                    .containsEntry("jetstream_account_max_memory{account=\"$G\",account_name=\"$G\"}",
                            JetStreamView.UNLIMITED.doubleValue());
            // Three stream and consumer creations and three publishes, at least.
            assertThat(m.get("gnatsd_accstatz_received_messages{account=\"$G\",account_id=\"$G\","
                    + "account_name=\"$G\"}")).isGreaterThanOrEqualTo(6.0);
            assertThat(m.get("jetstream_account_storage_used{account=\"$G\",account_name=\"$G\"}")).isPositive();
            assertThat(m.get("jnatsd_jetstream_store_write_seconds_count")).isEqualTo(3.0);
        } finally {
            env.close();
            env = null;
            io.jnatsd.testing.JetStreamDirs.deleteTree(dir);
        }
    }

    @Test
    void shouldEscapeLabelValues_whenTheyHoldQuotesOrBackslashes() {
        assertThat(MetricsText.labels("a", "x\"y\\z\nw", "b", "")).isEqualTo("{a=\"x\\\"y\\\\z\\nw\",b=\"\"}");
        assertThat(MetricsText.format(1.8446744073709552e19)).isEqualTo("1.8446744073709552e+19");
        assertThat(MetricsText.format(0.25)).isEqualTo("0.25");
    }

    /**
     * Every family is HELP, TYPE, then its samples: one for a counter or gauge; for a
     * histogram, cumulative non-decreasing buckets ending in le="+Inf", then _sum, then _count
     * equal to the +Inf bucket. Names are unique; nothing else may appear.
     */
    private static Map<String, Double> parseStrictly(String body) {
        assertThat(body).endsWith("\n");
        String[] lines = body.split("\n");
        Map<String, Double> samples = new HashMap<>();
        Set<String> families = new HashSet<>();
        int i = 0;
        while (i < lines.length) {
            Matcher help = HELP.matcher(lines[i]);
            Matcher type = TYPE.matcher(lines[i + 1]);
            assertThat(help.matches()).as(lines[i]).isTrue();
            assertThat(type.matches()).as(lines[i + 1]).isTrue();
            String name = help.group(1);
            assertThat(type.group(1)).isEqualTo(name);
            assertThat(families.add(name)).as("duplicate " + name).isTrue();
            i += 2;
            if (type.group(2).equals("histogram")) {
                i = parseHistogram(lines, i, name, samples);
            } else {
                int first = i;
                while (i < lines.length && !lines[i].startsWith("# ")) {
                    Matcher sample = LABELLED.matcher(lines[i]);
                    assertThat(sample.matches()).as(lines[i]).isTrue();
                    assertThat(sample.group(1)).isEqualTo(name);
                    String key = sample.group(2).isEmpty() ? name : name + "{" + sample.group(2).substring(1) + "}";
                    assertThat(samples.put(key, Double.parseDouble(sample.group(3)))).as("duplicate " + key).isNull();
                    i++;
                }
                assertThat(i).as("samples of " + name).isGreaterThan(first);
            }
        }
        return samples;
    }

    private static int parseHistogram(String[] lines, int start, String name, Map<String, Double> samples) {
        int i = start;
        double last = 0;
        String le = "";
        while (lines[i].startsWith(name + "_bucket{")) {
            Matcher b = BUCKET.matcher(lines[i]);
            assertThat(b.matches()).as(lines[i]).isTrue();
            assertThat(b.group(1)).isEqualTo(name);
            double count = Double.parseDouble(b.group(3));
            assertThat(count).as("cumulative " + lines[i]).isGreaterThanOrEqualTo(last);
            last = count;
            le = b.group(2);
            i++;
        }
        assertThat(le).isEqualTo("+Inf");
        Matcher sum = SAMPLE.matcher(lines[i]);
        assertThat(sum.matches()).as(lines[i]).isTrue();
        assertThat(sum.group(1)).isEqualTo(name + "_sum");
        Matcher count = SAMPLE.matcher(lines[i + 1]);
        assertThat(count.matches()).as(lines[i + 1]).isTrue();
        assertThat(count.group(1)).isEqualTo(name + "_count");
        assertThat(Double.parseDouble(count.group(2))).isEqualTo(last);
        samples.put(name + "_count", last);
        return i + 2;
    }
}
