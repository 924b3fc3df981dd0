package io.jnatsd.jetstream;

/**
 * A room that builds on JetStream (consumers, later KV helpers) and starts with it. Found with
 * {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/io.jnatsd.jetstream.JetStreamExtension}),
 * so that this package needs no import of the rooms above it.
 *
 * <p>{@link #start} runs once, after the stream API handlers are registered and before any account is enabled
 * (so before streams are recovered from disk); register your $JS.API handlers on {@link JetStreamModule#router()}
 * there, and follow accounts with {@code module.engine().addAccountListener(...)}.
 */
public interface JetStreamExtension {
    /** @param module the started JetStream */
    void start(JetStreamModule module);

    /** Stops what {@link #start} started; called before the streams close. Idempotent. */
    void stop();
}
