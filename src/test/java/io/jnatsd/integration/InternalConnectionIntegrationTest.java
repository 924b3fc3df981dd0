package io.jnatsd.integration;

import io.jnatsd.server.InternalConnection;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's own clients use the same sublist and delivery engine as network clients. */
@Timeout(60)
class InternalConnectionIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    private record Received(String subject, String reply, String headers, String payload) {
    }

    @Test
    void shouldDeliverClientPublishes_toAnInternalSubscription() throws Exception {
        InternalConnection internal = jnatsd.server().createInternalConnection(jnatsd.server().globalAccount());
        BlockingQueue<Received> received = new ArrayBlockingQueue<>(4);
        internal.subscribe("events.>", null, (sub, subject, reply, headers, payload) -> received.add(new Received(
                subject, reply, headers == null ? null : new String(headers, StandardCharsets.UTF_8),
                new String(payload, StandardCharsets.UTF_8))));
        Connection nc = jnatsd.connect();
        Headers h = new Headers().add("X-Trace", "t1");
        nc.publish(NatsMessage.builder().subject("events.a").replyTo("back").headers(h)
                .data("hello", StandardCharsets.UTF_8).build());
        nc.flush(WAIT);

        Received r = received.poll(10, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.subject()).isEqualTo("events.a");
        assertThat(r.reply()).isEqualTo("back");
        assertThat(r.headers()).startsWith("NATS/1.0\r\n").containsPattern("X-Trace: ?t1");
        assertThat(r.payload()).isEqualTo("hello");
    }

    @Test
    void shouldDeliverInternalPublishes_toClients_withAndWithoutHeaders() throws Exception {
        InternalConnection internal = jnatsd.server().createInternalConnection(jnatsd.server().globalAccount());
        Connection nc = jnatsd.connect();
        Subscription sub = nc.subscribe("notices");
        nc.flush(WAIT);

        byte[] headers = "NATS/1.0\r\nK: v\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int delivered = internal.publish("notices", "r.1", headers, "body".getBytes(StandardCharsets.UTF_8));

        assertThat(delivered).isEqualTo(1);
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("body");
        assertThat(m.getReplyTo()).isEqualTo("r.1");
        assertThat(m.getHeaders().getFirst("K")).isEqualTo("v");
    }

    @Test
    void shouldServeRequests_fromAnInternalResponder() throws Exception {
        InternalConnection responder = jnatsd.server().createInternalConnection(jnatsd.server().globalAccount());
        responder.subscribe("svc.echo", "workers", (sub, subject, reply, headers, payload) ->
                responder.publish(reply, null, null, ("echo:" + new String(payload, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)));
        Connection nc = jnatsd.connect();

        Message answer = nc.request("svc.echo", "ping".getBytes(StandardCharsets.UTF_8), WAIT);

        assertThat(answer).isNotNull();
        assertThat(new String(answer.getData(), StandardCharsets.UTF_8)).isEqualTo("echo:ping");
    }

    @Test
    void shouldStopDelivering_afterUnsubscribe() throws Exception {
        InternalConnection internal = jnatsd.server().createInternalConnection(jnatsd.server().globalAccount());
        BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
        var sub = internal.subscribe("once", null, (s, subject, reply, headers, payload) -> received.add(subject));
        assertThat(internal.publish("once", null, null, new byte[0])).isEqualTo(1);
        internal.unsubscribe(sub);
        assertThat(internal.publish("once", null, null, new byte[0])).isZero();
        assertThat(received).containsExactly("once");
    }
}
