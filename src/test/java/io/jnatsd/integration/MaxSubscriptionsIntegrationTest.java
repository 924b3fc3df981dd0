package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.QuietErrorListener;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** max_subscriptions: a SUB past the limit gets -ERR, the connection stays open. */
@Timeout(30)
class MaxSubscriptionsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_SUBSCRIPTIONS = 2;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(o -> o.maxSubscriptions(MAX_SUBSCRIPTIONS));

    @Test
    void shouldReportErrAndKeepConnection_whenClientSubscribesPastMax() throws Exception {
        QuietErrorListener errors = new QuietErrorListener();
        Connection nc = jnatsd.connect(jnatsd.clientOptions().errorListener(errors));
        Subscription a = nc.subscribe("a");
        Subscription b = nc.subscribe("b");
        nc.subscribe("c");
        nc.flush(WAIT);

        checkFor(() -> assertThat(errors.errors()).contains("maximum subscriptions exceeded"));
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        nc.publish("a", new byte[0]);
        nc.publish("b", new byte[0]);
        assertThat(a.nextMessage(WAIT)).isNotNull();
        assertThat(b.nextMessage(WAIT)).isNotNull();
        assertThat(jnatsd.server().globalAccount().sublist().count()).isEqualTo(MAX_SUBSCRIPTIONS);
    }

    @Test
    void shouldSendExactErr_whenRawClientSubscribesPastMax() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"protocol\":1}");

        raw.send("SUB a 1\r\nSUB b 2\r\nSUB c 3\r\nPING\r\n");

        assertThat(raw.readLine()).isEqualTo("-ERR 'maximum subscriptions exceeded'");
        assertThat(raw.readLine()).isEqualTo("PONG");
    }

    @Test
    void shouldAllowNewSubscription_whenAnotherWasRemoved() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"protocol\":1}");

        raw.send("SUB a 1\r\nSUB b 2\r\nUNSUB 1\r\nSUB c 3\r\nPING\r\n");

        assertThat(raw.readLine()).isEqualTo("PONG");
        assertThat(jnatsd.server().globalAccount().sublist().count()).isEqualTo(MAX_SUBSCRIPTIONS);
    }
}
