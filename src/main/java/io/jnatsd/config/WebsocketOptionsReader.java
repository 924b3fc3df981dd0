package io.jnatsd.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code parseWebsocket} in {@code server/opts.go} and the block-local checks of
 * {@code validateWebsocketOptions} in {@code server/websocket.go}: reads {@code websocket {}}
 * into {@link WebsocketOptions}. Checks that need other options (users, trusted keys) are in
 * {@link OptionsValidator}. Stateless.
 */
final class WebsocketOptionsReader {

    /** Response headers a configuration may not set ({@code validateWebsocketOptions}). */
    static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "content-length", "connection", "upgrade",
            "nats-no-masking");

    private WebsocketOptionsReader() {
    }

    static WebsocketOptions read(ConfValue block, List<String> warnings) throws ConfException {
        if (!block.isMap()) {
            throw new ConfException(block.reportPosition(), "Expected websocket to be a map, got "
                    + block.typeName(), "websocket");
        }
        BlockValues.checkKeys(block, ConfKeys.WEBSOCKET, "websocket");
        Fields f = new Fields();
        for (Map.Entry<String, ConfValue> e : block.asMap().entrySet()) {
            f.read(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        if (f.port != 0 && f.host.isEmpty()) {
            f.host = BlockValues.DEFAULT_HOST;
        }
        WebsocketOptions o = new WebsocketOptions(f.host, f.port, f.advertise, f.noAuthUser, f.jwtCookie,
                f.userCookie, f.passCookie, f.tokenCookie, f.auth.user(), f.auth.password(), f.auth.token(),
                f.auth.timeout(), f.noTls, f.tls, f.sameOrigin, f.allowedOrigins, f.compression, f.handshakeTimeout,
                f.pingInterval, f.headers);
        validate(o, block);
        BlockValues.warnEach("websocket", block, warnings);
        return o;
    }

    /** The block's fields while it is read. */
    private static final class Fields {
        String host = "";
        int port;
        String advertise;
        String noAuthUser;
        String jwtCookie;
        String userCookie;
        String passCookie;
        String tokenCookie;
        BlockValues.SimpleAuth auth = BlockValues.SimpleAuth.NONE;
        boolean noTls;
        boolean tls;
        boolean sameOrigin;
        List<String> allowedOrigins = List.of();
        boolean compression;
        Duration handshakeTimeout;
        Duration pingInterval;
        Map<String, String> headers = Map.of();

        void read(String key, ConfValue v) throws ConfException {
            switch (key) {
                case "listen" -> {
                    ServerOptionsReader.HostPort hp = BlockValues.listen(v);
                    host = hp.host() == null ? host : hp.host();
                    port = hp.port();
                }
                case "port" -> port = BlockValues.integer(v);
                case "host", "net" -> host = BlockValues.string(v);
                case "advertise" -> advertise = BlockValues.string(v);
                case "no_tls" -> noTls = BlockValues.bool(v);
                case "tls" -> tls = BlockValues.tls(v);
                case "same_origin" -> sameOrigin = BlockValues.bool(v);
                case "allowed_origins", "allowed_origin", "allow_origins", "allow_origin", "origins", "origin" ->
                        allowedOrigins = BlockValues.strings(v, "allowed origins");
                case "handshake_timeout" -> handshakeTimeout = handshakeTimeout(v);
                case "compress", "compression" -> compression = BlockValues.bool(v);
                case "authorization", "authentication" -> auth = BlockValues.SimpleAuth.read(v, "websocket");
                case "jwt_cookie" -> jwtCookie = BlockValues.string(v);
                case "user_cookie" -> userCookie = BlockValues.string(v);
                case "pass_cookie" -> passCookie = BlockValues.string(v);
                case "token_cookie" -> tokenCookie = BlockValues.string(v);
                case "no_auth_user" -> noAuthUser = BlockValues.string(v);
                case "headers" -> headers = headers(v);
                case "ping_interval" -> pingInterval = BlockValues.duration(v, "ping_interval");
                default -> {
                    // a key only used as a variable
                }
            }
        }
    }

    /** An integer is seconds; a string a Go duration. */
    private static Duration handshakeTimeout(ConfValue v) throws ConfException {
        if (v.plain() instanceof Long secs) {
            return Duration.ofSeconds(secs);
        }
        if (v.plain() instanceof String s) {
            try {
                return ConfDurations.parse(s);
            } catch (IllegalArgumentException e) {
                throw new ConfException(v.reportPosition(), e.getMessage(), s);
            }
        }
        throw new ConfException(v.reportPosition(), "error parsing handshake timeout: unsupported type "
                + v.typeName(), String.valueOf(v.plain()));
    }

    private static Map<String, String> headers(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "error parsing headers: unsupported type " + v.typeName(),
                    "headers");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            if (!(e.getValue().plain() instanceof String s)) {
                throw new ConfException(e.getValue().reportPosition(), "error parsing header key " + e.getKey()
                        + ": unsupported type " + e.getValue().typeName(), e.getKey());
            }
            out.put(e.getKey(), s);
        }
        return out;
    }

    /** The checks of {@code validateWebsocketOptions} that need only this block. */
    static void validate(WebsocketOptions o, ConfValue at) throws ConfException {
        if (!o.configured()) {
            return;
        }
        if (!o.tls() && !o.noTls()) {
            throw new ConfException(at.reportPosition(), "websocket requires TLS configuration", "websocket");
        }
        for (String origin : o.allowedOrigins()) {
            checkOrigin(origin, at);
        }
        for (String key : o.headers().keySet()) {
            String k = key.toLowerCase(Locale.ROOT);
            if (FORBIDDEN_HEADERS.contains(k)) {
                throw new ConfException(at.reportPosition(), "websocket: invalid header \"" + key + "\" not allowed",
                        key);
            }
            if (k.startsWith("sec-websocket-")) {
                throw new ConfException(at.reportPosition(), "websocket: invalid header \"" + key
                        + "\", \"Sec-WebSocket-\" prefix not allowed", key);
            }
        }
    }

    private static void checkOrigin(String origin, ConfValue at) throws ConfException {
        URI u;
        try {
            u = new URI(origin);
        } catch (URISyntaxException e) {
            throw new ConfException(at.reportPosition(), "unable to parse allowed origin: " + e.getMessage(), origin);
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw new ConfException(at.reportPosition(), "unable to parse allowed origin \"" + origin
                    + "\": allowed origins must be absolute URLs with http or https scheme", origin);
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new ConfException(at.reportPosition(), "unable to parse allowed origin \"" + origin
                    + "\": host is required", origin);
        }
    }
}
