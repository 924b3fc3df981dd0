package io.jnatsd.jetstream;

import io.jnatsd.jetstream.api.StreamApi;

/**
 * Registers the $JS.API handlers of the stream side (everything but {@code CONSUMER.*}) on the router.
 *
 * <p>Threading: used once, by {@link JetStreamModule#start}.
 */
final class JetStreamApis {
    private final JetStreamModule module;

    JetStreamApis(JetStreamModule module) {
        this.module = module;
    }

    void registerAll() {
        String domain = module.engine().domain();
        new StreamApi(module.serverName(), domain).registerOn(module.router());
    }
}
