package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber whose socket takes nothing for write_deadline is cut as a slow consumer, even
 * though it holds far less than max_pending.
 */
@Timeout(60)
class WriteDeadlineIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough that a loaded CI machine does not stall the steady reader past it. */
    private static final Duration WRITE_DEADLINE = Duration.ofSeconds(2);
    private static final int PAYLOAD_BYTES = 1024;
    /** 16 MB: more than the kernel's socket buffers hold, far less than the 64 MB max_pending. */
    private static final int MESSAGES = 16 * 1024;
    private static final int SMALL_RECEIVE_BUFFER_BYTES = 4096;
    private static final int CLIENT_QUEUE_SLICE = 1024;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(o -> o.writeDeadline(WRITE_DEADLINE));

    @Test
    void shouldCutSubscriber_whenItsSocketTakesNothingForTheWriteDeadline() throws Exception {
        RawNatsSocket stuck = jnatsd.closeAfterTest(RawNatsSocket.open(jnatsd.port(), SMALL_RECEIVE_BUFFER_BYTES));
        stuck.handshake("{\"verbose\":false,\"protocol\":1}");
        stuck.send("SUB stuck 1\r\nPING\r\n").readLineStartingWith("PONG");
        Connection pub = jnatsd.connect();

        byte[] payload = new byte[PAYLOAD_BYTES];
        for (int i = 0; i < MESSAGES; i++) {
            pub.publish("stuck", payload);
            if (i % CLIENT_QUEUE_SLICE == 0) {
                pub.flush(WAIT); // jnats refuses publishes past its 5,000-message outgoing queue when starved of CPU
            }
        }
        pub.flush(WAIT);

        checkFor(() -> assertThat(jnatsd.server().stats().slowConsumers()).isEqualTo(1));
        checkFor(() -> assertThat(jnatsd.server().numClients()).isEqualTo(1));
        assertThat(pub.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldKeepSubscriber_whenItReadsSlowlyButSteadily() throws Exception {
        Connection sub = jnatsd.connect();
        io.nats.client.Subscription s = sub.subscribe("steady");
        sub.flush(WAIT);
        Connection pub = jnatsd.connect();
        for (int i = 0; i < 2_000; i++) {
            pub.publish("steady", new byte[PAYLOAD_BYTES]);
        }
        pub.flush(WAIT);
        sub.flush(WAIT);
        assertThat(s.getPendingMessageCount()).isEqualTo(2_000);
        assertThat(jnatsd.server().stats().slowConsumers()).isZero();
    }
}
