package io.jnatsd.jetstream.stream;

import java.io.IOException;
import java.util.List;

/**
 * How a stream snapshot takes and gives back the consumers of a stream, which live in the consumer room above this
 * one: that room installs its implementation with {@link JetStreamEngine#setConsumerSnapshots}.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface ConsumerSnapshots {

    /** No consumer room: snapshots carry no consumers and restores create none. */
    ConsumerSnapshots NONE = new ConsumerSnapshots() {
        @Override
        public List<Saved> save(Stream stream) {
            return List.of();
        }

        @Override
        public void restore(Stream stream, List<Saved> saved) {
        }
    };

    /**
     * One consumer as a snapshot holds it: its files in jnatsd's consumer format.
     *
     * @param name  the consumer name
     * @param meta  the {@code meta.inf} bytes (created, name, config)
     * @param state the {@code o.dat} bytes (delivered, ack floor, pending, redelivered)
     */
    record Saved(String name, byte[] meta, byte[] state) {
    }

    /**
     * @param stream a live stream
     * @return its consumers' config and current state
     */
    List<Saved> save(Stream stream);

    /**
     * Creates consumers on a restored stream with the saved config and state.
     *
     * @param stream the restored stream
     * @param saved  what {@link #save} gave
     * @throws IOException when a saved consumer cannot be read or created
     */
    void restore(Stream stream, List<Saved> saved) throws IOException;
}
