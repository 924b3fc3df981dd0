package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request nobody listens to is answered at once with a 503 status, not left to time out. */
@Timeout(30)
class NoRespondersIntegrationTest {

    /** Far longer than the answer may take, so a test that waits this long has failed. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final long QUICK_MILLIS = 3_000;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    @Test
    void shouldCancelRequestQuickly_whenNobodySubscribes() throws Exception {
        Connection nc = jnatsd.connect();
        long startNanos = System.nanoTime();

        CompletableFuture<Message> reply = nc.requestWithTimeout("nobody.home", new byte[0], REQUEST_TIMEOUT);

        assertThatThrownBy(() -> reply.get(QUICK_MILLIS, TimeUnit.MILLISECONDS))
                .isInstanceOf(CancellationException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)).isLessThan(QUICK_MILLIS);
    }

    @Test
    void shouldReport503_whenClientAsksToReportNoResponders() throws Exception {
        Connection nc = jnatsd.connect(jnatsd.clientOptions().reportNoResponders());

        CompletableFuture<Message> reply = nc.requestWithTimeout("nobody.home", new byte[0], REQUEST_TIMEOUT);

        assertThatThrownBy(() -> reply.get(QUICK_MILLIS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(JetStreamStatusException.class)
                .satisfies(e -> assertThat(((JetStreamStatusException) e).getStatus().getCode()).isEqualTo(503));
    }

    @Test
    void shouldSendStatusWithSubjectHeader_whenRawRequestHasNoResponders() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"headers\":true,\"no_responders\":true,\"protocol\":1}");

        raw.send("SUB my.inbox 7\r\nPUB svc.missing my.inbox 2\r\nhi\r\n");

        String header = "NATS/1.0 503\r\nNats-Subject: svc.missing\r\n\r\n";
        assertThat(raw.readLineStartingWith("HMSG")).isEqualTo("HMSG my.inbox 7 " + header.length() + " " + header.length());
        assertThat(raw.readLine()).isEqualTo("NATS/1.0 503");
        assertThat(raw.readLine()).isEqualTo("Nats-Subject: svc.missing");
        assertThat(raw.readLine()).isEmpty();
    }

    @Test
    void shouldRefuseConnect_whenNoRespondersIsAskedWithoutHeaders() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.readInfoJson();

        raw.send("CONNECT {\"headers\":false,\"no_responders\":true}\r\n");

        assertThat(raw.readLine()).isEqualTo("-ERR 'no responders requires headers support'");
        raw.awaitClosedByServer(Duration.ofSeconds(5));
    }

    @Test
    void shouldWaitForReply_whenResponderExists() throws Exception {
        Connection responder = jnatsd.connect();
        responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData())).subscribe("svc.here");
        responder.flush(Duration.ofSeconds(5));
        Connection nc = jnatsd.connect();

        Message reply = nc.requestWithTimeout("svc.here", new byte[] {7}, REQUEST_TIMEOUT)
                .get(QUICK_MILLIS, TimeUnit.MILLISECONDS);

        assertThat(reply.getData()).containsExactly(7);
        assertThat(reply.isStatusMessage()).isFalse();
    }
}
