package io.jnatsd.jetstream;

import io.jnatsd.jetstream.api.AccountApi;
import io.jnatsd.jetstream.api.Advisories;
import io.jnatsd.jetstream.api.ClusterOnlyApi;
import io.jnatsd.jetstream.api.DirectGetApi;
import io.jnatsd.jetstream.api.JsApiRouter;
import io.jnatsd.jetstream.api.MsgApi;
import io.jnatsd.jetstream.api.SnapshotApi;
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
        JsApiRouter router = module.router();
        Advisories advisories = new Advisories(module.serverName(), domain);
        router.addObserver(advisories);
        new StreamApi(module.serverName(), domain, advisories).registerOn(router);
        new MsgApi().registerOn(router);
        new DirectGetApi().registerOn(router);
        new AccountApi(router, domain).register();
        new ClusterOnlyApi().registerOn(router);
        new SnapshotApi(module.serverName(), domain, advisories).registerOn(router);
    }
}
