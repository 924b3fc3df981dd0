package io.jnatsd.jetstream.snapshot;

import io.jnatsd.compress.S2FrameWriter;
import io.jnatsd.jetstream.store.RecordCodec;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamState;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.stream.ConsumerSnapshots;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.StreamConfig;
import io.jnatsd.jetstream.stream.StreamMetaFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Twin of the snapshot side of {@code server/filestore.go} ({@code Snapshot}, {@code streamSnapshot}) and of the
 * reference's newer logical snapshot ({@code CreateStreamSnapshotV2}): writes a stream as the archive of
 * {@link SnapshotLayout}, reading its messages through the {@link StreamStore} interface, so that file and memory
 * streams are saved alike.
 *
 * <p>Design note: messages are read one by one with {@code loadNextMsg} up to the last sequence of the state taken
 * when the snapshot started, not copied as block files: a live file store keeps appending and compacting its
 * blocks, and the records read this way are exactly the live messages of that state (a message removed meanwhile
 * is a gap, as a deleted one is).
 *
 * <p>Threading: stateless; the store is thread-safe.
 */
public final class StreamSnapshotWriter {

    private StreamSnapshotWriter() {
    }

    /**
     * @param config       the stream's config
     * @param createdNanos its creation time
     * @param store        its store
     * @param state        the state the snapshot is taken at
     * @param consumers    the consumers to include (empty for {@code no_consumers})
     * @param out          where the compressed archive goes (closed here)
     * @throws IOException on a write failure, or a store failure other than a message removed meanwhile
     */
    public static void write(StreamConfig config, long createdNanos, StreamStore store, StreamState state,
                             List<ConsumerSnapshots.Saved> consumers, OutputStream out) throws IOException {
        try (TarWriter tar = new TarWriter(S2FrameWriter.s2(out))) {
            tar.add(SnapshotLayout.MARKER, JsJson.bytes(JsJson.object().put("format", SnapshotLayout.FORMAT)
                .put("version", SnapshotLayout.VERSION)));
            tar.add(SnapshotLayout.STREAM, StreamMetaFile.encode(config, createdNanos));
            tar.add(SnapshotLayout.STATE, JsJson.bytes(JsJson.object().put("first_seq", state.firstSeq())
                .put("last_seq", state.lastSeq()).put("last_ts", state.lastTimeNanos())));
            writeMessages(tar, store, state);
            int i = 0;
            for (ConsumerSnapshots.Saved c : consumers) {
                tar.add(SnapshotLayout.OBS_PREFIX + i + SnapshotLayout.META_SUFFIX, c.meta());
                tar.add(SnapshotLayout.OBS_PREFIX + i + SnapshotLayout.STATE_SUFFIX, c.state());
                i++;
            }
        }
    }

    private static void writeMessages(TarWriter tar, StreamStore store, StreamState state) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        long blockFirst = 0;
        long seq = state.firstSeq();
        while (seq <= state.lastSeq() && state.msgs() > 0) {
            StoredMsg m;
            try {
                m = store.loadNextMsg(">", seq);
            } catch (StoreException e) {
                break;
            }
            if (m.seq() > state.lastSeq()) {
                break;
            }
            if (blockFirst == 0) {
                blockFirst = m.seq();
            }
            block.write(RecordCodec.encode(RecordCodec.TYPE_MSG, m.seq(), m.timestampNanos(), 0,
                m.subject().getBytes(StandardCharsets.UTF_8), m.headers(), m.payload()));
            if (block.size() >= SnapshotLayout.BLOCK_TARGET_BYTES) {
                tar.add(blockName(blockFirst), block.toByteArray());
                block.reset();
                blockFirst = 0;
            }
            seq = m.seq() + 1;
        }
        if (block.size() > 0) {
            tar.add(blockName(blockFirst), block.toByteArray());
        }
    }

    private static String blockName(long firstSeq) {
        return SnapshotLayout.MSGS_PREFIX + firstSeq + SnapshotLayout.BLOCK_SUFFIX;
    }
}
