package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** max_payload: announced in INFO, enforced by the client, and by the server with -ERR and close. */
@Timeout(30)
class MaxPayloadIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_PAYLOAD_BYTES = 1024;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(o -> o.maxPayload(MAX_PAYLOAD_BYTES));

    @Test
    void shouldAnnounceMaxPayload_whenClientConnects() throws Exception {
        Connection nc = jnatsd.connect();

        assertThat(nc.getMaxPayload()).isEqualTo(MAX_PAYLOAD_BYTES);
        assertThat(nc.getServerInfo().getMaxPayload()).isEqualTo(MAX_PAYLOAD_BYTES);
    }

    @Test
    void shouldRefusePublishInClient_whenPayloadExceedsAnnouncedMax() throws Exception {
        Connection nc = jnatsd.connect();

        assertThatThrownBy(() -> nc.publish("big", new byte[MAX_PAYLOAD_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        nc.flush(WAIT);
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldDeliver_whenPayloadIsExactlyMax() throws Exception {
        Connection nc = jnatsd.connect();
        Subscription s = nc.subscribe("edge");

        nc.publish("edge", new byte[MAX_PAYLOAD_BYTES]);

        assertThat(s.nextMessage(WAIT).getData()).hasSize(MAX_PAYLOAD_BYTES);
    }

    @Test
    void shouldSendErrAndClose_whenRawClientDeclaresTooLargePayload() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"protocol\":1}");

        raw.send("PUB big " + (MAX_PAYLOAD_BYTES + 1) + "\r\n");

        assertThat(raw.readLine()).isEqualTo("-ERR 'Maximum Payload Violation'");
        raw.awaitClosedByServer(WAIT);
    }

    @Test
    void shouldKeepOtherClientsConnected_whenOneViolatesMaxPayload() throws Exception {
        Connection bystander = jnatsd.connect();
        Subscription s = bystander.subscribe("still.here");
        bystander.flush(WAIT);
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"protocol\":1,\"headers\":true}");

        raw.send("HPUB big 10 " + (MAX_PAYLOAD_BYTES + 10) + "\r\n");
        raw.awaitClosedByServer(WAIT);

        bystander.publish("still.here", new byte[] {1});
        assertThat(s.nextMessage(WAIT)).isNotNull();
    }
}
