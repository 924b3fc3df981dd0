package io.jnatsd.config;

import io.jnatsd.auth.AuthOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code parseCluster} in {@code server/opts.go}: reads a {@code cluster {}} block into
 * {@link ClusterOptions}, and the {@code --cluster}/{@code --routes} flag values.
 *
 * <p>What jnatsd has not built inside the block is refused, not ignored: route TLS and route
 * permissions would otherwise be silently dropped.
 */
public final class ClusterOptionsReader {

    /** Keys of the block whose feature is not built. */
    static final Set<String> REFUSED = Set.of("tls", "permissions");
    /** Keys accepted and read, but with no effect yet (kept as warnings). */
    static final Set<String> WARNED = Set.of("ping_interval", "ping_max", "write_deadline", "write_timeout",
            "connect_backoff");

    private ClusterOptionsReader() {
    }

    /**
     * Reads the block {@code v}.
     *
     * @param warnings where notes about keys that have no effect go
     */
    static ClusterOptions read(ConfValue v, List<String> warnings) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Expected map to define cluster, got " + v.typeName(),
                    "cluster");
        }
        ClusterOptions c = ClusterOptions.NONE;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            ConfValue value = e.getValue();
            if (value.isUsedAsVariable() && !ConfKeys.CLUSTER.contains(key)) {
                continue;
            }
            c = apply(c, key, e.getKey(), value, warnings);
        }
        return c;
    }

    private static ClusterOptions apply(ClusterOptions c, String key, String rawKey, ConfValue value,
                                        List<String> warnings) throws ConfException {
        return switch (key) {
            case "name" -> c.withName(clusterName(value));
            case "listen" -> {
                ServerOptionsReader.HostPort hp = ServerOptionsReader.HostPort.parse(
                        ServerOptionsReader.string(value), value);
                yield c.withListen(hp.host() == null ? c.host() : hp.host(), hp.port());
            }
            case "port" -> c.withListen(c.host(), (int) ServerOptionsReader.integer(value));
            case "host", "net" -> c.withListen(ServerOptionsReader.string(value), c.port());
            case "authorization" -> authorization(c, value, warnings);
            case "routes" -> c.withRoutes(routes(value, warnings));
            case "cluster_advertise", "advertise" -> c.withAdvertise(ServerOptionsReader.string(value));
            case "no_advertise" -> c.withNoAdvertise(ServerOptionsReader.bool(value));
            case "connect_retries" -> c.withConnectRetries((int) ServerOptionsReader.integer(value));
            case "pool_size" -> c.withPoolSize((int) ServerOptionsReader.integer(value));
            case "accounts" -> c.withPinnedAccounts(strings(value));
            case "compression" -> c.withCompression(compression(value));
            default -> {
                if (REFUSED.contains(key)) {
                    throw new ConfException(value.reportPosition(), "\"" + rawKey
                            + "\" in cluster is not supported by this build of jnatsd yet", rawKey);
                }
                if (!WARNED.contains(key)) {
                    throw new ConfException(value.reportPosition(), "unknown field \"" + rawKey + "\"", rawKey);
                }
                warnings.add(value.reportPosition() + ": option \"cluster." + rawKey
                        + "\" is accepted but not implemented by jnatsd yet; it has no effect");
                yield c;
            }
        };
    }

    private static String clusterName(ConfValue v) throws ConfException {
        String name = ServerOptionsReader.string(v);
        if (name.contains(" ")) {
            throw new ConfException(v.reportPosition(), "cluster name cannot contain spaces or new lines", name);
        }
        return name;
    }

    /** User and password only: the reference refuses a users list and a token for routes. */
    private static ClusterOptions authorization(ClusterOptions c, ConfValue v, List<String> warnings)
            throws ConfException {
        AuthOptions auth = AuthorizationReader.read(v, AuthOptions.NONE, warnings);
        if (AuthCalloutReader.find(v) != null) {
            throw new ConfException(v.reportPosition(), "Cluster authorization does not support callouts",
                    "authorization");
        }
        if (!auth.users().isEmpty()) {
            throw new ConfException(v.reportPosition(), "Cluster authorization does not allow multiple users",
                    "authorization");
        }
        if (auth.token() != null) {
            throw new ConfException(v.reportPosition(), "Cluster authorization does not support tokens",
                    "authorization");
        }
        return c.withCredentials(auth.user() == null ? "" : auth.user(),
                auth.password() == null ? "" : auth.password()).withAuthTimeout(auth.timeout());
    }

    private static List<URI> routes(ConfValue v, List<String> warnings) throws ConfException {
        List<ConfValue> items = v.isList() ? v.asList() : List.of(v);
        Set<String> seen = new LinkedHashSet<>();
        List<URI> out = new ArrayList<>();
        for (ConfValue item : items) {
            String text = ServerOptionsReader.string(item);
            if (!seen.add(text)) {
                warnings.add(item.reportPosition() + ": Duplicate route entry detected");
                continue;
            }
            out.add(routeUrl(text, item));
        }
        return out;
    }

    private static List<String> strings(ConfValue v) throws ConfException {
        List<String> out = new ArrayList<>();
        for (ConfValue item : v.isList() ? v.asList() : List.of(v)) {
            out.add(ServerOptionsReader.string(item));
        }
        return out;
    }

    private static String compression(ConfValue v) throws ConfException {
        String mode;
        if (v.isMap()) {
            ConfValue m = v.asMap().get("mode");
            mode = m == null ? "accept" : ServerOptionsReader.string(m);
        } else if (v.plain() instanceof Boolean b) {
            mode = b ? "on" : "off";
        } else {
            mode = ServerOptionsReader.string(v);
        }
        String normal = normalizeCompression(mode);
        if (normal == null) {
            throw new ConfException(v.reportPosition(), "unsupported compression mode \"" + mode + "\"", mode);
        }
        return normal;
    }

    /**
     * Twin of {@code validateAndNormalizeCompressionOption} in {@code server/server.go} for routes ("on" means
     * {@code s2_fast}); the RTT thresholds of {@code s2_auto} are not read.
     *
     * @return the canonical mode, or null when {@code mode} is not one
     */
    static String normalizeCompression(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "not supported", "not_supported" -> "not supported";
            case "disabled", "off", "false" -> "off";
            case "accept" -> "accept";
            case "auto", "s2_auto" -> "s2_auto";
            case "on", "enabled", "true", "fast", "s2_fast" -> "s2_fast";
            case "better", "s2_better" -> "s2_better";
            case "best", "s2_best" -> "s2_best";
            default -> null;
        };
    }

    private static URI routeUrl(String text, ConfValue at) throws ConfException {
        try {
            return parseRouteUrl(text);
        } catch (IllegalArgumentException e) {
            throw new ConfException(at.reportPosition(), "error parsing route url [\"" + text + "\"]", text);
        }
    }

    /**
     * A route URL such as {@code nats-route://user:pass@host:port}; a bare {@code host:port} gets
     * the {@code nats-route} scheme.
     *
     * @throws IllegalArgumentException when it has no host or port
     */
    public static URI parseRouteUrl(String text) {
        String s = text.trim();
        if (!s.contains("://")) {
            s = "nats-route://" + s;
        }
        try {
            URI u = new URI(s);
            if (u.getHost() == null || u.getPort() < 0) {
                throw new IllegalArgumentException("route URL needs a host and a port: " + text);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The {@code --routes} flag: comma separated URLs. */
    public static List<URI> parseRoutesFlag(String text) {
        List<URI> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(parseRouteUrl(part));
            }
        }
        return out;
    }

    /** The {@code --cluster} flag: {@code nats://[user:pass@]host:port}, read over {@code base}. */
    public static ClusterOptions applyClusterFlag(ClusterOptions base, String text) {
        URI u = parseRouteUrl(text);
        ClusterOptions c = base.withListen(u.getHost(), u.getPort());
        String userInfo = u.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            c = colon < 0 ? c.withCredentials(userInfo, "")
                    : c.withCredentials(userInfo.substring(0, colon), userInfo.substring(colon + 1));
        }
        return c;
    }
}
