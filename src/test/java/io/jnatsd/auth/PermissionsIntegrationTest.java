package io.jnatsd.auth;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Permissions and bcrypt over the wire with the official client. */
@Timeout(30)
class PermissionsIntegrationTest {

    /** "bctoken" hashed with bcrypt ($2b$, cost 4). */
    private static final String HASH = "$2b$04$vp21iVse39Muy3.wib7UFuQ9trLkkvWqeU5HN7cjlseBc2evUEJEm";

    private NatsServer server;

    @BeforeEach
    void start() {
        server = ConfTestServers.start("""
                authorization {
                  users = [
                    { user: limited, password: p, permissions: {
                        publish: { allow: "ok.>", deny: "ok.no" }, subscribe: { deny: "secret.>" } } }
                    { user: svc, password: p, permissions: { subscribe: "service", allow_responses: true } }
                    { user: client, password: p }
                    { user: hashed, password: "%s" }
                  ]
                }
                """.formatted(HASH));
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    private static final class Errors implements ErrorListener {
        final BlockingQueue<String> errors = new LinkedBlockingQueue<>();

        @Override
        public void errorOccurred(Connection conn, String error) {
            errors.add(error);
        }
    }

    private Connection connect(String user, Errors errors) throws Exception {
        return Nats.connect(TestServers.clientOptions(server).userInfo(user, "p").errorListener(errors).build());
    }

    @Test
    void shouldReportPublishViolationAndKeepTheConnection_whenSubjectIsNotAllowed() throws Exception {
        Errors errors = new Errors();
        try (Connection limited = connect("limited", errors); Connection client = connect("client", new Errors())) {
            Subscription sub = client.subscribe("ok.>");
            client.flush(Duration.ofSeconds(5));
            limited.publish("nope", "x".getBytes(StandardCharsets.UTF_8));
            limited.publish("ok.no", "x".getBytes(StandardCharsets.UTF_8));
            limited.publish("ok.yes", "y".getBytes(StandardCharsets.UTF_8));
            limited.flush(Duration.ofSeconds(5));
            assertThat(errors.errors.poll(5, TimeUnit.SECONDS)).isEqualTo("Permissions Violation for Publish to \"nope\"");
            assertThat(errors.errors.poll(5, TimeUnit.SECONDS)).isEqualTo("Permissions Violation for Publish to \"ok.no\"");
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertThat(m.getSubject()).isEqualTo("ok.yes");
            assertThat(sub.nextMessage(Duration.ofMillis(200))).isNull();
            assertThat(limited.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void shouldReportSubscriptionViolation_whenSubjectIsDenied() throws Exception {
        Errors errors = new Errors();
        try (Connection limited = connect("limited", errors)) {
            limited.subscribe("secret.plans");
            limited.flush(Duration.ofSeconds(5));
            assertThat(errors.errors.poll(5, TimeUnit.SECONDS))
                    .isEqualTo("Permissions Violation for Subscription to \"secret.plans\"");
            assertThat(limited.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void shouldLetAResponderReplyOnce_whenAllowResponsesIsSet() throws Exception {
        Errors errors = new Errors();
        try (Connection svc = connect("svc", errors); Connection client = connect("client", new Errors())) {
            svc.createDispatcher(m -> svc.publish(m.getReplyTo(), "pong".getBytes(StandardCharsets.UTF_8)))
                    .subscribe("service");
            svc.flush(Duration.ofSeconds(5));
            Message reply = client.request("service", "ping".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("pong");
            svc.publish("elsewhere", new byte[0]);
            svc.flush(Duration.ofSeconds(5));
            assertThat(errors.errors.poll(5, TimeUnit.SECONDS))
                    .isEqualTo("Permissions Violation for Publish to \"elsewhere\"");
        }
    }

    @Test
    void shouldAcceptTheBcryptUserOnlyWithThePlainPassword_whenPasswordIsHashed() throws Exception {
        try (Connection ok = Nats.connect(TestServers.clientOptions(server).userInfo("hashed", "bctoken").build())) {
            assertThat(ok.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nats.connect(TestServers.clientOptions(server)
                .userInfo("hashed", HASH).build())).isInstanceOf(Exception.class);
    }
}
