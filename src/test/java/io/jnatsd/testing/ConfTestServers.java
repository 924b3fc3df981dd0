package io.jnatsd.testing;

import io.jnatsd.config.ConfException;
import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import io.jnatsd.server.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;

import java.io.IOException;

/** Starts in-process servers from conf-file text, and connects users to them. Stateless; thread-safe. */
public final class ConfTestServers {

    private ConfTestServers() {
    }

    /** A server configured by {@code conf}, on loopback and a random port. */
    public static NatsServer start(String conf) {
        ServerOptions.Builder b = TestServers.baseOptions();
        try {
            new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        } catch (ConfException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return TestServers.start(b.host(TestServers.HOST).port(ServerOptions.RANDOM_PORT).build());
    }

    /** Connects the official client as {@code user} with {@code password}. */
    public static Connection connect(NatsServer server, String user, String password)
            throws IOException, InterruptedException {
        return Nats.connect(TestServers.clientOptions(server).userInfo(user, password).build());
    }
}
