package io.jnatsd.config;

import java.time.Duration;
import java.util.List;

/**
 * Twin of {@code GatewayOpts} and {@code RemoteGatewayOpts} in {@code server/opts.go}: the
 * {@code gateway {}} block, with the reference's defaults ({@code setBaselineOptions}). jnatsd
 * reads and checks it but does not run gateways yet. Immutable; {@link #toString()} shows no secret.
 *
 * @param name           this cluster's gateway name; empty when gateways are off
 * @param host           listen host ({@code 0.0.0.0} once a port is set)
 * @param port           listen port, 0 for none, -1 for random
 * @param user           user other gateways must send, or null
 * @param password       its password, or null
 * @param authTimeout    how long an inbound gateway may take to authenticate
 * @param tls            whether a {@code tls {}} block is given (its meaning belongs to the TLS room)
 * @param advertise      the address advertised to other gateways, or null
 * @param connectRetries connect attempts for implicit gateways
 * @param connectBackoff whether reconnects back off
 * @param gateways       the remote gateways to connect to
 * @param rejectUnknown  refuse gateways of clusters not listed
 * @param writeDeadline  write deadline of gateway connections, null for the server's
 * @param writeTimeout   write timeout policy ({@code default}, {@code close}, {@code retry}), null for default
 */
public record GatewayOptions(String name, String host, int port, String user, String password, Duration authTimeout,
                             boolean tls, String advertise, int connectRetries, boolean connectBackoff,
                             List<Remote> gateways, boolean rejectUnknown, Duration writeDeadline,
                             String writeTimeout) {

    /** The reference's AUTH_TIMEOUT, used when no TLS is configured. */
    public static final Duration AUTH_TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    /** TLS timeout (2s) plus one second, as {@code getDefaultAuthTimeout} gives with TLS. */
    public static final Duration AUTH_TIMEOUT_TLS_DEFAULT = Duration.ofSeconds(3);
    /** No gateway block. */
    public static final GatewayOptions NONE = new GatewayOptions("", "", 0, null, null, AUTH_TIMEOUT_DEFAULT, false,
            null, 0, false, List.of(), false, null, null);

    public GatewayOptions {
        gateways = List.copyOf(gateways);
    }

    /**
     * One entry of {@code gateways []}.
     *
     * @param name the remote cluster's gateway name
     * @param urls its URLs
     * @param tls  whether a {@code tls {}} block is given
     */
    public record Remote(String name, List<String> urls, boolean tls) {
        public Remote {
            urls = List.copyOf(urls);
        }
    }

    /** Whether the block asks for gateways at all (a name or a port, as {@code validateGatewayOptions}). */
    public boolean configured() {
        return !name.isEmpty() || port != 0;
    }

    @Override
    public String toString() {
        return "GatewayOptions[name=" + name + ", host=" + host + ", port=" + port + ", user=" + user
                + ", password=" + (password == null ? "null" : "[REDACTED]") + ", authTimeout=" + authTimeout
                + ", tls=" + tls + ", advertise=" + advertise + ", connectRetries=" + connectRetries
                + ", connectBackoff=" + connectBackoff + ", gateways=" + gateways + ", rejectUnknown=" + rejectUnknown
                + ", writeDeadline=" + writeDeadline + ", writeTimeout=" + writeTimeout + "]";
    }
}
