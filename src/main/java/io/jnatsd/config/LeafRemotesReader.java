package io.jnatsd.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code parseRemoteLeafNodes} in {@code server/opts.go} and of the remote defaults of
 * {@code setBaselineOptions} (port 7422, first INFO wait 1s, {@code s2_auto}): reads
 * {@code leafnodes { remotes [] }}. Stateless.
 */
final class LeafRemotesReader {

    private LeafRemotesReader() {
    }

    static List<LeafNodeOptions.Remote> read(ConfValue v) throws ConfException {
        if (!v.isList()) {
            throw new ConfException(v.reportPosition(), "Expected remotes field to be an array, got " + v.typeName(),
                    "remotes");
        }
        List<LeafNodeOptions.Remote> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfValue entry : v.asList()) {
            if (!entry.isMap()) {
                throw new ConfException(entry.reportPosition(), "Expected remote leafnode entry to be a map/struct, got "
                        + entry.plain(), String.valueOf(entry.plain()));
            }
            BlockValues.checkKeys(entry, ConfKeys.LEAF_REMOTE, "remote leafnode");
            Fields f = new Fields();
            for (Map.Entry<String, ConfValue> e : entry.asMap().entrySet()) {
                f.read(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            }
            LeafNodeOptions.Remote r = f.build();
            String name = String.join(",", r.urls()) + "|" + r.localAccount();
            if (!names.add(name)) {
                throw new ConfException(entry.reportPosition(), "duplicate remote " + String.join(", ", r.urls()),
                        "remotes");
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    /** One remote's fields while it is read. */
    private static final class Fields {
        List<String> urls = new ArrayList<>();
        boolean noRandomize;
        String localAccount;
        String credentials;
        String nkeySeed;
        boolean tls;
        boolean hub;
        List<String> denyImports = List.of();
        List<String> denyExports = List.of();
        boolean wsCompression;
        boolean wsNoMasking;
        boolean jsMigrate;
        boolean localIsolation;
        boolean requestIsolation;
        String compression = LeafNodeOptions.COMPRESSION_DEFAULT;
        Duration firstInfoTimeout = LeafNodeOptions.FIRST_INFO_TIMEOUT_DEFAULT;
        Duration dialTimeout;
        boolean disabled;
        String proxyUrl;
        boolean ignoreDiscovered;

        void read(String key, ConfValue v) throws ConfException {
            switch (key) {
                case "no_randomize", "dont_randomize" -> noRandomize = BlockValues.bool(v);
                case "url", "urls" -> urls = urls(v);
                case "account", "local" -> localAccount = BlockValues.string(v);
                case "creds", "credentials" -> credentials(v);
                case "nkey", "seed" -> seed(v);
                case "tls" -> tls = BlockValues.tls(v);
                case "hub" -> hub = BlockValues.bool(v);
                case "deny_imports", "deny_import" -> denyImports = BlockValues.strings(v, "deny_imports");
                case "deny_exports", "deny_export" -> denyExports = BlockValues.strings(v, "deny_exports");
                case "ws_compress", "ws_compression", "websocket_compress", "websocket_compression" ->
                        wsCompression = BlockValues.bool(v);
                case "ws_no_masking", "websocket_no_masking" -> wsNoMasking = BlockValues.bool(v);
                case "jetstream_cluster_migrate", "js_cluster_migrate" -> jsMigrate = v.isMap() || BlockValues.bool(v);
                case "isolate_leafnode_interest", "isolate" -> localIsolation = BlockValues.bool(v);
                case "request_isolation" -> requestIsolation = BlockValues.bool(v);
                case "compression" -> compression = BlockValues.compression(v, LeafNodeOptions.COMPRESSION_DEFAULT);
                case "first_info_timeout" -> firstInfoTimeout = BlockValues.duration(v, key);
                case "dial_timeout" -> dialTimeout = BlockValues.duration(v, key);
                case "disabled" -> disabled = BlockValues.bool(v);
                case "proxy" -> proxyUrl = proxy(v);
                case "ignore_discovered_servers" -> ignoreDiscovered = BlockValues.bool(v);
                default -> {
                    // a key only used as a variable
                }
            }
        }

        private void credentials(ConfValue v) throws ConfException {
            if (nkeySeed != null) {
                throw new ConfException(v.reportPosition(), "Remote leafnode can not have both creds and nkey defined",
                        "credentials");
            }
            credentials = BlockValues.string(v);
        }

        private void seed(ConfValue v) throws ConfException {
            String s = BlockValues.string(v);
            if (!s.startsWith("SU") || s.length() != 58) {
                throw new ConfException(v.reportPosition(), "Remote leafnode nkey is not a valid seed: \"[REDACTED]\"",
                        "nkey");
            }
            if (credentials != null) {
                throw new ConfException(v.reportPosition(), "Remote leafnode can not have both creds and nkey defined",
                        "nkey");
            }
            nkeySeed = s;
        }

        LeafNodeOptions.Remote build() {
            return new LeafNodeOptions.Remote(urls, noRandomize, localAccount == null ? "$G" : localAccount,
                    credentials, nkeySeed, tls, hub, denyImports, denyExports, wsCompression, wsNoMasking, jsMigrate,
                    localIsolation, requestIsolation, compression, firstInfoTimeout, dialTimeout, disabled, proxyUrl,
                    ignoreDiscovered);
        }
    }

    private static List<String> urls(ConfValue v) throws ConfException {
        if (!v.isList() && !(v.plain() instanceof String)) {
            throw new ConfException(v.reportPosition(), "Expected remote leafnode url to be an array or string, got "
                    + v.plain(), String.valueOf(v.plain()));
        }
        List<String> out = new ArrayList<>();
        for (String u : BlockValues.strings(v, "leafnode urls")) {
            out.add(withDefaultPort(u.trim(), v));
        }
        return out;
    }

    /** A leaf URL without a port gets 7422; {@code ws://} and {@code wss://} keep theirs. */
    private static String withDefaultPort(String text, ConfValue at) throws ConfException {
        try {
            URI u = new URI(text.contains("://") ? text : "nats-leaf://" + text);
            if (u.getHost() == null) {
                throw new URISyntaxException(text, "missing host");
            }
            boolean websocket = "ws".equals(u.getScheme()) || "wss".equals(u.getScheme());
            if (u.getPort() < 0 && !websocket) {
                return new URI(u.getScheme(), u.getUserInfo(), u.getHost(), LeafNodeOptions.REMOTE_PORT_DEFAULT,
                        u.getPath(), u.getQuery(), u.getFragment()).toString();
            }
            return u.toString();
        } catch (URISyntaxException e) {
            throw new ConfException(at.reportPosition(), "error parsing leafnode url [\"" + text + "\"]: "
                    + e.getMessage(), text);
        }
    }

    private static String proxy(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Expected proxy to be a map, got " + v.typeName(), "proxy");
        }
        BlockValues.checkKeys(v, Set.of("url", "username", "password", "timeout"), "proxy");
        ConfValue url = null;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            if (e.getKey().equalsIgnoreCase("url")) {
                url = e.getValue();
            } else if (e.getKey().equalsIgnoreCase("timeout")) {
                BlockValues.duration(e.getValue(), "proxy timeout");
            }
        }
        return url == null ? null : BlockValues.string(url);
    }
}
