package io.jnatsd.junit;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.time.Duration;

/**
 * Connects the official Java client. Kept apart from {@link EmbeddedNatsExtension} so that the
 * extension loads, and injects servers and URLs, on a classpath without jnats.
 */
final class NatsConnections {

    /** The type name the extension compares parameters with, without loading the class. */
    static final String CONNECTION_TYPE = "io.nats.client.Connection";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private NatsConnections() {
    }

    static AutoCloseable connect(String url) throws IOException, InterruptedException {
        Connection c = Nats.connect(Options.builder().server(url).connectionTimeout(CONNECT_TIMEOUT).build());
        return c;
    }
}
