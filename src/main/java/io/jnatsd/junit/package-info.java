/**
 * A JUnit 5 extension that runs an embedded jnatsd for a test class or for each test, and
 * injects it, its URL, or a connected {@code io.nats.client.Connection} into test parameters.
 * Needs {@code junit-jupiter-api} and {@code io.nats:jnats} on the test classpath (optional
 * dependencies of jnatsd); see {@code docs/embedding.md}.
 */
package io.jnatsd.junit;
