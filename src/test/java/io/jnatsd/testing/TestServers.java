package io.jnatsd.testing;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Starts in-process jnatsd servers on 127.0.0.1 and connects the official Java client to
 * them, with options small enough for fast tests. Stateless; thread-safe.
 */
public final class TestServers {

    /** Host every test server binds. */
    public static final String HOST = "127.0.0.1";

    private TestServers() {
    }

    /** The options of a test server: loopback, random port, the reference's defaults otherwise. */
    public static ServerOptions.Builder baseOptions() {
        return ServerOptions.builder().host(HOST).port(ServerOptions.RANDOM_PORT);
    }

    /** Starts a server with the base options. */
    public static NatsServer start() {
        return start(UnaryOperator.identity());
    }

    /** Starts a server with the base options as changed by {@code customizer}. */
    public static NatsServer start(UnaryOperator<ServerOptions.Builder> customizer) {
        return start(customizer.apply(baseOptions()).build());
    }

    /** Starts a server with exactly these options. */
    public static NatsServer start(ServerOptions options) {
        try {
            return new NatsServer(options).start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a server", e);
        }
    }

    /** The client URL of {@code server}. */
    public static String url(NatsServer server) {
        return "nats://" + HOST + ":" + server.clientPort();
    }

    /** Client options for {@code server}: fail fast, no reconnect unless asked. */
    public static Options.Builder clientOptions(NatsServer server) {
        return Options.builder()
                .server(url(server))
                .connectionTimeout(Duration.ofSeconds(10))
                .noReconnect()
                .errorListener(new QuietErrorListener());
    }

    /** Connects the official client with {@link #clientOptions}. */
    public static Connection connect(NatsServer server) throws IOException, InterruptedException {
        return Nats.connect(clientOptions(server).build());
    }
}
