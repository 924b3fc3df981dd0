package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send garbage, half-finished ops or nothing at all are dealt with one by one;
 * a well-behaved pair of clients on the same server never notices them.
 */
@Timeout(60)
class BadNeighbourIntegrationTest {

    private static final long SEED = 20261127L;
    private static final int BAD_CLIENTS = 40;
    private static final int MESSAGES = 2_000;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    @Test
    void shouldKeepServingGoodClients_whileBadOnesSendGarbage() throws Exception {
        Connection good = jnatsd.connect();
        Subscription sub = good.subscribe("good.>");
        good.flush(WAIT);
        Random random = new Random(SEED);
        List<Socket> bad = new ArrayList<>();
        try {
            for (int i = 0; i < BAD_CLIENTS; i++) {
                Socket s = new Socket("127.0.0.1", jnatsd.port());
                bad.add(s);
                sendGarbage(s, random, i);
                good.publish("good." + i, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = BAD_CLIENTS; i < MESSAGES; i++) {
                good.publish("good." + i, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            good.flush(WAIT);
            for (int i = 0; i < MESSAGES; i++) {
                Message m = sub.nextMessage(WAIT);
                assertThat(m).as("message %d", i).isNotNull();
                assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("m" + i);
            }
            assertThat(good.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            // Garbage closes its own connection; the silent and half-open ones stay until they go.
            checkFor(() -> assertThat(jnatsd.server().numClients()).isLessThan(BAD_CLIENTS + 1));
        } finally {
            for (Socket s : bad) {
                s.close();
            }
        }
        checkFor(() -> assertThat(jnatsd.server().numClients()).isEqualTo(1));
    }

    /** Every kind of bad input in turn: random bytes, a cut-off op, an oversized line, silence. */
    private static void sendGarbage(Socket socket, Random random, int kind) throws IOException {
        OutputStream out = socket.getOutputStream();
        switch (kind % 5) {
            case 0 -> {
                byte[] noise = new byte[1 + random.nextInt(512)];
                random.nextBytes(noise);
                out.write(noise);
            }
            case 1 -> out.write("PUB good.0 100\r\nshort".getBytes(StandardCharsets.US_ASCII));
            case 2 -> out.write(("SUB " + "x".repeat(8192) + " 1\r\n").getBytes(StandardCharsets.US_ASCII));
            case 3 -> out.write("CONNECT {\"verbose\":".getBytes(StandardCharsets.US_ASCII));
            default -> {
                // Connects and never says a word.
            }
        }
        out.flush();
    }
}
