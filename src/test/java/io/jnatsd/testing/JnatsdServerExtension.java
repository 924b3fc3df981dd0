package io.jnatsd.testing;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A fresh in-process jnatsd per test, on 127.0.0.1 and a random port, shut down after the
 * test together with every client and socket opened through it. Register it on an instance
 * field:
 *
 * <pre>{@code
 * @RegisterExtension
 * final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(o -> o.maxPayload(1024));
 * }</pre>
 *
 * <p>Not thread-safe: use it from the test's own thread.
 */
public final class JnatsdServerExtension implements BeforeEachCallback, AfterEachCallback {

    private final UnaryOperator<ServerOptions.Builder> customizer;
    private final boolean jetStream;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private NatsServer server;
    private Path storeDir;

    private JnatsdServerExtension(UnaryOperator<ServerOptions.Builder> customizer, boolean jetStream) {
        this.customizer = customizer;
        this.jetStream = jetStream;
    }

    /** A server with the reference's defaults. */
    public static JnatsdServerExtension create() {
        return new JnatsdServerExtension(UnaryOperator.identity(), false);
    }

    /** A server with JetStream on, on a store directory of its own for each test, removed after it. */
    public static JnatsdServerExtension withJetStream() {
        return new JnatsdServerExtension(UnaryOperator.identity(), true);
    }

    /** {@link #withJetStream()} with the defaults as changed by {@code customizer}. */
    public static JnatsdServerExtension withJetStream(UnaryOperator<ServerOptions.Builder> customizer) {
        return new JnatsdServerExtension(customizer, true);
    }

    /** A server with the defaults as changed by {@code customizer}. */
    public static JnatsdServerExtension withOptions(UnaryOperator<ServerOptions.Builder> customizer) {
        return new JnatsdServerExtension(customizer, false);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (jetStream) {
            Path dir = JetStreamDirs.newStoreDir();
            storeDir = dir;
            server = TestServers.start(o -> customizer.apply(o).jetStream(true).storeDir(dir));
        } else {
            server = TestServers.start(customizer);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            closeQuietly(toClose.get(i));
        }
        toClose.clear();
        shutdown();
        if (storeDir != null) {
            JetStreamDirs.deleteTree(storeDir);
            storeDir = null;
        }
    }

    /** @return the store directory of {@link #withJetStream()}'s server */
    public Path storeDir() {
        return storeDir;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing after the test: the connection may already be gone.
        }
    }

    /** Shuts the current server down and waits until it has stopped. */
    public void shutdown() throws InterruptedException {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Shuts the server down and starts a new one with the same options on the same port,
     * as an operator restarting the process would.
     */
    public NatsServer restartOnSamePort() throws InterruptedException {
        int port = server.clientPort();
        shutdown();
        return startOnPort(port);
    }

    /** Starts a new server with the same options on {@code port}, after {@link #shutdown()}. */
    public NatsServer startOnPort(int port) {
        server = TestServers.start(server.options().toBuilder().port(port).build());
        return server;
    }

    public NatsServer server() {
        return server;
    }

    public int port() {
        return server.clientPort();
    }

    public String url() {
        return TestServers.url(server);
    }

    /** Client options for this server: fail fast, no reconnect unless asked. */
    public Options.Builder clientOptions() {
        return TestServers.clientOptions(server);
    }

    /** Connects the official client; closed after the test. */
    public Connection connect() throws IOException, InterruptedException {
        return connect(clientOptions());
    }

    /** Connects the official client with {@code options}; closed after the test. */
    public Connection connect(Options.Builder options) throws IOException, InterruptedException {
        return closeAfterTest(Nats.connect(options.build()));
    }

    /** Opens a raw protocol socket (INFO not yet read); closed after the test. */
    public RawNatsSocket rawSocket() throws IOException {
        return closeAfterTest(RawNatsSocket.open(port()));
    }

    /** Closes {@code resource} after the test, before the server stops. */
    public <T extends AutoCloseable> T closeAfterTest(T resource) {
        toClose.add(resource);
        return resource;
    }
}
