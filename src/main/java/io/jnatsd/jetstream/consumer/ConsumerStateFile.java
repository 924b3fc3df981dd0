package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.store.AtomicFiles;
import io.jnatsd.jetstream.store.FileIo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Twin of the consumer part of {@code server/filestore.go} ({@code obs/<consumer>/meta.inf} and {@code o.dat}):
 * a file consumer's directory with its config and its state.
 *
 * <pre>
 * &lt;stream dir&gt;/obs/&lt;consumer&gt;/meta.inf   JSON {"created": time, "config": ConsumerConfig}
 * &lt;stream dir&gt;/obs/&lt;consumer&gt;/o.dat      JSON ConsumerState
 * </pre>
 *
 * <p>Design note: both files are replaced whole through {@link AtomicFiles} (temp file, fsync, rename, fsync of
 * the directory), so a crash leaves the previous or the new state, never a torn one. The state is JSON, not the
 * reference's varint encoding: jnatsd does not read Go consumer directories.
 *
 * <p>Threading: {@link #writeStateIfNewer} is thread-safe; other writes are serialised by their callers.
 */
public final class ConsumerStateFile {

    /** Config file name. */
    public static final String META = "meta.inf";
    /** State file name. */
    public static final String STATE = "o.dat";

    private final FileIo io;
    private final Path dir;
    private long writtenGeneration;

    /**
     * @param io  file operations
     * @param dir the consumer's directory (created on first write)
     */
    public ConsumerStateFile(FileIo io, Path dir) {
        this.io = io;
        this.dir = dir;
    }

    /** @return the consumer's directory */
    public Path dir() {
        return dir;
    }

    /**
     * @param meta the config and creation time
     * @throws IOException on failure
     */
    public void writeMeta(ConsumerMeta meta) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(io, dir.resolve(META), ConsumerJson.write(meta));
    }

    /**
     * @param state the state
     * @throws IOException on failure
     */
    public void writeState(ConsumerState state) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(io, dir.resolve(STATE), ConsumerJson.write(state));
    }

    /**
     * Writes a snapshot unless a later one (higher generation) was written already: writers that took their
     * snapshots in one order may reach the disk in the other.
     *
     * @param state      the state
     * @param generation the snapshot's generation, rising with each snapshot taken
     * @return true if written
     * @throws IOException on failure
     */
    public synchronized boolean writeStateIfNewer(ConsumerState state, long generation) throws IOException {
        if (generation <= writtenGeneration) {
            return false;
        }
        writeState(state);
        writtenGeneration = generation;
        return true;
    }

    /**
     * {@link #writeStateIfNewer(ConsumerState, long)} for a state taken as an image (the consumer's periodic write).
     *
     * @param image      the state
     * @param generation the snapshot's generation, rising with each snapshot taken
     * @return true if written
     * @throws IOException on failure
     */
    synchronized boolean writeStateIfNewer(ConsumerStateImage image, long generation) throws IOException {
        if (generation <= writtenGeneration) {
            return false;
        }
        Files.createDirectories(dir);
        AtomicFiles.write(io, dir.resolve(STATE), image.toJson());
        writtenGeneration = generation;
        return true;
    }

    /**
     * @return the config, or null when there is none
     * @throws IOException when it cannot be read
     */
    public ConsumerMeta readMeta() throws IOException {
        try {
            return ConsumerJson.read(Files.readAllBytes(dir.resolve(META)), ConsumerMeta.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * @return the state, or null when there is none
     * @throws IOException when it cannot be read
     */
    public ConsumerState readState() throws IOException {
        try {
            return ConsumerJson.read(Files.readAllBytes(dir.resolve(STATE)), ConsumerState.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Removes the directory and its files; later {@link #writeStateIfNewer} calls write nothing.
     *
     * @throws IOException on failure
     */
    public synchronized void delete() throws IOException {
        writtenGeneration = Long.MAX_VALUE;
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
