package io.jnatsd.embed;

import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class JnatsdServerTest {

    @Test
    void shouldServePubSubToTheOfficialClient_whenStartedWithDefaults() throws Exception {
        // docs/embedding.md "Start a server" is a copy of this test.
        try (JnatsdServer nats = JnatsdServer.builder().start();
             Connection connection = Nats.connect(Options.builder().server(nats.clientUrl())
                     .connectionTimeout(Duration.ofSeconds(10)).build())) {
            Subscription sub = connection.subscribe("greetings");
            connection.publish("greetings", "hello".getBytes(StandardCharsets.UTF_8));
            Message message = sub.nextMessage(Duration.ofSeconds(5));

            assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(nats.clientUrl()).isEqualTo("nats://127.0.0.1:" + nats.port());
        }
    }

    @Test
    void shouldListenOnLoopbackAndARandomPort_whenNothingIsSet() {
        try (JnatsdServer a = JnatsdServer.builder().start(); JnatsdServer b = JnatsdServer.builder().start()) {
            assertThat(a.host()).isEqualTo("127.0.0.1");
            assertThat(a.port()).isPositive().isNotEqualTo(4222).isNotEqualTo(b.port());
            assertThat(a.isRunning()).isTrue();
            assertThat(a.isJetStreamEnabled()).isFalse();
            assertThat(a.storeDir()).isEmpty();
        }
    }

    @Test
    void shouldRefuseClients_whenStopped() throws Exception {
        JnatsdServer nats = JnatsdServer.builder().start();
        int port = nats.port();
        nats.stop();
        nats.stop();

        assertThat(nats.isRunning()).isFalse();
        assertThatThrownBy(() -> RawNatsSocket.open(port)).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(nats::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldApplyTheConfText_whenGivenOne() throws Exception {
        try (JnatsdServer nats = JnatsdServer.builder().conf("server_name: from-conf\nmax_payload: 1KB").start();
             RawNatsSocket socket = RawNatsSocket.open(nats.port())) {
            String info = socket.readInfoJson();

            assertThat(info).contains("\"server_name\":\"from-conf\"").contains("\"max_payload\":1024");
            assertThat(nats.serverName()).isEqualTo("from-conf");
        }
    }

    @Test
    void shouldLetBuilderSettingsWinOverTheConf_whenBothSetAnOption(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("nats.conf");
        Files.writeString(conf, "server_name: from-file\nport: 4222\n");
        try (JnatsdServer nats = JnatsdServer.builder().confFile(conf).serverName("from-builder").port(-1).start()) {
            assertThat(nats.serverName()).isEqualTo("from-builder");
            assertThat(nats.port()).isNotEqualTo(4222);
        }
    }

    @Test
    void shouldFailToStartWithTheReason_whenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            JnatsdServer nats = JnatsdServer.builder().port(taken.getLocalPort()).build();

            assertThatThrownBy(nats::start).isInstanceOf(JnatsdStartException.class)
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
            assertThat(nats.isRunning()).isFalse();
        }
    }

    @Test
    void shouldRefuseTheConf_whenItHasAnUnknownKey() {
        assertThatThrownBy(() -> JnatsdServer.builder().conf("no_such_option: 1").build())
                .isInstanceOf(JnatsdStartException.class).hasMessageContaining("no_such_option");
    }

    @Test
    void shouldMakeAndRemoveATemporaryStore_whenJetStreamIsOnWithoutStoreDir() {
        JnatsdServer nats = JnatsdServer.builder().jetStream(true).start();
        Path store = nats.storeDir().orElseThrow();

        assertThat(nats.isJetStreamEnabled()).isTrue();
        assertThat(store).isDirectory();
        nats.stop();
        assertThat(store).doesNotExist();
    }

    @Test
    void shouldServeJetStream_whenJetStreamIsOn() throws Exception {
        try (JnatsdServer nats = JnatsdServer.builder().jetStream(true).start();
             Connection nc = Nats.connect(nats.clientUrl())) {
            // the first request creates the store's files; jnats' 2 s default is short on a starved machine
            io.nats.client.JetStreamOptions patient = io.nats.client.JetStreamOptions.builder()
                    .requestTimeout(java.time.Duration.ofSeconds(20)).build();
            nc.jetStreamManagement(patient).addStream(io.nats.client.api.StreamConfiguration.builder()
                    .name("ORDERS").subjects("orders.>").build());
            io.nats.client.api.PublishAck ack = nc.jetStream(patient)
                    .publish("orders.1", "one".getBytes(StandardCharsets.UTF_8));

            assertThat(ack.getStream()).isEqualTo("ORDERS");
            assertThat(ack.getSeqno()).isEqualTo(1);
            assertThat(nc.jetStreamManagement(patient).getStreamInfo("ORDERS").getStreamState().getMsgCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepTheStore_whenTheStoreDirWasGiven(@TempDir Path dir) {
        Path store = dir.resolve("js");
        try (JnatsdServer nats = JnatsdServer.builder().jetStream(true).storeDir(store).start()) {
            assertThat(nats.storeDir()).contains(store);
        }
        assertThat(dir).isDirectory();
    }

    @Test
    void shouldRequireTheToken_whenATokenIsSet() throws Exception {
        try (JnatsdServer nats = JnatsdServer.builder().token("s3cret").start()) {
            Options good = Options.builder().server(nats.clientUrl()).token("s3cret".toCharArray())
                    .connectionTimeout(Duration.ofSeconds(10)).build();
            try (Connection c = Nats.connect(good)) {
                assertThat(c.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
            try (RawNatsSocket bad = RawNatsSocket.open(nats.port())) {
                bad.readInfoJson();
                bad.send("CONNECT {\"auth_token\":\"wrong\",\"verbose\":false}\r\nPING\r\n");
                assertThat(bad.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            }
        }
    }

    @Test
    void shouldServeMonitoring_whenAMonitorPortIsAsked() throws Exception {
        try (JnatsdServer nats = JnatsdServer.builder().monitorPort(-1).start()) {
            int port = nats.monitorPort().orElseThrow();
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void shouldBracketIpv6AndReplaceWildcards_whenMakingTheClientUrl() {
        assertThat(JnatsdServer.clientHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(JnatsdServer.clientHost("::")).isEqualTo("[::1]");
        assertThat(JnatsdServer.clientHost("::1")).isEqualTo("[::1]");
        assertThat(JnatsdServer.clientHost("localhost")).isEqualTo("localhost");
    }
}
