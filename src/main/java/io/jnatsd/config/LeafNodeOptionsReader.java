package io.jnatsd.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code parseLeafNodes}, {@code parseLeafAuthorization}, {@code parseLeafUsers},
 * {@code validateLeafNodeAuthOptions} and {@code checkLeafMinVersionConfig} in
 * {@code server/opts.go} and {@code server/leafnode.go}: reads {@code leafnodes {}} into
 * {@link LeafNodeOptions}; the {@code remotes} are read by {@link LeafRemotesReader}. Checks that
 * need the accounts are in {@link OptionsValidator}. Stateless.
 */
final class LeafNodeOptionsReader {

    private static final Set<String> LEAF_USER_KEYS = Set.of("user", "username", "pass", "password", "account",
            "proxy_required");

    private LeafNodeOptionsReader() {
    }

    static LeafNodeOptions read(ConfValue block, List<String> warnings) throws ConfException {
        if (!block.isMap()) {
            throw new ConfException(block.reportPosition(), "Expected map to define a leafnode, got "
                    + block.typeName(), "leafnodes");
        }
        BlockValues.checkKeys(block, ConfKeys.LEAFNODES, "leafnodes");
        Fields f = new Fields();
        for (Map.Entry<String, ConfValue> e : block.asMap().entrySet()) {
            f.read(e.getKey().toLowerCase(Locale.ROOT), e.getValue(), warnings);
        }
        if (f.port != 0 && f.host.isEmpty()) {
            f.host = BlockValues.DEFAULT_HOST;
        }
        LeafNodeOptions o = new LeafNodeOptions(f.host, f.port, f.user, f.password, f.nkey, f.account, f.users,
                f.authTimeout, f.proxyRequired, f.remotes, f.reconnect, f.dialTimeout, f.tls, f.advertise,
                f.noAdvertise, f.minVersion, f.compression, f.isolate, f.writeDeadline, f.writeTimeout);
        BlockValues.warnEach("leafnodes", block, warnings);
        return o;
    }

    /** The block's fields while it is read. */
    private static final class Fields {
        String host = "";
        int port;
        String user;
        String password;
        String nkey;
        String account;
        List<LeafNodeOptions.User> users = List.of();
        Duration authTimeout = LeafNodeOptions.AUTH_TIMEOUT_DEFAULT;
        boolean proxyRequired;
        List<LeafNodeOptions.Remote> remotes = List.of();
        Duration reconnect = LeafNodeOptions.RECONNECT_DEFAULT;
        Duration dialTimeout;
        boolean tls;
        String advertise;
        boolean noAdvertise;
        String minVersion;
        String compression = LeafNodeOptions.COMPRESSION_DEFAULT;
        boolean isolate;
        Duration writeDeadline;
        String writeTimeout;

        void read(String key, ConfValue v, List<String> warnings) throws ConfException {
            switch (key) {
                case "listen" -> {
                    ServerOptionsReader.HostPort hp = BlockValues.listen(v);
                    host = hp.host() == null ? host : hp.host();
                    port = hp.port();
                }
                case "port" -> port = BlockValues.integer(v);
                case "host", "net" -> host = BlockValues.string(v);
                case "authorization" -> authorization(v, warnings);
                case "remotes" -> remotes = LeafRemotesReader.read(v);
                case "reconnect", "reconnect_delay", "reconnect_interval" ->
                        reconnect = BlockValues.duration(v, "reconnect");
                case "dial_timeout" -> dialTimeout = BlockValues.duration(v, "dial_timeout");
                case "tls" -> tls = BlockValues.tls(v);
                case "leafnode_advertise", "advertise" -> advertise = BlockValues.string(v);
                case "no_advertise" -> noAdvertise = BlockValues.bool(v);
                case "min_version", "minimum_version" -> minVersion = minVersion(v);
                case "compression" -> compression = BlockValues.compression(v, LeafNodeOptions.COMPRESSION_DEFAULT);
                case "isolate_leafnode_interest", "isolate" -> isolate = BlockValues.bool(v);
                case "write_deadline" -> writeDeadline = BlockValues.duration(v, "write_deadline");
                case "write_timeout" -> writeTimeout = BlockValues.writeTimeoutPolicy(v);
                default -> {
                    // a key only used as a variable
                }
            }
        }

        private void authorization(ConfValue v, List<String> warnings) throws ConfException {
            BlockValues.checkKeys(v, ConfKeys.LEAF_AUTHORIZATION, "leafnodes authorization");
            for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
                ConfValue value = e.getValue();
                switch (e.getKey().toLowerCase(Locale.ROOT)) {
                    case "user", "username" -> user = BlockValues.string(value);
                    case "pass", "password" -> password = BlockValues.string(value);
                    case "nkey" -> nkey = nkey(value);
                    case "timeout" -> authTimeout = timeout(value, warnings);
                    case "users" -> users = users(value);
                    case "account" -> account = BlockValues.string(value);
                    case "proxy_required" -> proxyRequired = BlockValues.bool(value);
                    default -> {
                        // a key only used as a variable
                    }
                }
            }
            checkAuth(v);
        }

        /** {@code validateLeafNodeAuthOptions}. */
        private void checkAuth(ConfValue at) throws ConfException {
            if (users.isEmpty()) {
                return;
            }
            if (user != null && !user.isEmpty()) {
                throw new ConfException(at.reportPosition(), "can not have a single user/pass and a users array",
                        "users");
            }
            if (nkey != null && !nkey.isEmpty()) {
                throw new ConfException(at.reportPosition(), "can not have a single nkey and a users array", "users");
            }
            Set<String> seen = new HashSet<>();
            for (LeafNodeOptions.User u : users) {
                if (!seen.add(u.user())) {
                    throw new ConfException(at.reportPosition(), "duplicate user \"" + u.user()
                            + "\" detected in leafnode authorization", u.user());
                }
            }
        }
    }

    private static String nkey(ConfValue v) throws ConfException {
        String nk = BlockValues.string(v);
        if (nk.length() != 56 || nk.charAt(0) != 'U') {
            throw new ConfException(v.reportPosition(), "Not a valid public nkey for leafnode authorization", nk);
        }
        return nk;
    }

    private static Duration timeout(ConfValue v, List<String> warnings) throws ConfException {
        Duration d = BlockValues.seconds(v);
        if (d.compareTo(Duration.ofSeconds(60)) > 0) {
            warnings.add(v.reportPosition() + ": timeout: timeout of " + v.plain() + " (" + d.toMillis() / 1000.0
                    + " seconds) is high, consider keeping it under 60 seconds. possibly caused by unquoted duration;"
                    + " use '1m' instead of 1m, for example");
        }
        return d;
    }

    private static List<LeafNodeOptions.User> users(ConfValue v) throws ConfException {
        if (!v.isList()) {
            throw new ConfException(v.reportPosition(), "Expected users field to be an array, got " + v.plain(),
                    "users");
        }
        List<LeafNodeOptions.User> out = new ArrayList<>();
        for (ConfValue entry : v.asList()) {
            if (!entry.isMap()) {
                throw new ConfException(entry.reportPosition(), "Expected user entry to be a map/struct, got "
                        + entry.plain(), String.valueOf(entry.plain()));
            }
            BlockValues.checkKeys(entry, LEAF_USER_KEYS, "leafnodes users");
            Map<String, ConfValue> m = lower(entry.asMap());
            out.add(new LeafNodeOptions.User(either(m, "user", "username"), either(m, "pass", "password"),
                    m.containsKey("account") ? BlockValues.string(m.get("account")) : null,
                    m.containsKey("proxy_required") && BlockValues.bool(m.get("proxy_required"))));
        }
        return List.copyOf(out);
    }

    private static Map<String, ConfValue> lower(Map<String, ConfValue> m) {
        Map<String, ConfValue> out = new java.util.HashMap<>();
        m.forEach((k, val) -> out.put(k.toLowerCase(Locale.ROOT), val));
        return out;
    }

    private static String either(Map<String, ConfValue> m, String a, String b) throws ConfException {
        ConfValue v = m.containsKey(a) ? m.get(a) : m.get(b);
        return v == null ? "" : BlockValues.string(v);
    }

    /** {@code checkLeafMinVersionConfig}: a semantic version of at least 2.8.0. */
    static String minVersion(ConfValue v) throws ConfException {
        String s = BlockValues.string(v);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)(?:[-+].*)?$")
                .matcher(s);
        if (!m.matches()) {
            throw new ConfException(v.reportPosition(), "invalid leafnode's minimum version: invalid semver", s);
        }
        int[] parts = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        int cmp = Integer.compare(parts[0], 2) != 0 ? Integer.compare(parts[0], 2)
                : Integer.compare(parts[1], 8) != 0 ? Integer.compare(parts[1], 8) : Integer.compare(parts[2], 0);
        if (cmp < 0) {
            throw new ConfException(v.reportPosition(), "the minimum version should be at least 2.8.0", s);
        }
        return s;
    }
}
