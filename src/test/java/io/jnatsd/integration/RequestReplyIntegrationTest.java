package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Request/reply through jnatsd: new-style (shared inbox) and old-style requests, many at once. */
@Timeout(30)
class RequestReplyIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    @Test
    void shouldReturnReply_whenResponderAnswers() throws Exception {
        startEchoResponder(jnatsd.connect(), null);
        Connection requester = jnatsd.connect();

        Message reply = requester.request("svc.echo", bytes("ping"), WAIT);

        assertThat(reply).isNotNull();
        assertThat(text(reply)).isEqualTo("re:ping");
        assertThat(reply.getSubject()).startsWith("_INBOX.");
    }

    @Test
    void shouldReturnReply_whenClientUsesOldRequestStyle() throws Exception {
        startEchoResponder(jnatsd.connect(), null);
        Connection requester = jnatsd.connect(jnatsd.clientOptions().oldRequestStyle());

        for (int i = 0; i < 5; i++) {
            Message reply = requester.request("svc.echo", bytes("old" + i), WAIT);
            assertThat(reply).isNotNull();
            assertThat(text(reply)).isEqualTo("re:old" + i);
        }
    }

    @Test
    void shouldAnswerEveryRequest_whenManyAreInFlightAtOnce() throws Exception {
        startEchoResponder(jnatsd.connect(), "responders");
        startEchoResponder(jnatsd.connect(), "responders");
        Connection requester = jnatsd.connect();
        int count = 1_000;
        List<CompletableFuture<Message>> futures = new ArrayList<>();

        for (int i = 0; i < count; i++) {
            futures.add(requester.request("svc.echo", bytes("r" + i)));
        }

        for (int i = 0; i < count; i++) {
            Message reply = futures.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(text(reply)).isEqualTo("re:r" + i);
        }
    }

    @Test
    void shouldReturnReplyFromOneResponder_whenSeveralPlainRespondersListen() throws Exception {
        startEchoResponder(jnatsd.connect(), null);
        Connection requester = jnatsd.connect();
        Connection second = jnatsd.connect();
        second.createDispatcher(m -> second.publish(m.getReplyTo(), bytes("second"))).subscribe("svc.echo");
        second.flush(WAIT);

        Message reply = requester.request("svc.echo", bytes("x"), WAIT);

        assertThat(text(reply)).isIn("re:x", "second");
    }

    /** Subscribes a responder that answers {@code re:<request>}; in a queue group when {@code queue} is set. */
    private static void startEchoResponder(Connection nc, String queue) throws Exception {
        Dispatcher d = nc.createDispatcher(m -> nc.publish(m.getReplyTo(), bytes("re:" + text(m))));
        if (queue == null) {
            d.subscribe("svc.echo");
        } else {
            d.subscribe("svc.echo", queue);
        }
        nc.flush(WAIT);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }
}
