package io.jnatsd.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs an embedded jnatsd for the annotated test class: one server for the whole class (the
 * default) or a fresh one for each test ({@code perTest = true}), on 127.0.0.1 and a random
 * port. Test methods (and, for a class-wide server, constructors) may take:
 * <ul>
 *   <li>{@link io.jnatsd.embed.JnatsdServer}: the server;</li>
 *   <li>{@code String} annotated {@link NatsUrl}, or {@link java.net.URI}: its client URL;</li>
 *   <li>{@code io.nats.client.Connection}: a client connected to it, closed after the test
 *       (after the class for a constructor parameter).</li>
 * </ul>
 *
 * <p>With {@code nodes} above 1 it runs an {@link io.jnatsd.embed.JnatsdCluster} instead,
 * whose full mesh has formed before the first test; then a {@code JnatsdCluster} parameter
 * receives the cluster, a {@link NatsUrl} {@code String} all the nodes' URLs joined by commas,
 * and a {@code Connection} is connected to the cluster (it may fail over between the nodes).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedNatsExtension.class)
public @interface EmbeddedNats {

    /** Turns JetStream on, with a temporary store removed when the server stops. */
    boolean jetStream() default false;

    /** A fresh server for each test instead of one for the class. */
    boolean perTest() default false;

    /** How many nodes: 1 (the default) for a single server, more for a cluster joined by routes. */
    int nodes() default 1;

    /** Conf text in the reference's format, read before the embedded defaults are overridden by the other elements. */
    String conf() default "";
}
