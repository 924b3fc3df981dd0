package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Message;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The official client reconnects to a restarted server on the same port and resubscribes. */
@Timeout(30)
class ReconnectIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration RECONNECT_WAIT = Duration.ofMillis(50);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    @Test
    void shouldResubscribeAndDeliver_whenServerRestartsOnSamePort() throws Exception {
        Set<ConnectionListener.Events> subEvents = ConcurrentHashMap.newKeySet();
        Set<ConnectionListener.Events> pubEvents = ConcurrentHashMap.newKeySet();
        Connection sub = jnatsd.connect(reconnecting((c, e) -> subEvents.add(e)));
        Connection pub = jnatsd.connect(reconnecting((c, e) -> pubEvents.add(e)));
        Subscription s = sub.subscribe("survives");
        sub.flush(WAIT);
        pub.publish("survives", new byte[] {1});
        assertThat(s.nextMessage(WAIT).getData()).containsExactly(1);
        String firstServerId = sub.getServerInfo().getServerId();

        jnatsd.restartOnSamePort();

        checkFor(() -> assertThat(subEvents).contains(ConnectionListener.Events.RECONNECTED));
        checkFor(() -> assertThat(pubEvents).contains(ConnectionListener.Events.RECONNECTED));
        assertThat(subEvents).contains(ConnectionListener.Events.DISCONNECTED);
        // The subscriber's PONG from the new server comes after its replayed SUB was applied.
        sub.flush(WAIT);
        pub.publish("survives", new byte[] {2});
        assertThat(s.nextMessage(WAIT).getData()).containsExactly(2);
        assertThat(sub.getServerInfo().getServerId()).isNotEqualTo(firstServerId);
        assertThat(jnatsd.server().globalAccount().sublist().count()).isEqualTo(1);
    }

    @Test
    void shouldDeliverMessagesPublishedWhileDisconnected_whenServerComesBack() throws Exception {
        Set<ConnectionListener.Events> events = ConcurrentHashMap.newKeySet();
        Connection nc = jnatsd.connect(reconnecting((c, e) -> events.add(e)));
        Subscription s = nc.subscribe("buffered");
        nc.flush(WAIT);
        int port = jnatsd.port();

        jnatsd.shutdown();
        checkFor(() -> assertThat(events).contains(ConnectionListener.Events.DISCONNECTED));
        for (int i = 0; i < 10; i++) {
            nc.publish("buffered", new byte[] {(byte) i});
        }
        jnatsd.startOnPort(port);

        checkFor(() -> assertThat(events).contains(ConnectionListener.Events.RECONNECTED));
        for (int i = 0; i < 10; i++) {
            Message m = s.nextMessage(WAIT);
            assertThat(m).as("message %d", i).isNotNull();
            assertThat(m.getData()).containsExactly(i);
        }
    }

    @Test
    void shouldReportDisconnect_whenServerStopsForGood() throws Exception {
        Set<ConnectionListener.Events> events = ConcurrentHashMap.newKeySet();
        Connection nc = jnatsd.connect(reconnecting((c, e) -> events.add(e)));
        nc.flush(WAIT);

        jnatsd.shutdown();

        checkFor(() -> assertThat(events).contains(ConnectionListener.Events.DISCONNECTED));
        assertThat(nc.getStatus()).isIn(Connection.Status.RECONNECTING, Connection.Status.DISCONNECTED);
    }

    private Options.Builder reconnecting(ConnectionListener listener) {
        return jnatsd.clientOptions()
                .maxReconnects(-1)
                // No reconnectJitter(Duration.ZERO): jnats 2.25 then stops retrying after the first refused attempt.
                .reconnectWait(RECONNECT_WAIT)
                .connectionListener(listener);
    }
}
