package io.jnatsd.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Twin of {@code ClusterOpts} in {@code server/opts.go}: the {@code cluster {}} block and the
 * {@code --cluster*}/{@code --routes} flags. Immutable.
 *
 * @param name            cluster name; empty asks for a generated (dynamic) one
 * @param host            route listen host
 * @param port            route listen port; 0 means no clustering, -1 a random port
 * @param advertise       the {@code host:port} other servers are told to use, or empty
 * @param noAdvertise     do not tell clients about the other servers (no {@code connect_urls})
 * @param routes          routes to solicit (explicit routes)
 * @param connectRetries  for implicit routes, how many times a failed connect is retried
 * @param username        route user, or empty for none
 * @param password        route password, or empty
 * @param authTimeout     how long an accepted route has to send CONNECT when auth is required
 * @param poolSize        route connections per peer; 0 for the default ({@link #POOL_SIZE_DEFAULT}), -1 for none
 * @param pinnedAccounts  accounts asked to have dedicated routes
 * @param compression     compression mode asked for ({@code off}, {@code s2_auto}, ...)
 */
public record ClusterOptions(
        String name,
        String host,
        int port,
        String advertise,
        boolean noAdvertise,
        List<URI> routes,
        int connectRetries,
        String username,
        String password,
        Duration authTimeout,
        int poolSize,
        List<String> pinnedAccounts,
        String compression) {

    /** The reference's route pool size (2.10+). */
    public static final int POOL_SIZE_DEFAULT = 3;
    /** The reference's default auth timeout for routes: 2 seconds ({@code AUTH_TIMEOUT}). */
    public static final Duration AUTH_TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    /** No clustering: the defaults of a server without a {@code cluster} block. */
    public static final ClusterOptions NONE = new ClusterOptions("", "0.0.0.0", 0, "", false, List.of(), 0, "", "",
            AUTH_TIMEOUT_DEFAULT, POOL_SIZE_DEFAULT, List.of(), "off");

    public ClusterOptions {
        routes = List.copyOf(routes);
        pinnedAccounts = List.copyOf(pinnedAccounts);
    }

    /** Whether this server listens for routes (the reference starts routing when the cluster port is not 0). */
    public boolean enabled() {
        return port != 0;
    }

    public ClusterOptions withName(String v) {
        return new ClusterOptions(v, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression);
    }

    public ClusterOptions withListen(String h, int p) {
        return new ClusterOptions(name, h, p, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression);
    }

    public ClusterOptions withAdvertise(String v) {
        return new ClusterOptions(name, host, port, v, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression);
    }

    public ClusterOptions withNoAdvertise(boolean v) {
        return new ClusterOptions(name, host, port, advertise, v, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression);
    }

    public ClusterOptions withRoutes(List<URI> v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, v, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression);
    }

    public ClusterOptions withConnectRetries(int v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, v, username, password,
                authTimeout, poolSize, pinnedAccounts, compression);
    }

    public ClusterOptions withCredentials(String user, String pass) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, user, pass,
                authTimeout, poolSize, pinnedAccounts, compression);
    }

    public ClusterOptions withAuthTimeout(Duration v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                v, poolSize, pinnedAccounts, compression);
    }

    public ClusterOptions withPoolSize(int v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, v, pinnedAccounts, compression);
    }

    public ClusterOptions withPinnedAccounts(List<String> v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, v, compression);
    }

    public ClusterOptions withCompression(String v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, v);
    }
}
