package io.jnatsd.config;

import io.jnatsd.auth.Permissions;
import io.jnatsd.tls.TlsOptions;

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
 * @param compression     compression mode asked for ({@code off}, {@code accept}, {@code s2_auto}, ...)
 * @param tls             the route TLS block, or null for plain routes
 * @param permissions     route permissions ({@code publish} holds {@code import}, {@code subscribe} holds
 *                        {@code export}, as the reference stores them), or null for none
 * @param rttThresholds   for {@code s2_auto}: the RTT limits of the uncompressed, fast, better and best levels
 *                        (normalised as the reference does; empty for other modes)
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
        String compression,
        TlsOptions tls,
        Permissions permissions,
        List<Duration> rttThresholds) {

    /** The reference's route pool size (2.10+). */
    public static final int POOL_SIZE_DEFAULT = 3;
    /** The reference's default auth timeout for routes: 2 seconds ({@code AUTH_TIMEOUT}). */
    public static final Duration AUTH_TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    /** The reference's default route compression mode: compress only when the peer asks. */
    public static final String COMPRESSION_DEFAULT = "accept";
    /** The reference's {@code defaultCompressionS2AutoRTTThresholds}: uncompressed, fast, better, then best. */
    public static final List<Duration> RTT_THRESHOLDS_DEFAULT = List.of(Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofMillis(100));
    /** No clustering: the defaults of a server without a {@code cluster} block. */
    public static final ClusterOptions NONE = new ClusterOptions("", "0.0.0.0", 0, "", false, List.of(), 0, "", "",
            AUTH_TIMEOUT_DEFAULT, POOL_SIZE_DEFAULT, List.of(), COMPRESSION_DEFAULT, null, null, List.of());

    public ClusterOptions {
        routes = List.copyOf(routes);
        pinnedAccounts = List.copyOf(pinnedAccounts);
        rttThresholds = rttThresholds == null ? List.of() : List.copyOf(rttThresholds);
    }

    /** Whether this server listens for routes (the reference starts routing when the cluster port is not 0). */
    public boolean enabled() {
        return port != 0;
    }

    public ClusterOptions withName(String v) {
        return new ClusterOptions(v, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression, tls, permissions, rttThresholds);
    }

    public ClusterOptions withListen(String h, int p) {
        return new ClusterOptions(name, h, p, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression, tls, permissions, rttThresholds);
    }

    public ClusterOptions withAdvertise(String v) {
        return new ClusterOptions(name, host, port, v, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression, tls, permissions, rttThresholds);
    }

    public ClusterOptions withNoAdvertise(boolean v) {
        return new ClusterOptions(name, host, port, advertise, v, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression, tls, permissions, rttThresholds);
    }

    public ClusterOptions withRoutes(List<URI> v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, v, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression, tls, permissions, rttThresholds);
    }

    public ClusterOptions withConnectRetries(int v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, v, username, password,
                authTimeout, poolSize, pinnedAccounts, compression, tls, permissions, rttThresholds);
    }

    public ClusterOptions withCredentials(String user, String pass) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, user, pass,
                authTimeout, poolSize, pinnedAccounts, compression, tls, permissions, rttThresholds);
    }

    public ClusterOptions withAuthTimeout(Duration v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                v, poolSize, pinnedAccounts, compression, tls, permissions, rttThresholds);
    }

    public ClusterOptions withPoolSize(int v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, v, pinnedAccounts, compression, tls, permissions, rttThresholds);
    }

    public ClusterOptions withPinnedAccounts(List<String> v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, v, compression, tls, permissions, rttThresholds);
    }

    /** The mode with the default RTT thresholds when it is {@code s2_auto}. */
    public ClusterOptions withCompression(String v) {
        return withCompression(v, List.of());
    }

    public ClusterOptions withTls(TlsOptions v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression, v, permissions, rttThresholds);
    }

    public ClusterOptions withPermissions(Permissions v) {
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, compression, tls, v, rttThresholds);
    }

    /** The mode and, for {@code s2_auto}, its RTT thresholds ({@link #RTT_THRESHOLDS_DEFAULT} when none given). */
    public ClusterOptions withCompression(String mode, List<Duration> thresholds) {
        List<Duration> rtts = "s2_auto".equals(mode) && thresholds.isEmpty() ? RTT_THRESHOLDS_DEFAULT
                : "s2_auto".equals(mode) ? thresholds : List.of();
        return new ClusterOptions(name, host, port, advertise, noAdvertise, routes, connectRetries, username, password,
                authTimeout, poolSize, pinnedAccounts, mode, tls, permissions, rtts);
    }
}
