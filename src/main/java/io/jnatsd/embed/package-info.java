/**
 * Runs jnatsd inside a JVM: {@link io.jnatsd.embed.JnatsdServer} with a builder, for tests and
 * for applications that want their own NATS server. Nothing here exposes Netty or the
 * server's internal types; see {@code docs/embedding.md}.
 */
package io.jnatsd.embed;
