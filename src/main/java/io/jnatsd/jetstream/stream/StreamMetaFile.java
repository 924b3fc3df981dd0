package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.store.AtomicFiles;
import io.jnatsd.jetstream.store.FileIo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Twin of the stream's {@code meta.inf} in {@code server/filestore.go}: the full stream config and creation time
 * of a file stream, {@code stream.json} in the stream's directory, written atomically (temp file, fsync, rename)
 * so that a crash leaves either the old or the new config, never none.
 *
 * <p>Threading: stateless.
 */
public final class StreamMetaFile {
    static final String FILE_NAME = "stream.json";

    /**
     * @param config       the stream's config
     * @param createdNanos its creation time, Unix nanos
     */
    public record Meta(StreamConfig config, long createdNanos) {
    }

    private StreamMetaFile() {
    }

    static void write(Path streamDir, StreamConfig config, long createdNanos) throws IOException {
        Files.createDirectories(streamDir);
        AtomicFiles.write(FileIo.DEFAULT, streamDir.resolve(FILE_NAME), encode(config, createdNanos));
    }

    /**
     * @param config       a config
     * @param createdNanos the creation time
     * @return the file's bytes (snapshots carry the same bytes)
     */
    public static byte[] encode(StreamConfig config, long createdNanos) {
        ObjectNode n = JsJson.object();
        n.set("config", JsJson.tree(config));
        n.put("created", GoTime.format(createdNanos));
        return JsJson.bytes(n);
    }

    /**
     * @param bytes what {@link #encode} wrote
     * @return the config and creation time
     * @throws IOException when the bytes are not such a file
     */
    public static Meta decode(byte[] bytes) throws IOException {
        if (!(JsJson.MAPPER.readTree(bytes) instanceof ObjectNode n) || n.get("config") == null) {
            throw new IOException("no stream config");
        }
        StreamConfig cfg = JsJson.MAPPER.treeToValue(n.get("config"), StreamConfig.class);
        long created = n.has("created") ? GoTime.parse(n.get("created").asText()) : 0;
        return new Meta(cfg, created);
    }

    static Meta read(Path streamDir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(streamDir.resolve(FILE_NAME));
        } catch (NoSuchFileException e) {
            return null;
        }
        return decode(bytes);
    }
}
