package io.jnatsd.junit;

import io.jnatsd.embed.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** One server for the class: every test and the constructor see the same one. */
@EmbeddedNats
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(30)
class EmbeddedNatsExtensionTest {

    private static JnatsdServer firstServer;
    private static Connection firstConnection;
    private final JnatsdServer constructorServer;

    EmbeddedNatsExtensionTest(JnatsdServer server) {
        this.constructorServer = server;
    }

    @Test
    @Order(1)
    void shouldInjectAConnectedClient_whenATestTakesAConnection(Connection connection) throws Exception {
        // docs/embedding.md "A JUnit 5 test" is a copy of this test.
        Subscription sub = connection.subscribe("orders.>");
        connection.publish("orders.new", "42".getBytes(StandardCharsets.UTF_8));

        Message message = sub.nextMessage(Duration.ofSeconds(5));
        assertThat(message.getSubject()).isEqualTo("orders.new");
        firstConnection = connection;
    }

    @Test
    @Order(2)
    void shouldInjectTheServerUrlAndUri_whenTheTestAsksForThem(JnatsdServer server, @NatsUrl String url, URI uri) {
        assertThat(url).isEqualTo(server.clientUrl()).startsWith("nats://127.0.0.1:");
        assertThat(uri).isEqualTo(URI.create(url));
        assertThat(server).isSameAs(constructorServer);
        firstServer = server;
    }

    @Test
    @Order(3)
    void shouldKeepOneServerForTheClassAndCloseConnectionsAfterEachTest(JnatsdServer server) {
        assertThat(server).isSameAs(firstServer);
        assertThat(server.isRunning()).isTrue();
        assertThat(firstConnection.getStatus()).isEqualTo(Connection.Status.CLOSED);
    }
}
