package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The stream's limits as the store last saw them, {@code limits.conf}, written atomically with
 * {@link AtomicFiles} so that a power cut never leaves a stream without its configuration (the reference's
 * unsynced {@code meta.inf} can vanish this way).
 *
 * <p>Threading: stateless; the store lock serialises writes.
 */
public final class StreamConfigFile {
    /** The file name inside the store directory. */
    public static final String FILE_NAME = "limits.conf";

    private StreamConfigFile() {
    }

    /**
     * @param io     the file operations
     * @param dir    the store directory
     * @param config the limits to save
     * @throws IOException if the atomic write fails
     */
    public static void write(FileIo io, Path dir, StreamStoreConfig config) throws IOException {
        Properties p = new Properties();
        p.setProperty("name", config.name());
        p.setProperty("max_msgs", Long.toString(config.maxMsgs()));
        p.setProperty("max_bytes", Long.toString(config.maxBytes()));
        p.setProperty("max_age_nanos", Long.toString(config.maxAgeNanos()));
        p.setProperty("max_msgs_per_subject", Long.toString(config.maxMsgsPerSubject()));
        p.setProperty("discard", config.discard().name());
        p.setProperty("discard_new_per_subject", Boolean.toString(config.discardNewPerSubject()));
        p.setProperty("subject_delete_marker_ttl_seconds", Long.toString(config.subjectDeleteMarkerTtlSeconds()));
        StringWriter w = new StringWriter();
        p.store(w, null);
        AtomicFiles.write(io, dir.resolve(FILE_NAME), w.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param dir the store directory
     * @return the saved limits, or empty if none were saved
     * @throws IOException if the file cannot be read
     */
    public static Optional<StreamStoreConfig> read(Path dir) throws IOException {
        String text;
        try {
            text = Files.readString(dir.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        return Optional.of(new StreamStoreConfig(p.getProperty("name"),
            Long.parseLong(p.getProperty("max_msgs", "0")), Long.parseLong(p.getProperty("max_bytes", "0")),
            Long.parseLong(p.getProperty("max_age_nanos", "0")),
            Long.parseLong(p.getProperty("max_msgs_per_subject", "0")),
            DiscardPolicy.valueOf(p.getProperty("discard", "OLD")),
            Boolean.parseBoolean(p.getProperty("discard_new_per_subject", "false")),
            Long.parseLong(p.getProperty("subject_delete_marker_ttl_seconds", "0"))));
    }
}
