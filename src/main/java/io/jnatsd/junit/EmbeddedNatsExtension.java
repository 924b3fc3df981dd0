package io.jnatsd.junit;

import io.jnatsd.embed.JnatsdCluster;
import io.jnatsd.embed.JnatsdServer;
import io.jnatsd.embed.JnatsdServerBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The extension behind {@link EmbeddedNats}: starts the server before the class (or before
 * each test), resolves the parameters the annotation lists, and closes, last opened first,
 * the connections it handed out and then the server. Also usable as
 * {@code @ExtendWith(EmbeddedNatsExtension.class)}, with the annotation's defaults.
 *
 * <p>JUnit calls it from the test's thread; its state lives in the extension context's store.
 */
public final class EmbeddedNatsExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(EmbeddedNatsExtension.class);
    private static final String SERVER_KEY = "server";
    private static final String CLOSE_KEY_PREFIX = "close:";

    @Override
    public void beforeAll(ExtensionContext context) {
        Settings settings = Settings.of(context);
        if (!settings.perTest()) {
            context.getStore(NAMESPACE).put(SERVER_KEY, settings.start());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Settings settings = Settings.of(context);
        if (settings.perTest()) {
            context.getStore(NAMESPACE).put(SERVER_KEY, settings.start());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeOwn(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeOwn(context);
    }

    /** Closes what was opened in {@code context} itself (not in its parents): connections, then its server. */
    private static void closeOwn(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        @SuppressWarnings("unchecked")
        Deque<AutoCloseable> opened = store.remove(CLOSE_KEY_PREFIX + context.getUniqueId(), Deque.class);
        RuntimeException failure = null;
        while (opened != null && !opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("closing an injected connection failed", e) : failure;
            }
        }
        Running own = store.remove(SERVER_KEY, Running.class);
        if (own != null) {
            own.stop();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == JnatsdServer.class
                || type == JnatsdCluster.class
                || type == URI.class
                || type == String.class && parameter.isAnnotated(NatsUrl.class)
                || type.getName().equals(NatsConnections.CONNECTION_TYPE);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(SERVER_KEY, Running.class);
        if (running == null) {
            throw new ParameterResolutionException(parameter.getDeclaringExecutable() instanceof Constructor<?>
                    ? "@EmbeddedNats(perTest = true) starts its server per test: inject into test methods, not constructors"
                    : "no embedded server is running for " + context.getDisplayName());
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == JnatsdServer.class || type == URI.class) {
            if (running.server() == null) {
                throw new ParameterResolutionException("@EmbeddedNats(nodes = " + running.cluster().size()
                        + ") runs a cluster: inject JnatsdCluster or a @NatsUrl String, not " + type.getSimpleName());
            }
            return type == URI.class ? URI.create(running.server().clientUrl()) : running.server();
        }
        if (type == JnatsdCluster.class) {
            if (running.cluster() == null) {
                throw new ParameterResolutionException("@EmbeddedNats runs a single server: set nodes above 1 for a JnatsdCluster");
            }
            return running.cluster();
        }
        if (type == String.class) {
            return running.url();
        }
        return connect(running.url(), context);
    }

    private static Object connect(String url, ExtensionContext context) {
        try {
            AutoCloseable connection = NatsConnections.connect(url);
            @SuppressWarnings("unchecked")
            Deque<AutoCloseable> opened = context.getStore(NAMESPACE).getOrComputeIfAbsent(
                    CLOSE_KEY_PREFIX + context.getUniqueId(), k -> new ArrayDeque<AutoCloseable>(), Deque.class);
            opened.push(connection);
            return connection;
        } catch (IOException e) {
            throw new ParameterResolutionException("could not connect to " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParameterResolutionException("interrupted while connecting to " + url, e);
        }
    }

    /** What runs for a context: one server, or a cluster. */
    private record Running(JnatsdServer server, JnatsdCluster cluster) {

        String url() {
            return server != null ? server.clientUrl() : cluster.connectUrl();
        }

        void stop() {
            if (server != null) {
                server.stop();
            } else {
                cluster.stop();
            }
        }
    }

    /** What the annotation on the test class (or its defaults) asks for. */
    private record Settings(boolean jetStream, boolean perTest, String conf, int nodes) {

        static Settings of(ExtensionContext context) {
            return context.getTestClass()
                    .flatMap(c -> AnnotationSupport.findAnnotation(c, EmbeddedNats.class))
                    .map(a -> new Settings(a.jetStream(), a.perTest(), a.conf(), a.nodes()))
                    .orElse(new Settings(false, false, "", 1));
        }

        Running start() {
            if (nodes > 1) {
                return new Running(null, JnatsdCluster.builder().nodes(nodes).jetStream(jetStream).conf(conf).start());
            }
            if (nodes < 1) {
                throw new IllegalArgumentException("@EmbeddedNats(nodes = " + nodes + "): at least one node");
            }
            JnatsdServerBuilder builder = JnatsdServer.builder();
            if (!conf.isBlank()) {
                builder.conf(conf);
            }
            if (jetStream) {
                builder.jetStream(true);
            }
            return new Running(builder.start(), null);
        }
    }
}
