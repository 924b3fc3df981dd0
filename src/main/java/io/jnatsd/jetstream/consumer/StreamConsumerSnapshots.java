package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.stream.ConsumerSnapshots;
import io.jnatsd.jetstream.stream.Stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer room's part of stream snapshots (the consumer loop of {@code RestoreStream} in
 * {@code server/stream.go}): a consumer is saved as its {@code meta.inf} and {@code o.dat} bytes, taken from the
 * live consumer (not from its files, whose state writes are coalesced), and restored with that state.
 *
 * <p>Threading: thread-safe.
 */
final class StreamConsumerSnapshots implements ConsumerSnapshots {
    private final ConsumerRegistry registry;

    StreamConsumerSnapshots(ConsumerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<Saved> save(Stream stream) {
        List<Saved> out = new ArrayList<>();
        for (Consumer c : registry.of(stream).list()) {
            byte[] meta = ConsumerJson.write(new ConsumerMeta(c.created(), c.name(), c.config()));
            out.add(new Saved(c.name(), meta, ConsumerJson.write(c.snapshotState())));
        }
        return out;
    }

    @Override
    public void restore(Stream stream, List<Saved> saved) throws IOException {
        StreamConsumers consumers = registry.of(stream);
        for (Saved s : saved) {
            try {
                ConsumerMeta meta = ConsumerJson.read(s.meta(), ConsumerMeta.class);
                ConsumerState state = s.state().length == 0 ? null : ConsumerJson.read(s.state(), ConsumerState.class);
                consumers.restore(meta, state);
            } catch (IOException | RuntimeException e) {
                throw new IOException("error restoring consumer [\"" + s.name() + "\"]: " + e.getMessage(), e);
            }
        }
    }
}
