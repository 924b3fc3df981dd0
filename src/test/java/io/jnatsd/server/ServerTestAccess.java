package io.jnatsd.server;

import io.netty.channel.embedded.EmbeddedChannel;

/** Lets benchmarks and tests put a client connection on an embedded channel. */
public final class ServerTestAccess {

    private ServerTestAccess() {
    }

    /** A client connection of {@code server} on an embedded channel; INFO is already queued outbound. */
    public static EmbeddedChannel embeddedClient(NatsServer server) {
        return new EmbeddedChannel(new ClientProtocolHandler(server));
    }
}
