package io.jnatsd.server;

/** Names of the handlers in a connection's pipeline, in the order {@code initChannel} adds them. */
final class PipelineNames {

    static final String PROXY_PROTOCOL = "proxy-protocol";
    /** Decides when TLS starts; replaced by {@link #TLS} (or removed) at the first read. */
    static final String TLS_NEGOTIATOR = "tls-negotiator";
    static final String TLS = "tls";
    static final String CLIENT_PROTOCOL = "client-protocol";

    private PipelineNames() {
    }
}
