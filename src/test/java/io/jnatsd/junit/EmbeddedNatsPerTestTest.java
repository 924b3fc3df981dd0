package io.jnatsd.junit;

import io.jnatsd.embed.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh server per test, with JetStream and a conf: the previous test's server is gone. */
@EmbeddedNats(perTest = true, jetStream = true, conf = "server_name: per-test\nmax_payload: 2KB")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(30)
class EmbeddedNatsPerTestTest {

    private static JnatsdServer previous;
    private static Path previousStore;

    @Test
    @Order(1)
    void shouldStartAServerWithTheAnnotationsOptions_whenATestBegins(JnatsdServer server, Connection connection) {
        assertThat(server.isJetStreamEnabled()).isTrue();
        assertThat(server.serverName()).isEqualTo("per-test");
        assertThat(connection.getMaxPayload()).isEqualTo(2048);
        previous = server;
        previousStore = server.storeDir().orElseThrow();
        assertThat(previousStore).isDirectory();
    }

    @Test
    @Order(2)
    void shouldStopTheServerAndRemoveItsStore_whenItsTestEnds(JnatsdServer server) {
        assertThat(server).isNotSameAs(previous);
        assertThat(previous.isRunning()).isFalse();
        assertThat(previousStore).doesNotExist();
    }

    @Test
    @Order(3)
    void shouldGiveAJetStreamContext_whenJetStreamIsOn(Connection connection) throws Exception {
        JetStreamManagement jsm = connection.jetStreamManagement();

        assertThat(jsm).isNotNull();
    }
}
