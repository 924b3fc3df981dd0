package io.jnatsd.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code parseGateway}, {@code parseGateways} and {@code validateGatewayOptions} in
 * {@code server/opts.go} and {@code server/gateway.go}: reads {@code gateway {}} into
 * {@link GatewayOptions}, with the reference's errors. Stateless.
 */
final class GatewayOptionsReader {

    static final String NAME_HAS_SPACES = "gateway name cannot contain spaces";

    private GatewayOptionsReader() {
    }

    static GatewayOptions read(ConfValue block, List<String> warnings) throws ConfException {
        if (!block.isMap()) {
            throw new ConfException(block.reportPosition(), "Expected gateway to be a map, got " + block.typeName(),
                    "gateway");
        }
        BlockValues.checkKeys(block, ConfKeys.GATEWAY, "gateway");
        String name = "";
        String host = "";
        int port = 0;
        String user = null;
        String password = null;
        Duration authTimeout = null;
        boolean tls = false;
        String advertise = null;
        int connectRetries = 0;
        boolean connectBackoff = false;
        List<GatewayOptions.Remote> gateways = List.of();
        boolean rejectUnknown = false;
        Duration writeDeadline = null;
        String writeTimeout = null;
        for (Map.Entry<String, ConfValue> e : block.asMap().entrySet()) {
            ConfValue v = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "name" -> {
                    name = BlockValues.string(v);
                    if (name.contains(" ")) {
                        throw new ConfException(v.reportPosition(), NAME_HAS_SPACES, name);
                    }
                }
                case "listen" -> {
                    ServerOptionsReader.HostPort hp = BlockValues.listen(v);
                    host = hp.host() == null ? host : hp.host();
                    port = hp.port();
                }
                case "port" -> port = BlockValues.integer(v);
                case "host", "net" -> host = BlockValues.string(v);
                case "authorization" -> {
                    BlockValues.SimpleAuth auth = authorization(v);
                    user = auth.user();
                    password = auth.password();
                    authTimeout = auth.timeout();
                }
                case "tls" -> tls = BlockValues.tls(v);
                case "advertise" -> advertise = BlockValues.string(v);
                case "connect_retries" -> connectRetries = BlockValues.integer(v);
                case "connect_backoff" -> connectBackoff = BlockValues.bool(v);
                case "gateways" -> gateways = remotes(v);
                case "reject_unknown", "reject_unknown_cluster" -> rejectUnknown = BlockValues.bool(v);
                case "write_deadline" -> writeDeadline = BlockValues.duration(v, "write_deadline");
                case "write_timeout" -> writeTimeout = BlockValues.writeTimeoutPolicy(v);
                default -> {
                    // a key only used as a variable
                }
            }
        }
        if (port != 0 && host.isEmpty()) {
            host = BlockValues.DEFAULT_HOST;
        }
        if (authTimeout == null) {
            authTimeout = tls ? GatewayOptions.AUTH_TIMEOUT_TLS_DEFAULT : GatewayOptions.AUTH_TIMEOUT_DEFAULT;
        }
        GatewayOptions options = new GatewayOptions(name, host, port, user, password, authTimeout, tls, advertise,
                connectRetries, connectBackoff, gateways, rejectUnknown, writeDeadline, writeTimeout);
        validate(options, block);
        BlockValues.warnEach("gateway", block, warnings);
        return options;
    }

    /** Gateways take a single user: no users list, no token, no callout ({@code parseGateway}). */
    private static BlockValues.SimpleAuth authorization(ConfValue v) throws ConfException {
        Map<String, ConfValue> m = v.asMap();
        if (m.containsKey("users")) {
            throw new ConfException(v.reportPosition(), "Gateway authorization does not allow multiple users", "users");
        }
        if (m.containsKey("token")) {
            throw new ConfException(v.reportPosition(), "Gateway authorization does not support tokens", "token");
        }
        if (m.containsKey("auth_callout")) {
            throw new ConfException(v.reportPosition(), "Gateway authorization does not support callouts",
                    "auth_callout");
        }
        return BlockValues.SimpleAuth.read(v, "gateway");
    }

    private static List<GatewayOptions.Remote> remotes(ConfValue v) throws ConfException {
        if (!v.isList()) {
            throw new ConfException(v.reportPosition(), "Expected gateways field to be an array, got " + v.typeName(),
                    "gateways");
        }
        List<GatewayOptions.Remote> out = new ArrayList<>();
        for (ConfValue entry : v.asList()) {
            if (!entry.isMap()) {
                throw new ConfException(entry.reportPosition(), "Expected gateway entry to be a map/struct, got "
                        + entry.plain(), String.valueOf(entry.plain()));
            }
            BlockValues.checkKeys(entry, ConfKeys.GATEWAY_REMOTE, "gateway");
            String name = "";
            List<String> urls = new ArrayList<>();
            boolean tls = false;
            for (Map.Entry<String, ConfValue> e : entry.asMap().entrySet()) {
                ConfValue value = e.getValue();
                switch (e.getKey().toLowerCase(Locale.ROOT)) {
                    case "name" -> name = BlockValues.string(value);
                    case "url" -> urls.add(url(value));
                    case "urls" -> {
                        urls.clear();
                        for (String u : BlockValues.strings(value, "gateway urls")) {
                            urls.add(u);
                        }
                    }
                    case "tls" -> tls = BlockValues.tls(value);
                    default -> {
                        // a key only used as a variable
                    }
                }
            }
            out.add(new GatewayOptions.Remote(name, urls, tls));
        }
        return List.copyOf(out);
    }

    private static String url(ConfValue v) throws ConfException {
        String s = BlockValues.string(v).trim();
        try {
            java.net.URI uri = new java.net.URI(s.contains("://") ? s : "nats://" + s);
            if (uri.getHost() == null) {
                throw new java.net.URISyntaxException(s, "no host");
            }
            return s;
        } catch (java.net.URISyntaxException e) {
            throw new ConfException(v.reportPosition(), "error parsing gateway url [\"" + s + "\"]: " + e.getMessage(),
                    s);
        }
    }

    /** {@code validateGatewayOptions}: a configured gateway needs a name and a port; each remote a name and a URL. */
    static void validate(GatewayOptions o, ConfValue at) throws ConfException {
        if (!o.configured()) {
            return;
        }
        if (o.name().isEmpty()) {
            throw new ConfException(at.reportPosition(), "gateway has no name", "gateway");
        }
        if (o.port() == 0) {
            throw new ConfException(at.reportPosition(), "gateway \"" + o.name()
                    + "\" has no port specified (select -1 for random port)", "gateway");
        }
        for (int i = 0; i < o.gateways().size(); i++) {
            GatewayOptions.Remote g = o.gateways().get(i);
            if (g.name().isEmpty()) {
                throw new ConfException(at.reportPosition(), "gateway in the list " + i + " has no name", "gateways");
            }
            if (g.urls().isEmpty()) {
                throw new ConfException(at.reportPosition(), "gateway \"" + g.name() + "\" has no URL", "gateways");
            }
        }
    }
}
