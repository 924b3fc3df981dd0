package io.jnatsd.cluster.route;

import io.jnatsd.tls.PeerTls;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import java.net.URI;
import java.util.List;

/**
 * Twin of the route half of {@code createRoute}'s TLS step and of {@code saveRouteTLSName} in
 * {@code server/route.go}: with a {@code cluster { tls {} }} block, every route, accepted or dialled, starts
 * with a TLS handshake before any protocol line (the reference does not send INFO first on routes). A dialled
 * route checks the peer's certificate against the host it dialled; when that host is an IP address (a route
 * learned by gossip) and a configured route named a host, that host name is used instead, as the reference
 * does.
 *
 * <p>Immutable and thread-safe.
 */
final class RouteTls {

    /** The pipeline name of the TLS step. */
    static final String PIPELINE_NAME = "route-tls";

    private final PeerTls tls;
    private final String savedName;

    RouteTls(PeerTls tls, List<URI> configuredRoutes) {
        this.tls = tls;
        this.savedName = firstHostName(configuredRoutes);
    }

    private static String firstHostName(List<URI> routes) {
        for (URI u : routes) {
            if (!isIpLiteral(u.getHost())) {
                return u.getHost();
            }
        }
        return null;
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.contains(":") || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    /** Whether dialled peers' certificates go unchecked. */
    boolean insecure() {
        return tls.insecure();
    }

    /** TLS timeout in seconds, for /varz. */
    double timeoutSeconds() {
        return tls.options().timeout().toNanos() / 1e9;
    }

    /** Puts the server side of the handshake first in an accepted route's pipeline. Channel init only. */
    void addAccepting(Channel ch) {
        ch.pipeline().addLast(PIPELINE_NAME, tls.acceptHandler(ch.alloc()));
    }

    /** Puts the client side of the handshake first in a dialled route's pipeline. Channel init only. */
    void addDialling(Channel ch, URI url) {
        String host = url.getHost();
        String name = isIpLiteral(host) && savedName != null ? savedName : host;
        ch.pipeline().addLast(PIPELINE_NAME, tls.dialHandler(ch.alloc(), name, url.getPort()));
    }

    /** The TLS step of {@code ch}, or null on a plain route. */
    static SslHandler of(Channel ch) {
        return (SslHandler) ch.pipeline().get(PIPELINE_NAME);
    }
}
