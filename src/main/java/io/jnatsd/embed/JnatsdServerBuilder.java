package io.jnatsd.embed;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ClusterOptionsReader;
import io.jnatsd.config.ConfException;
import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Options of an embedded server. Three layers, later ones winning, as flags win over the
 * conf file on the command line: the embedded defaults (host {@code 127.0.0.1}, a random
 * port), then a conf text or file in the reference's format, then what is set here.
 *
 * <p>Not thread-safe: build on one thread.
 */
public final class JnatsdServerBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(JnatsdServerBuilder.class);

    /** The host an embedded server listens on unless told otherwise: loopback only. */
    public static final String HOST_DEFAULT = "127.0.0.1";
    /** Port value that asks for a random free port, the default. */
    public static final int RANDOM_PORT = ServerOptions.RANDOM_PORT;

    private final List<Consumer<ServerOptions.Builder>> settings = new ArrayList<>();
    private final List<UnaryOperator<AuthOptions>> authSettings = new ArrayList<>();
    private String confText;
    private Path confFile;

    JnatsdServerBuilder() {
    }

    /** The client port; {@link #RANDOM_PORT} (the default) picks a free one. */
    public JnatsdServerBuilder port(int port) {
        settings.add(b -> b.port(port));
        return this;
    }

    /** The address to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for every interface). */
    public JnatsdServerBuilder host(String host) {
        Objects.requireNonNull(host, "host");
        settings.add(b -> b.host(host));
        return this;
    }

    /** The server name in INFO and monitoring (the server id when unset). */
    public JnatsdServerBuilder serverName(String name) {
        Objects.requireNonNull(name, "name");
        settings.add(b -> b.serverName(name));
        return this;
    }

    /** Turns JetStream on or off; on without {@link #storeDir} means a temporary store removed on stop. */
    public JnatsdServerBuilder jetStream(boolean enabled) {
        settings.add(b -> b.jetStream(enabled));
        return this;
    }

    /** Where JetStream stores its data; kept on stop (only a temporary store is removed). */
    public JnatsdServerBuilder storeDir(Path dir) {
        Objects.requireNonNull(dir, "dir");
        settings.add(b -> b.storeDir(dir));
        return this;
    }

    /** The largest message payload accepted, in bytes (1 MB by default). */
    public JnatsdServerBuilder maxPayloadBytes(int bytes) {
        settings.add(b -> b.maxPayload(bytes));
        return this;
    }

    /** The most client connections accepted at once. */
    public JnatsdServerBuilder maxConnections(int connections) {
        settings.add(b -> b.maxConnections(connections));
        return this;
    }

    /** Serves the HTTP monitoring endpoints on {@code port} ({@link #RANDOM_PORT} for a free one). */
    public JnatsdServerBuilder monitorPort(int port) {
        settings.add(b -> b.httpHost(HOST_DEFAULT).httpPort(port));
        return this;
    }

    /** How long lame duck mode spreads the closing of clients. */
    public JnatsdServerBuilder lameDuckDuration(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        settings.add(b -> b.lameDuckDuration(duration));
        return this;
    }

    /** Clients must send this token (the reference's {@code authorization { token }}). */
    public JnatsdServerBuilder token(String token) {
        Objects.requireNonNull(token, "token");
        authSettings.add(a -> a.withToken(token));
        return this;
    }

    /** Clients must send this user and password (the reference's {@code authorization { user, password }}). */
    public JnatsdServerBuilder userPassword(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        authSettings.add(a -> a.withUser(user).withPassword(password));
        return this;
    }

    /**
     * Makes the server a cluster node named {@code clusterName}, listening for routes on
     * {@link #HOST_DEFAULT} and a random port, and dialling {@code routeUrls}. Used by
     * {@link JnatsdCluster}; package-private so that no route type shows in the public API.
     */
    JnatsdServerBuilder clusterNode(String clusterName, List<String> routeUrls) {
        List<URI> routes = routeUrls.stream().map(ClusterOptionsReader::parseRouteUrl).toList();
        ClusterOptions cluster = ClusterOptions.NONE.withName(clusterName).withListen(HOST_DEFAULT, RANDOM_PORT)
                .withRoutes(routes);
        settings.add(b -> b.cluster(cluster));
        return this;
    }

    /** Conf text in the reference's format (e.g. {@code "max_payload: 64KB"}); includes resolve from the working directory. */
    public JnatsdServerBuilder conf(String text) {
        this.confText = Objects.requireNonNull(text, "text");
        this.confFile = null;
        return this;
    }

    /** A conf file in the reference's format, as {@code -c FILE} reads it. */
    public JnatsdServerBuilder confFile(Path file) {
        this.confFile = Objects.requireNonNull(file, "file");
        this.confText = null;
        return this;
    }

    /**
     * A server with these options, not started yet.
     *
     * @throws JnatsdStartException when the conf is unreadable or refused, or the options are invalid
     */
    public JnatsdServer build() {
        ServerOptions.Builder b = ServerOptions.builder().host(HOST_DEFAULT).port(RANDOM_PORT);
        readConf(b);
        settings.forEach(s -> s.accept(b));
        ServerOptions options = b.build();
        if (!authSettings.isEmpty()) {
            AuthOptions auth = options.auth();
            for (UnaryOperator<AuthOptions> setting : authSettings) {
                auth = setting.apply(auth);
            }
            options = options.toBuilder().auth(auth).build();
        }
        try {
            options.auth().validate();
        } catch (IllegalArgumentException e) {
            throw new JnatsdStartException("invalid authorization: " + e.getMessage(), e);
        }
        return new JnatsdServer(options);
    }

    /** Builds and starts: the server accepts clients when this returns. */
    public JnatsdServer start() {
        return build().start();
    }

    private void readConf(ServerOptions.Builder b) {
        if (confText == null && confFile == null) {
            return;
        }
        ServerOptionsReader reader = new ServerOptionsReader();
        try {
            ConfParser parser = new ConfParser();
            reader.read(confFile != null ? parser.parseFile(confFile) : parser.parseString(confText), b);
        } catch (ConfException e) {
            throw new JnatsdStartException("conf refused: " + e.getMessage(), e);
        }
        reader.warnings().forEach(w -> LOG.warn("{}", w));
    }
}
