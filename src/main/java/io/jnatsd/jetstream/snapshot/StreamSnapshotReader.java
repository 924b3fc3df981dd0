package io.jnatsd.jetstream.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.compress.S2FrameReader;
import io.jnatsd.jetstream.store.RecordCodec;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.stream.ConsumerSnapshots;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.jetstream.stream.StreamConfig;
import io.jnatsd.jetstream.stream.StreamMetaFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Twin of the reading part of {@code RestoreStream} in {@code server/stream.go}: reads the archive of
 * {@link SnapshotLayout} in one pass, the header entries first ({@link #readHeader}), then the messages into a new
 * store ({@link #fill}), then the consumers ({@link #readConsumers}). Anything that is not such an archive (a
 * snapshot of the reference's store, corrupt chunks) fails with an {@link IOException} saying why.
 *
 * <p>Threading: not thread-safe; one reader per restore.
 */
public final class StreamSnapshotReader {
    /** Subject of the stand-in stored and removed at once when the range ends in a gap. */
    private static final String GAP_SUBJECT = "_jnatsd.restore.gap";
    private final TarReader tar;
    private TarReader.Entry current;

    /**
     * What the archive says of its stream.
     *
     * @param config       the config it was taken with
     * @param createdNanos the stream's creation time
     * @param firstSeq     first sequence of the range
     * @param lastSeq      last sequence of the range
     * @param lastTimeNanos time of the last sequence (of a message deleted since, if it is a gap)
     */
    public record Header(StreamConfig config, long createdNanos, long firstSeq, long lastSeq, long lastTimeNanos) {
    }

    /** @param archive the compressed archive (not closed here) */
    public StreamSnapshotReader(InputStream archive) {
        this.tar = new TarReader(new S2FrameReader(archive));
    }

    /**
     * @return the stream's config and sequence range
     * @throws IOException when this is not a jnatsd snapshot, or a version this server does not read
     */
    public Header readHeader() throws IOException {
        JsonNode marker;
        try {
            TarReader.Entry first = tar.next();
            if (first == null || !SnapshotLayout.MARKER.equals(first.name())) {
                throw new IOException("first entry is " + (first == null ? "missing" : "'" + first.name() + "'"));
            }
            marker = JsJson.MAPPER.readTree(tar.readAll());
        } catch (IOException e) {
            throw new IOException("not a jnatsd stream snapshot (snapshots of other servers' stores cannot be "
                + "restored): " + e.getMessage(), e);
        }
        if (marker == null || !SnapshotLayout.FORMAT.equals(marker.path("format").asText())) {
            throw new IOException("not a jnatsd stream snapshot: unknown format");
        }
        int version = marker.path("version").asInt();
        if (version != SnapshotLayout.VERSION) {
            throw new IOException("unsupported jnatsd snapshot version " + version);
        }
        StreamMetaFile.Meta meta = StreamMetaFile.decode(expect(SnapshotLayout.STREAM));
        JsonNode state = JsJson.MAPPER.readTree(expect(SnapshotLayout.STATE));
        if (state == null || !state.path("first_seq").canConvertToLong() || !state.path("last_seq").isNumber()) {
            throw new IOException("bad " + SnapshotLayout.STATE);
        }
        current = tar.next();
        return new Header(meta.config(), meta.createdNanos(), state.path("first_seq").asLong(),
            state.path("last_seq").asLong(), state.path("last_ts").asLong());
    }

    private byte[] expect(String name) throws IOException {
        TarReader.Entry e = tar.next();
        if (e == null || !name.equals(e.name())) {
            throw new IOException("expected entry " + name + ", found " + (e == null ? "the end" : e.name()));
        }
        return tar.readAll();
    }

    /**
     * Stores the archive's messages into an empty store at their sequences and times; the gaps between them, and
     * after the last one up to the range's end, become deleted sequences. A range that ends in a gap ends as the
     * original did: the last sequence is stored with its time and removed, so that the store's last sequence and
     * time are the original's.
     *
     * @param store   the new store
     * @param header  what {@link #readHeader} returned
     * @param config  the stream's config (for message TTLs)
     * @param onBytes told the running total of message bytes read, before they are stored (limit checks)
     * @throws IOException on a malformed block
     */
    public void fill(StreamStore store, Header header, StreamConfig config, LongConsumer onBytes) throws IOException {
        long last = header.lastSeq();
        long start = header.firstSeq() > last ? last : header.firstSeq();
        long next = 1;
        if (start > 1) {
            store.compact(start);
            next = start;
        }
        long total = 0;
        while (current != null && current.name().startsWith(SnapshotLayout.MSGS_PREFIX)) {
            total += current.size();
            onBytes.accept(total);
            ByteBuffer block = ByteBuffer.wrap(tar.readAll()).order(ByteOrder.BIG_ENDIAN);
            next = storeBlock(store, block, next, config);
            current = tar.next();
        }
        if (last >= next && last > 0) {
            if (last > next) {
                store.skipMsgs(next, last - next);
            }
            store.storeRawMsg(GAP_SUBJECT, null, null, last, header.lastTimeNanos(), 0);
            store.removeMsg(last);
        }
    }

    private static long storeBlock(StreamStore store, ByteBuffer block, long next, StreamConfig config)
        throws IOException {
        int pos = 0;
        long expected = next;
        while (pos < block.limit()) {
            int len = RecordCodec.validate(block, pos);
            if (len < 0 || RecordCodec.type(block, pos) != RecordCodec.TYPE_MSG) {
                throw new IOException("bad message record at offset " + pos);
            }
            StoredMsg m = RecordCodec.decodeMsg(block, pos);
            if (m.seq() < expected) {
                throw new IOException("message sequence " + m.seq() + " out of order");
            }
            if (m.seq() > expected) {
                store.skipMsgs(expected, m.seq() - expected);
            }
            store.storeRawMsg(m.subject(), m.headers(), m.payload(), m.seq(), m.timestampNanos(),
                Stream.storedTtlSeconds(config, m.headers()));
            expected = m.seq() + 1;
            pos += len;
        }
        return expected;
    }

    /**
     * @return the consumers the archive holds
     * @throws IOException on a malformed entry
     */
    public List<ConsumerSnapshots.Saved> readConsumers() throws IOException {
        List<ConsumerSnapshots.Saved> out = new ArrayList<>();
        while (current != null) {
            String name = current.name();
            if (!name.startsWith(SnapshotLayout.OBS_PREFIX) || !name.endsWith(SnapshotLayout.META_SUFFIX)) {
                throw new IOException("unexpected entry " + name);
            }
            byte[] meta = tar.readAll();
            String stateName = name.substring(0, name.length() - SnapshotLayout.META_SUFFIX.length())
                + SnapshotLayout.STATE_SUFFIX;
            byte[] state = expect(stateName);
            JsonNode m = JsJson.MAPPER.readTree(meta);
            String consumer = m == null ? "" : m.path("name").asText("");
            if (consumer.isEmpty()) {
                throw new IOException("consumer entry " + name + " has no name");
            }
            out.add(new ConsumerSnapshots.Saved(consumer, meta, state));
            current = tar.next();
        }
        return out;
    }
}
