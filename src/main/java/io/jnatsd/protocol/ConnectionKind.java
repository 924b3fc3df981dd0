package io.jnatsd.protocol;

/**
 * The kinds of connection the reference tells apart ({@code CLIENT}, {@code ROUTER},
 * {@code GATEWAY}, {@code LEAF} in {@code server/client.go}), as far as the parser cares: which
 * ops each may send is {@link InboundOps}.
 */
public enum ConnectionKind {
    CLIENT,
    ROUTER,
    GATEWAY,
    LEAF
}
