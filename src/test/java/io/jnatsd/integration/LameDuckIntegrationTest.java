package io.jnatsd.integration;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lame duck mode: stop accepting, tell protocol-1 clients through INFO ldm, close clients, stop. */
@Timeout(30)
class LameDuckIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LAME_DUCK_DURATION = Duration.ofMillis(400);
    private static final Duration LAME_DUCK_GRACE = Duration.ofMillis(100);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
            o -> o.lameDuckDuration(LAME_DUCK_DURATION).lameDuckGracePeriod(LAME_DUCK_GRACE));

    @Test
    void shouldSendLdmInfoThenClose_whenClientSpeaksProtocolOne() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"protocol\":1}");

        enterLameDuckInBackground(jnatsd.server());

        String info = raw.readLineStartingWith("INFO ");
        assertThat(info).contains("\"ldm\":true");
        raw.awaitClosedByServer(WAIT);
        assertThat(jnatsd.server().awaitShutdown(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldCloseWithoutLdmInfo_whenClientSpeaksProtocolZero() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"protocol\":0}");

        enterLameDuckInBackground(jnatsd.server());

        long bytes = raw.awaitClosedByServer(WAIT);
        assertThat(bytes).isZero();
        assertThat(jnatsd.server().awaitShutdown(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldStopAccepting_whenLameDuckStarts() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"protocol\":1}");
        int port = jnatsd.port();

        enterLameDuckInBackground(jnatsd.server());
        assertThat(raw.readLineStartingWith("INFO ")).contains("\"ldm\":true");

        assertThatThrownBy(() -> connectOnce(port)).isInstanceOf(IOException.class);
        assertThat(jnatsd.server().awaitShutdown(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldTellOfficialClientAboutLameDuck_whenServerEntersIt() throws Exception {
        Set<ConnectionListener.Events> events = ConcurrentHashMap.newKeySet();
        Connection nc = jnatsd.connect(jnatsd.clientOptions().connectionListener((c, e) -> events.add(e)));
        nc.flush(WAIT);

        enterLameDuckInBackground(jnatsd.server());

        checkFor(() -> assertThat(events).contains(ConnectionListener.Events.LAME_DUCK));
        checkFor(() -> assertThat(nc.getStatus()).isEqualTo(Connection.Status.CLOSED));
        assertThat(jnatsd.server().awaitShutdown(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldEndLameDuckQuietly_whenServerIsShutDownDuringGracePeriod() throws Exception {
        NatsServer server = jnatsd.closeAfterTest(TestServers.start(o -> o.lameDuckDuration(Duration.ofSeconds(20))
                .lameDuckGracePeriod(Duration.ofSeconds(10))));
        RawNatsSocket raw = jnatsd.closeAfterTest(RawNatsSocket.open(server.clientPort()));
        raw.handshake("{\"verbose\":false,\"protocol\":1}");
        CompletableFuture<Void> lameDuck = CompletableFuture.runAsync(() -> {
            try {
                server.enterLameDuckMode();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(raw.readLineStartingWith("INFO ")).contains("\"ldm\":true");

        server.shutdown();

        // Lame duck must notice the shutdown, not sleep out its grace period and then touch stopped event loops.
        lameDuck.get(5, TimeUnit.SECONDS);
        assertThat(server.awaitShutdown(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void connectOnce(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        }
    }

    private static void enterLameDuckInBackground(NatsServer server) {
        Thread.ofPlatform().name("test-lame-duck").daemon().start(() -> {
            try {
                server.enterLameDuckMode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
