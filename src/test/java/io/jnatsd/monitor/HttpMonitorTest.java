package io.jnatsd.monitor;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpMonitorTest {

    private MonitorTestSupport env;

    @AfterEach
    void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void shouldServeIndexPageWithLinks_whenRootRequested() throws Exception {
        env = MonitorTestSupport.start();
        HttpResponse<String> r = env.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body()).contains("<a href=./varz>General</a>", "<a href=./connz>Connections</a>",
                "<a href=./healthz class=last>Health Probe</a>");
    }

    @Test
    void shouldAnswer404_whenPathUnknown() throws Exception {
        env = MonitorTestSupport.start();
        HttpResponse<String> r = env.get("/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("404 page not found\n");
    }

    @Test
    void shouldServeUnderBasePath_whenHttpBasePathSet() throws Exception {
        env = MonitorTestSupport.start(ServerOptions.builder().httpBasePath("mon/"));
        assertThat(env.get("/mon").body()).contains("<a href=./mon/varz>General</a>");
        assertThat(env.json("/mon/varz").get("http_base_path").asText()).isEqualTo("mon/");
        assertThat(env.get("/varz").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldWrapInCallback_whenJsonpAsked() throws Exception {
        env = MonitorTestSupport.start();
        HttpResponse<String> r = env.get("/healthz?callback=cb");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/javascript");
        assertThat(r.body()).isEqualTo("cb({\"status\":\"ok\"})");
    }

    @Test
    void shouldRefuseCallback_whenNotAJavaScriptName() throws Exception {
        env = MonitorTestSupport.start();
        HttpResponse<String> r = env.get("/varz?callback=%3Cscript%3E");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("invalid callback");
        assertThat(env.get("/varz?callback=jQuery_1.cb$2").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldSendJsonAndCorsHeaders_whenEndpointAnswers() throws Exception {
        env = MonitorTestSupport.start();
        HttpResponse<String> r = env.get("/varz");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void shouldPrettyPrintLikeGo_whenJsonWritten() throws Exception {
        env = MonitorTestSupport.start();
        String body = env.get("/connz").body();
        assertThat(body).startsWith("{\n  \"server_id\": \"" + env.server.serverId() + "\",\n  \"now\": \"");
        assertThat(body).endsWith("\"limit\": 1024,\n  \"connections\": []\n}");
    }

    @Test
    void shouldCountRequests_whenVarzShowsHttpReqStats() throws Exception {
        env = MonitorTestSupport.start();
        env.get("/");
        env.get("/connz");
        env.get("/connz");
        var stats = env.json("/varz").get("http_req_stats");
        assertThat(stats.get("/").asLong()).isEqualTo(1);
        assertThat(stats.get("/connz").asLong()).isEqualTo(2);
        assertThat(stats.get("/varz").asLong()).isEqualTo(1);
    }

    @Test
    void shouldNotOpenMonitor_whenHttpPortZero() throws Exception {
        NatsServer s = new NatsServer(ServerOptions.builder().host("127.0.0.1").port(ServerOptions.RANDOM_PORT)
                .build()).start();
        try {
            assertThat(s.module(HttpMonitor.class)).isEmpty();
        } finally {
            s.shutdown();
        }
    }

    @Test
    void shouldAnswer400AndStayUp_whenRequestIsNotHttp() throws Exception {
        env = MonitorTestSupport.start();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", env.httpPort)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /varz HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(reply).startsWith("HTTP/1.1 400 ");
        }
        assertThat(env.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerInOrder_whenRequestsArePipelined() throws Exception {
        env = MonitorTestSupport.start();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", env.httpPort)) {
            s.setSoTimeout(5000);
            StringBuilder req = new StringBuilder();
            String[] paths = {"/connz", "/healthz", "/nope", "/routez", "/healthz?callback=last"};
            for (String p : paths) {
                req.append("GET ").append(p).append(" HTTP/1.1\r\nHost: x\r\n")
                        .append(p.contains("last") ? "Connection: close\r\n" : "").append("\r\n");
            }
            s.getOutputStream().write(req.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int connz = reply.indexOf("\"num_connections\"");
            int health = reply.indexOf("{\"status\":\"ok\"}");
            int notFound = reply.indexOf("404 page not found");
            int routez = reply.indexOf("\"num_routes\"");
            int last = reply.indexOf("last({\"status\":\"ok\"})");
            assertThat(connz).isNotNegative().isLessThan(health);
            assertThat(health).isLessThan(notFound);
            assertThat(notFound).isLessThan(routez);
            assertThat(routez).isLessThan(last);
        }
    }

    @Test
    void shouldFailToStart_whenMonitorPortTaken() throws Exception {
        env = MonitorTestSupport.start();
        NatsServer second = new NatsServer(ServerOptions.builder().host("127.0.0.1").port(ServerOptions.RANDOM_PORT)
                .httpHost("127.0.0.1").httpPort(env.httpPort).build());
        org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("can't listen to the monitor port");
        second.shutdown();
        assertThat(env.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerStacksAsText_whenStackszRequested() throws Exception {
        env = MonitorTestSupport.start();
        HttpResponse<String> r = env.get("/stacksz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("java.lang.Thread.State:", "\"jnatsd-monitor-http");
    }
}
