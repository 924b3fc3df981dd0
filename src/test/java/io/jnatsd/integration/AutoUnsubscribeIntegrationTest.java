package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** UNSUB with a max: the server stops delivering after max messages and forgets the subscription. */
@Timeout(30)
class AutoUnsubscribeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    @Test
    void shouldSendExactlyMaxMessages_whenRawClientUnsubscribesWithMax() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"protocol\":1}");
        raw.send("SUB limited 1\r\nUNSUB 1 3\r\nPING\r\n").readLineStartingWith("PONG");
        Connection pub = jnatsd.connect();

        for (int i = 0; i < 10; i++) {
            pub.publish("limited", new byte[] {(byte) i});
        }
        pub.flush(WAIT);
        raw.send("PING\r\n");

        int msgs = 0;
        for (String line = raw.readLine(); !line.equals("PONG"); line = raw.readLine()) {
            if (line.startsWith("MSG ")) {
                msgs++;
            }
        }
        assertThat(msgs).isEqualTo(3);
        checkFor(() -> assertThat(jnatsd.server().globalAccount().sublist().count()).isZero());
    }

    @Test
    void shouldStopAfterMax_whenSubscriptionUnsubscribesWithMax() throws Exception {
        Connection sub = jnatsd.connect();
        Connection pub = jnatsd.connect();
        Subscription s = sub.subscribe("auto");
        s.unsubscribe(5);
        sub.flush(WAIT);

        for (int i = 0; i < 20; i++) {
            pub.publish("auto", new byte[] {(byte) i});
        }
        pub.flush(WAIT);

        for (int i = 0; i < 5; i++) {
            assertThat(s.nextMessage(WAIT).getData()).containsExactly(i);
        }
        assertThat(s.isActive()).isFalse();
        checkFor(() -> assertThat(jnatsd.server().globalAccount().sublist().count()).isZero());
        assertThat(jnatsd.server().stats().outMsgs()).isEqualTo(5);
    }

    @Test
    void shouldStopAfterMax_whenDispatcherUnsubscribesWithMax() throws Exception {
        Connection sub = jnatsd.connect();
        Connection pub = jnatsd.connect();
        AtomicInteger handled = new AtomicInteger();
        Dispatcher d = sub.createDispatcher(m -> handled.incrementAndGet());
        d.subscribe("auto.d");
        d.unsubscribe("auto.d", 2);
        sub.flush(WAIT);

        for (int i = 0; i < 10; i++) {
            pub.publish("auto.d", new byte[0]);
        }
        pub.flush(WAIT);
        sub.flush(WAIT);

        checkFor(() -> assertThat(handled).hasValue(2));
        checkFor(() -> assertThat(jnatsd.server().globalAccount().sublist().count()).isZero());
    }

    @Test
    void shouldUnsubscribeAtOnce_whenMaxIsAlreadyReached() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"protocol\":1}");
        raw.send("SUB few 1\r\nPING\r\n").readLineStartingWith("PONG");
        Connection pub = jnatsd.connect();
        pub.publish("few", new byte[0]);
        pub.publish("few", new byte[0]);
        pub.flush(WAIT);

        raw.send("UNSUB 1 2\r\nPING\r\n").readLineStartingWith("PONG");

        assertThat(jnatsd.server().globalAccount().sublist().count()).isZero();
    }
}
