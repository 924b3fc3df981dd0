package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** max_connections: a connection past the limit gets the reference's -ERR and is closed. */
@Timeout(30)
class MaxConnectionsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(o -> o.maxConnections(1));

    @Test
    void shouldSendErrAndClose_whenConnectionExceedsMax() throws Exception {
        Connection first = jnatsd.connect();
        RawNatsSocket second = jnatsd.rawSocket();

        assertThat(second.readLineStartingWith("-ERR")).isEqualTo("-ERR 'maximum connections exceeded'");
        second.awaitClosedByServer(WAIT);

        first.flush(WAIT);
        assertThat(first.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(jnatsd.server().numClients()).isEqualTo(1);
    }

    @Test
    void shouldFailClientConnect_whenServerIsFull() throws Exception {
        Connection first = jnatsd.connect();

        // The refusal comes at once; a short timeout keeps the client from waiting long for a PONG that never comes.
        assertThatThrownBy(() -> Nats.connect(jnatsd.clientOptions().connectionTimeout(Duration.ofSeconds(2)).build()))
                .isInstanceOf(IOException.class);
        first.flush(WAIT);
        assertThat(jnatsd.server().numClients()).isEqualTo(1);
    }

    @Test
    void shouldAcceptAgain_whenAConnectionLeaves() throws Exception {
        Connection first = jnatsd.connect();
        first.close();
        checkFor(() -> assertThat(jnatsd.server().numClients()).isZero());

        Connection next = jnatsd.connect();

        next.flush(WAIT);
        assertThat(next.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
}
