/**
 * JetStream's entry: {@link io.jnatsd.jetstream.JetStreamModule} (a {@link io.jnatsd.server.ServerModule} that
 * starts the engine and the $JS.API router when {@code -js} is given) and
 * {@link io.jnatsd.jetstream.JetStreamExtension}, how the rooms above (consumers) plug in.
 */
package io.jnatsd.jetstream;
