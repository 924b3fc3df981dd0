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
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)\\{server_id=\"[A-Z0-9]+\"} (-?[0-9]+(\\.[0-9]+)?)");

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

    /** Every line must be HELP, then TYPE, then one sample of that family; names are unique. */
    private static Map<String, Double> parseStrictly(String body) {
        assertThat(body).endsWith("\n");
        String[] lines = body.split("\n");
        assertThat(lines.length % 3).isZero();
        Map<String, Double> samples = new HashMap<>();
        Set<String> families = new HashSet<>();
        for (int i = 0; i < lines.length; i += 3) {
            Matcher help = HELP.matcher(lines[i]);
            Matcher type = TYPE.matcher(lines[i + 1]);
            Matcher sample = SAMPLE.matcher(lines[i + 2]);
            assertThat(help.matches()).as(lines[i]).isTrue();
            assertThat(type.matches()).as(lines[i + 1]).isTrue();
            assertThat(sample.matches()).as(lines[i + 2]).isTrue();
            assertThat(type.group(1)).isEqualTo(help.group(1));
            assertThat(sample.group(1)).isEqualTo(help.group(1));
            assertThat(families.add(help.group(1))).as("duplicate " + help.group(1)).isTrue();
            samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
        }
        return samples;
    }
}
