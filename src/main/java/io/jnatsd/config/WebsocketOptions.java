package io.jnatsd.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code WebsocketOpts} in {@code server/opts.go}: the {@code websocket {}} block (also
 * written {@code ws}), with the reference's defaults. jnatsd reads and checks it but does not
 * open a WebSocket listener yet. Immutable; {@link #toString()} shows no secret.
 *
 * @param host             listen host ({@code 0.0.0.0} once a port is set)
 * @param port             listen port, 0 for none, -1 for random
 * @param advertise        the address advertised to clients, or null
 * @param noAuthUser       the user a client without credentials is taken for, or null
 * @param jwtCookie        cookie holding a user JWT, or null
 * @param userCookie       cookie holding the user name, or null
 * @param passCookie       cookie holding the password, or null
 * @param tokenCookie      cookie holding the token, or null
 * @param user             websocket-only user, or null
 * @param password         its password, or null
 * @param token            websocket-only token, or null
 * @param authTimeout      auth timeout of the block, or null for the server's
 * @param noTls            serve plain HTTP (the reference requires TLS otherwise)
 * @param tls              whether a {@code tls {}} block is given
 * @param sameOrigin       only accept an Origin equal to the Host
 * @param allowedOrigins   origins accepted, empty for any
 * @param compression      offer permessage-deflate
 * @param handshakeTimeout how long the HTTP upgrade may take, null for the default
 * @param pingInterval     ping interval of websocket clients, null for the server's
 * @param headers          extra HTTP headers of the upgrade response
 */
public record WebsocketOptions(String host, int port, String advertise, String noAuthUser, String jwtCookie,
                               String userCookie, String passCookie, String tokenCookie, String user,
                               String password, String token, Duration authTimeout, boolean noTls, boolean tls,
                               boolean sameOrigin, List<String> allowedOrigins, boolean compression,
                               Duration handshakeTimeout, Duration pingInterval, Map<String, String> headers) {

    /** No websocket block. */
    public static final WebsocketOptions NONE = new WebsocketOptions("", 0, null, null, null, null, null, null, null,
            null, null, null, false, false, false, List.of(), false, null, null, Map.of());

    public WebsocketOptions {
        allowedOrigins = List.copyOf(allowedOrigins);
        headers = Map.copyOf(headers);
    }

    /** Whether a listener is asked for: the reference ignores the rest of the block without a port. */
    public boolean configured() {
        return port != 0;
    }

    @Override
    public String toString() {
        return "WebsocketOptions[host=" + host + ", port=" + port + ", advertise=" + advertise + ", noAuthUser="
                + noAuthUser + ", user=" + user + ", password=" + (password == null ? "null" : "[REDACTED]")
                + ", token=" + (token == null ? "null" : "[REDACTED]") + ", noTls=" + noTls + ", tls=" + tls
                + ", sameOrigin=" + sameOrigin + ", allowedOrigins=" + allowedOrigins + ", compression="
                + compression + ", handshakeTimeout=" + handshakeTimeout + ", pingInterval=" + pingInterval
                + ", headers=" + headers + "]";
    }
}
