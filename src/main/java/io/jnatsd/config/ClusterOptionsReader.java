package io.jnatsd.config;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.auth.Permissions;
import io.jnatsd.tls.PeerTls;
import io.jnatsd.tls.TlsOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code parseCluster} in {@code server/opts.go}: reads a {@code cluster {}} block into
 * {@link ClusterOptions}, and the {@code --cluster}/{@code --routes} flag values.
 *
 * <p>Keys read but with no effect yet are kept as warnings ({@link #WARNED}); unknown keys are errors.
 */
public final class ClusterOptionsReader {

    /** The reference's warning for permissions inside the cluster's {@code authorization} block. */
    static final String AUTH_PERMISSIONS_DEPRECATED =
            "setting \"permissions\" within cluster authorization block is deprecated";
    /** The most RTT thresholds {@code s2_auto} takes: uncompressed, fast, better, best. */
    static final int RTT_THRESHOLDS_MAX = 4;
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
        ConfValue auth = v.asMap().get("authorization");
        if (c.permissions() == null && auth != null && auth.isMap()) {
            c = c.withPermissions(authorizationPermissions(auth, warnings));
        }
        checkPinnedAccounts(c, v);
        return c;
    }

    /** The reference's {@code validateOptions} checks of {@code accounts} (pinned accounts). */
    private static void checkPinnedAccounts(ClusterOptions c, ConfValue at) throws ConfException {
        if (c.pinnedAccounts().isEmpty()) {
            return;
        }
        if (c.poolSize() < 0) {
            throw new ConfException(at.reportPosition(), "pool_size cannot be negative if pinned accounts are specified",
                    "accounts");
        }
        Set<String> seen = new HashSet<>();
        for (String a : c.pinnedAccounts()) {
            if (!seen.add(a)) {
                throw new ConfException(at.reportPosition(), "found duplicate account name \"" + a
                        + "\" in pinned accounts list " + goQuoted(c.pinnedAccounts()), "accounts");
            }
        }
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
            case "compression" -> compression(c, value);
            case "tls" -> c.withTls(tls(value));
            case "permissions" -> c.withPermissions(permissions(value));
            default -> {
                if (!WARNED.contains(key)) {
                    throw new ConfException(value.reportPosition(), "unknown field \"" + rawKey + "\"", rawKey);
                }
                warnings.add(BlockValues.noEffect(value, "cluster." + rawKey));
                yield c;
            }
        };
    }

    /** A string list as Go's {@code %q} prints it: {@code ["A" "B"]}. */
    private static String goQuoted(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (String v : values) {
            sb.append(sb.length() > 1 ? " \"" : "\"").append(v).append('"');
        }
        return sb.append(']').toString();
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

    /** The {@code compression} key: a mode, a boolean, or a map with {@code mode} and {@code rtt_thresholds}. */
    private static ClusterOptions compression(ClusterOptions c, ConfValue v) throws ConfException {
        String mode;
        List<Duration> rtts = new ArrayList<>();
        if (v.isMap()) {
            mode = "accept";
            for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
                switch (e.getKey().toLowerCase(Locale.ROOT)) {
                    case "mode" -> mode = ServerOptionsReader.string(e.getValue());
                    case "rtt_thresholds", "thresholds", "rtts", "rtt" -> rtts = durations(e.getValue());
                    default -> {
                        if (!e.getValue().isUsedAsVariable()) {
                            throw new ConfException(e.getValue().reportPosition(), "unknown field \""
                                    + e.getKey() + "\"", e.getKey());
                        }
                    }
                }
            }
        } else if (v.plain() instanceof Boolean b) {
            mode = b ? "on" : "off";
        } else if (v.plain() instanceof String text) {
            mode = text;
        } else {
            throw new ConfException(v.reportPosition(), "field \"compression\" should be a boolean or a structure, got "
                    + v.typeName(), "compression");
        }
        String normal = normalizeCompression(mode);
        if (normal == null) {
            throw new ConfException(v.reportPosition(), "unsupported compression mode \"" + mode + "\"", mode);
        }
        if (!"s2_auto".equals(normal) || rtts.isEmpty()) {
            return c.withCompression(normal);
        }
        try {
            return c.withCompression(normal, normalizeRttThresholds(rtts));
        } catch (IllegalArgumentException e) {
            throw new ConfException(v.reportPosition(), e.getMessage(), mode);
        }
    }

    private static List<Duration> durations(ConfValue v) throws ConfException {
        List<Duration> out = new ArrayList<>();
        for (ConfValue item : v.isList() ? v.asList() : List.of(v)) {
            String text = ServerOptionsReader.string(item);
            try {
                out.add(ConfDurations.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ConfException(item.reportPosition(), e.getMessage(), text);
            }
        }
        return out;
    }

    /**
     * The RTT part of {@code validateAndNormalizeCompressionOption}: negatives become 0 (a level not used),
     * non-zero values must ascend, trailing zeros are cut, and 1 to 4 values must remain.
     *
     * @throws IllegalArgumentException with the reference's text
     */
    static List<Duration> normalizeRttThresholds(List<Duration> given) {
        List<Duration> rtts = new ArrayList<>();
        for (Duration d : given) {
            Duration n = d.isNegative() ? Duration.ZERO : d;
            if (!n.isZero()) {
                for (Duration before : rtts) {
                    if (n.compareTo(before) < 0) {
                        throw new IllegalArgumentException("RTT threshold values " + goList(given)
                                + " should be in ascending order");
                    }
                }
            }
            rtts.add(n);
        }
        while (!rtts.isEmpty() && rtts.getLast().isZero()) {
            rtts.removeLast();
        }
        if (rtts.size() > RTT_THRESHOLDS_MAX) {
            throw new IllegalArgumentException("compression mode \"s2_auto\" should have no more than 4 RTT "
                    + "thresholds: " + goList(given));
        }
        if (rtts.isEmpty()) {
            throw new IllegalArgumentException("compression mode \"s2_auto\" requires at least one RTT threshold");
        }
        return rtts;
    }

    private static String goList(List<Duration> ds) {
        List<String> parts = new ArrayList<>();
        for (Duration d : ds) {
            parts.add(d.toMillis() + "ms");
        }
        return "[" + String.join(" ", parts) + "]";
    }

    /** A route {@code tls {}} block, checked by building its contexts once, as the reference does at start. */
    private static TlsOptions tls(ConfValue v) throws ConfException {
        TlsOptionsReader reader = new TlsOptionsReader();
        reader.readBlock(v);
        TlsOptions o = reader.options();
        try {
            PeerTls.of(o);
        } catch (IllegalArgumentException e) {
            throw new ConfException(v.reportPosition(), e.getMessage(), "tls");
        }
        return o;
    }

    /**
     * Route permissions ({@code parseUserPermissions} then the cluster's checks): {@code import} is kept as the
     * publish rules and {@code export} as the subscribe rules; dynamic responses are refused.
     */
    private static Permissions permissions(ConfValue v) throws ConfException {
        Permissions p = PermissionsReader.read(v);
        if (p.response() != null) {
            throw new ConfException(v.reportPosition(), "Cluster permissions do not support dynamic responses",
                    "permissions");
        }
        return new Permissions(p.publish(), p.subscribe(), null);
    }

    /** The deprecated {@code permissions} inside the cluster's {@code authorization} block, with its warning. */
    private static Permissions authorizationPermissions(ConfValue auth, List<String> warnings) throws ConfException {
        for (Map.Entry<String, ConfValue> e : auth.asMap().entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (k.equals("permissions") || k.equals("default_permissions") || k.equals("default_permission")) {
                warnings.add(e.getValue().reportPosition() + ": " + AUTH_PERMISSIONS_DEPRECATED);
                return permissions(e.getValue());
            }
        }
        return null;
    }

    /**
     * Twin of {@code validateAndNormalizeCompressionOption} in {@code server/server.go} for routes ("on" means
     * {@code s2_fast}); the RTT thresholds of {@code s2_auto} are checked by {@link #normalizeRttThresholds}.
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
