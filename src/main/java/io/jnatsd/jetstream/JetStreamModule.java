package io.jnatsd.jetstream;

import io.jnatsd.config.JetStreamOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.jetstream.api.JsApiRouter;
import io.jnatsd.jetstream.store.DurabilityPolicy;
import io.jnatsd.jetstream.stream.JetStreamEngine;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Twin of {@code enableJetStream} in {@code server/jetstream.go}: starts JetStream when {@code -js} or a
 * {@code jetstream} block asks for it: the {@link JetStreamEngine} (streams per account), the $JS.API
 * {@link JsApiRouter} with the stream handlers, and the {@link JetStreamExtension}s (consumers).
 *
 * <p>Threading: thread-safe; {@link #start} and {@link #stop} are called once by the server.
 */
public final class JetStreamModule implements ServerModule {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamModule.class);
    /** The directory under {@code store_dir} the reference keeps JetStream in. */
    public static final String JETSTREAM_DIR = "jetstream";

    private final List<JetStreamExtension> extensions = new ArrayList<>();
    private volatile JetStreamEngine engine;
    private volatile JsApiRouter router;
    private volatile NatsServer server;

    @Override
    public boolean start(NatsServer server) {
        ServerOptions o = server.options();
        server.addReloadParticipant(new JetStreamReload());
        if (!o.jetStream()) {
            return false;
        }
        this.server = server;
        JetStreamOptions js = o.jetStreamOptions();
        String domain = js.domain();
        Path root = storeRoot(o);
        DurabilityPolicy durability = DurabilityPolicy.parse(js.syncInterval());
        LOG.info("Starting JetStream");
        LOG.info("  Storage Directory:    \"{}\"", root);
        LOG.info("  Sync:                 {}", durability.mode());
        if (!domain.isEmpty()) {
            LOG.info("  Domain:               {}", domain);
        }
        engine = new JetStreamEngine(server, new JetStreamEngine.Settings(root, domain, durability,
            js.maxMemoryBytes(), js.maxFileBytes()));
        router = new JsApiRouter(domain);
        new JetStreamApis(this).registerAll();
        for (JetStreamExtension ext : ServiceLoader.load(JetStreamExtension.class)) {
            ext.start(this);
            extensions.add(ext);
        }
        engine.addAccountListener(router::attach);
        try {
            new JetStreamAccounts(this).configureAll();
        } catch (IllegalStateException e) {
            stop();
            throw new IllegalStateException("Can't start JetStream: " + e.getMessage(), e);
        }
        return true;
    }

    static Path storeRoot(ServerOptions o) {
        Path base = o.storeDir() != null ? o.storeDir()
            : Path.of(System.getProperty("java.io.tmpdir"), "nats");
        return base.resolve(JETSTREAM_DIR);
    }

    /** @return the engine (streams per account); thread-safe */
    public JetStreamEngine engine() {
        return engine;
    }

    /** @return the $JS.API router; thread-safe */
    public JsApiRouter router() {
        return router;
    }

    /** @return the server; thread-safe */
    public NatsServer server() {
        return server;
    }

    /** @return the name the server reports (server_name, or its id); thread-safe */
    public String serverName() {
        String name = server.options().serverName();
        return name == null || name.isEmpty() ? server.serverId() : name;
    }

    @Override
    public void stop() {
        for (JetStreamExtension ext : extensions) {
            ext.stop();
        }
        extensions.clear();
        if (router != null) {
            router.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}
