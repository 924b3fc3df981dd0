package io.jnatsd.server;

/** Names of the handlers in a connection's pipeline, in the order {@code initChannel} adds them. */
final class PipelineNames {

    static final String PROXY_PROTOCOL = "proxy-protocol";
    static final String CLIENT_PROTOCOL = "client-protocol";

    private PipelineNames() {
    }
}
