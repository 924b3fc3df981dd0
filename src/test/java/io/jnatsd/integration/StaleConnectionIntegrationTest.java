package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** ping_interval and ping_max: a peer that never answers PING is closed as stale. */
@Timeout(30)
class StaleConnectionIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration PING_INTERVAL = Duration.ofMillis(50);
    private static final int PING_MAX = 2;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
            o -> o.pingInterval(PING_INTERVAL).pingMax(PING_MAX));

    @Test
    void shouldSendStaleErrAndClose_whenPeerNeverAnswersPing() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.readInfoJson();
        raw.send("CONNECT {\"verbose\":false,\"protocol\":1}\r\n");

        for (int i = 0; i < PING_MAX; i++) {
            assertThat(raw.readLine()).isEqualTo("PING");
        }
        assertThat(raw.readLine()).isEqualTo("-ERR 'Stale Connection'");
        raw.awaitClosedByServer(WAIT);
    }

    @Test
    void shouldKeepConnection_whenPeerAnswersEveryPing() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.readInfoJson();
        raw.send("CONNECT {\"verbose\":false,\"protocol\":1}\r\n");

        for (int i = 0; i < PING_MAX * 3; i++) {
            assertThat(raw.readLine()).isEqualTo("PING");
            raw.send("PONG\r\n");
        }

        raw.send("PING\r\n");
        assertThat(raw.readLineStartingWith("PONG")).isEqualTo("PONG");
        assertThat(jnatsd.server().numClients()).isEqualTo(1);
    }
}
