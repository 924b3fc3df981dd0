package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** CONNECT {@code echo}: whether a connection gets the messages it published itself. */
@Timeout(30)
class EchoIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    @Test
    void shouldNotDeliverOwnMessages_whenClientSetsNoEcho() throws Exception {
        Connection quiet = jnatsd.connect(jnatsd.clientOptions().noEcho());
        Connection other = jnatsd.connect();
        Subscription s = quiet.subscribe("chat");
        quiet.publish("chat", text("own"));
        // The PONG comes after the own message would have been queued to this same connection.
        quiet.flush(WAIT);

        other.publish("chat", text("other"));

        Message first = s.nextMessage(WAIT);
        assertThat(first).isNotNull();
        assertThat(new String(first.getData(), StandardCharsets.UTF_8)).isEqualTo("other");
    }

    @Test
    void shouldDeliverOwnMessagesToOthers_whenClientSetsNoEcho() throws Exception {
        Connection quiet = jnatsd.connect(jnatsd.clientOptions().noEcho());
        Connection listener = jnatsd.connect();
        Subscription s = listener.subscribe("chat");
        listener.flush(WAIT);

        quiet.publish("chat", text("from quiet"));

        assertThat(s.nextMessage(WAIT)).isNotNull();
    }

    @Test
    void shouldDeliverOwnMessages_whenEchoIsOn() throws Exception {
        Connection nc = jnatsd.connect();
        Subscription s = nc.subscribe("chat");

        nc.publish("chat", text("own"));

        Message m = s.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("own");
    }

    @Test
    void shouldSkipOwnQueueMemberAndPickAnother_whenNoEchoPublisherIsInTheGroup() throws Exception {
        Connection quiet = jnatsd.connect(jnatsd.clientOptions().noEcho());
        Connection worker = jnatsd.connect();
        Subscription own = quiet.subscribe("work", "g");
        Subscription other = worker.subscribe("work", "g");
        quiet.flush(WAIT);
        worker.flush(WAIT);

        for (int i = 0; i < 20; i++) {
            quiet.publish("work", text("job" + i));
        }
        quiet.flush(WAIT);
        worker.flush(WAIT);

        assertThat(other.getPendingMessageCount()).isEqualTo(20);
        assertThat(own.getPendingMessageCount()).isZero();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
