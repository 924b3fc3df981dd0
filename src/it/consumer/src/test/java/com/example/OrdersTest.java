package com.example;

import io.jnatsd.embed.JnatsdServer;
import io.jnatsd.junit.EmbeddedNats;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's test: the annotation gives a server and a connection; the API starts one by hand. */
@EmbeddedNats
class OrdersTest {

    @Test
    void deliversAnOrder(Connection connection) throws Exception {
        Subscription sub = connection.subscribe("orders.>");
        connection.publish("orders.new", "42".getBytes(StandardCharsets.UTF_8));

        Message message = sub.nextMessage(Duration.ofSeconds(10));
        assertEquals("42", new String(message.getData(), StandardCharsets.UTF_8));
    }

    @Test
    void startsAServerByHand() throws Exception {
        try (JnatsdServer nats = JnatsdServer.builder().serverName("by-hand").start();
             Connection c = Nats.connect(Options.builder().server(nats.clientUrl())
                     .connectionTimeout(Duration.ofSeconds(10)).build())) {
            assertEquals("by-hand", c.getServerInfo().getServerName());
            assertTrue(nats.port() > 0);
        }
    }
}
