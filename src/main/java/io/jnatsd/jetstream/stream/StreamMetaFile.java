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
final class StreamMetaFile {
    static final String FILE_NAME = "stream.json";

    record Meta(StreamConfig config, long createdNanos) {
    }

    private StreamMetaFile() {
    }

    static void write(Path streamDir, StreamConfig config, long createdNanos) throws IOException {
        Files.createDirectories(streamDir);
        ObjectNode n = JsJson.object();
        n.set("config", JsJson.tree(config));
        n.put("created", GoTime.format(createdNanos));
        AtomicFiles.write(FileIo.DEFAULT, streamDir.resolve(FILE_NAME), JsJson.bytes(n));
    }

    static Meta read(Path streamDir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(streamDir.resolve(FILE_NAME));
        } catch (NoSuchFileException e) {
            return null;
        }
        ObjectNode n = JsJson.readTree(bytes);
        StreamConfig cfg = JsJson.MAPPER.treeToValue(n.get("config"), StreamConfig.class);
        long created = n.has("created") ? GoTime.parse(n.get("created").asText()) : 0;
        return new Meta(cfg, created);
    }
}
