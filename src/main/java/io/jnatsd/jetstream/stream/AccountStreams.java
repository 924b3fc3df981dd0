package io.jnatsd.jetstream.stream;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountJetStream;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.store.DiscardPolicy;
import io.jnatsd.jetstream.store.FileStore;
import io.jnatsd.jetstream.store.FileStoreOptions;
import io.jnatsd.jetstream.store.StoreCompression;
import io.jnatsd.jetstream.store.MemStore;
import io.jnatsd.jetstream.store.StoreClock;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.store.StreamStoreConfig;
import io.jnatsd.server.InternalConnection;
import io.jnatsd.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twin of {@code jsAccount} in {@code server/jetstream.go} with {@code addStream}, {@code update} and
 * {@code delete} of {@code server/stream.go}: the streams of one account, looked up by name, and the checks that
 * span streams (name in use, subjects overlapping another stream).
 *
 * <p>Directory layout of a file stream: {@code <store>/<account>/streams/<stream>/stream.json} (config, written
 * atomically) and {@code .../msgs/} (the {@link FileStore}).
 *
 * <p>Threading: thread-safe; lookups are lock-free, changes hold this object's monitor.
 */
public final class AccountStreams {
    private static final Logger LOG = LoggerFactory.getLogger(AccountStreams.class);
    static final String STREAMS_DIR = "streams";
    static final String MSGS_DIR = "msgs";

    /**
     * @param stream  the stream
     * @param created true if this call created it, false if an identical one existed
     */
    public record CreateResult(Stream stream, boolean created) {
    }

    private final JetStreamEngine engine;
    private final Account account;
    private final InternalConnection client;
    private final Path dir;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private volatile AccountJetStream jetStream;

    AccountStreams(JetStreamEngine engine, Account account, InternalConnection client, Path dir,
                   AccountJetStream jetStream) {
        this.engine = engine;
        this.account = account;
        this.client = client;
        this.dir = dir;
        this.jetStream = jetStream;
    }

    /** @return the account's JetStream limits per tier; thread-safe */
    public AccountJetStream jetStream() {
        return jetStream;
    }

    /**
     * Takes new limits (the reference's {@code UpdateJetStreamLimits}); existing streams stay.
     *
     * @param limits the new limits, enabled
     */
    public void updateJetStream(AccountJetStream limits) {
        this.jetStream = limits;
    }

    /** @return the account; thread-safe */
    public Account account() {
        return account;
    }

    /** @return the account's JetStream internal client (replies and acks go out through it); thread-safe */
    public InternalConnection client() {
        return client;
    }

    /** @return the engine; thread-safe */
    public JetStreamEngine engine() {
        return engine;
    }

    /** @return the account's store directory; thread-safe */
    public Path dir() {
        return dir;
    }

    /**
     * @param name a stream name
     * @return the stream; thread-safe
     */
    public Optional<Stream> lookup(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(streams.get(name));
    }

    /**
     * @param name a stream name
     * @return the stream
     * @throws io.jnatsd.jetstream.errors.ApiException STREAM_NOT_FOUND
     */
    public Stream get(String name) {
        Stream s = name == null ? null : streams.get(name);
        if (s == null) {
            throw ApiError.STREAM_NOT_FOUND.toException();
        }
        return s;
    }

    /** @return the streams sorted by name; thread-safe */
    public List<Stream> streams() {
        List<Stream> list = new ArrayList<>(streams.values());
        list.sort(Comparator.comparing(Stream::name));
        return list;
    }

    /** @return number of streams; thread-safe */
    public int size() {
        return streams.size();
    }

    /**
     * Creates a stream, or returns the existing one when its config is identical.
     *
     * @param requested the config as asked
     * @return the stream and whether it was created
     * @throws io.jnatsd.jetstream.errors.ApiException with the reference's error
     */
    public synchronized CreateResult create(StreamConfig requested) {
        AccountLimitsCheck.checkCreate(this, requested);
        StreamConfig cfg = AssetVersioning.withStaticMetadata(StreamConfigCheck.normalize(requested));
        AccountLimitsCheck.checkStreamBytes(this, cfg);
        if (cfg.numReplicas() > 1) {
            throw ApiError.STREAM_REPLICAS_NOT_SUPPORTED.toException();
        }
        Stream existing = streams.get(cfg.name());
        if (existing != null) {
            if (existing.config().equals(AssetVersioning.withVersioningOf(cfg, existing.config()))) {
                return new CreateResult(existing, false);
            }
            throw ApiError.STREAM_NAME_EXIST.toException();
        }
        checkOverlap(cfg, null);
        long created = GoTime.nowNanos();
        StreamStore store = openStore(cfg);
        if (cfg.firstSeq() > 1) {
            store.compact(cfg.firstSeq());
        }
        return new CreateResult(register(cfg, store, created), true);
    }

    private Stream register(StreamConfig cfg, StreamStore store, long created) {
        if (!cfg.isMemory()) {
            writeMeta(cfg, created, store);
        }
        Stream s = new Stream(this, cfg, store, created);
        streams.put(cfg.name(), s);
        s.subscribeSubjects(client);
        attachFollowers();
        return s;
    }

    /**
     * The request-time checks of a restore (the reference's {@code checkStreamCfg} and
     * {@code jsNonClusteredStreamLimitsCheck} in {@code jsStreamRestoreRequest}).
     *
     * @param requested the config the restore asks for
     * @return the normalised config
     * @throws io.jnatsd.jetstream.errors.ApiException with the reference's error
     */
    public StreamConfig checkRestore(StreamConfig requested) {
        StreamConfig cfg = StreamConfigCheck.normalize(requested);
        AccountLimitsCheck.checkStreamBytes(this, cfg);
        AccountLimitsCheck.checkCreate(this, cfg);
        return cfg;
    }

    /**
     * Twin of the limit check of {@code RestoreStream} ({@code checkAllLimits} with the bytes restored so far).
     *
     * @param cfg           the normalised config
     * @param restoredBytes bytes of stream data read from the snapshot so far
     * @throws io.jnatsd.jetstream.errors.ApiException STORAGE_ or MEMORY_RESOURCES_EXCEEDED
     */
    public void checkRestoreBytes(StreamConfig cfg, long restoredBytes) {
        AccountLimitsCheck.checkRestoreBytes(this, cfg, restoredBytes);
    }

    /**
     * Twin of the stream part of {@code RestoreStream} in {@code server/stream.go}: creates a stream from a
     * snapshot, its store filled before the stream is listed or subscribed.
     *
     * @param requested    the config (the new identity of the stream)
     * @param createdNanos the creation time the snapshot carries, 0 for now
     * @param filler       fills the empty store
     * @return the stream
     * @throws io.jnatsd.jetstream.errors.ApiException STREAM_NAME_EXIST_RESTORE_FAILED or a config error
     * @throws IOException when the filler fails (nothing is left behind)
     */
    public synchronized Stream restore(StreamConfig requested, long createdNanos, StoreFiller filler)
        throws IOException {
        StreamConfig cfg = checkRestore(requested);
        if (cfg.numReplicas() > 1) {
            throw ApiError.STREAM_REPLICAS_NOT_SUPPORTED.toException();
        }
        if (streams.containsKey(cfg.name())) {
            throw ApiError.STREAM_NAME_EXIST_RESTORE_FAILED.toException();
        }
        checkOverlap(cfg, null);
        if (!cfg.isMemory()) {
            deleteTree(streamDir(cfg.name()));
        }
        StreamStore store = openStore(cfg);
        try {
            filler.fill(store);
        } catch (IOException | RuntimeException e) {
            store.close();
            if (!cfg.isMemory()) {
                deleteTree(streamDir(cfg.name()));
            }
            throw e;
        }
        return register(cfg, store, createdNanos > 0 ? createdNanos : GoTime.nowNanos());
    }

    /**
     * Updates a stream's config with the reference's rules on what may change.
     *
     * @param requested the new config
     * @return the stream
     */
    public synchronized Stream update(StreamConfig requested) {
        Stream s = get(requested.name());
        StreamConfig old = s.config();
        StreamConfig normalized = AssetVersioning.withStaticMetadata(StreamConfigCheck.normalize(requested));
        AccountLimitsCheck.checkStreamBytes(this, normalized);
        StreamConfig cfg = StreamUpdateCheck.check(old, normalized);
        AccountLimitsCheck.checkUpdate(this, old, cfg);
        checkOverlap(cfg, cfg.name());
        s.store().updateConfig(storeConfig(cfg));
        if (!cfg.isMemory()) {
            writeMeta(cfg, s.createdNanos(), s.store());
        }
        boolean resubscribe = !cfg.subjects().equals(old.subjects());
        s.setConfig(cfg);
        if (resubscribe) {
            s.subscribeSubjects(client);
        }
        return s;
    }

    /**
     * Deletes a stream and its files.
     *
     * @param name the stream name
     * @throws io.jnatsd.jetstream.errors.ApiException STREAM_NOT_FOUND
     */
    public synchronized void delete(String name) {
        Stream s = get(name);
        streams.remove(name);
        s.unsubscribeSubjects(client);
        s.closeForDelete();
        if (!s.config().isMemory()) {
            deleteTree(streamDir(name));
        }
    }

    /** @return bytes used by this account's memory streams; thread-safe */
    public long memoryBytesUsed() {
        return bytesUsed(true, "");
    }

    /** @return bytes used by this account's file streams; thread-safe */
    public long fileBytesUsed() {
        return bytesUsed(false, "");
    }

    /**
     * The reference's {@code jsa.usage[tier]}: bytes stored by the tier's streams of one storage kind.
     *
     * @param memory true for memory streams, false for file streams
     * @param tier   a tier name, {@code ""} for all streams
     * @return bytes; thread-safe
     */
    public long bytesUsed(boolean memory, String tier) {
        long used = 0;
        for (Stream s : streams.values()) {
            StreamConfig c = s.config();
            if (c.isMemory() == memory && (tier.isEmpty() || tier.equals(AccountJetStream.tierName(c.numReplicas())))) {
                used += s.store().bytesUsed();
            }
        }
        return used;
    }

    /**
     * The reference's {@code reservedStorage}: {@code max_bytes} of the tier's streams of one storage kind.
     *
     * @param memory true for memory streams, false for file streams
     * @param tier   a tier name, {@code ""} for all streams
     * @return bytes; thread-safe
     */
    public long bytesReserved(boolean memory, String tier) {
        long reserved = 0;
        for (Stream s : streams.values()) {
            StreamConfig c = s.config();
            if (c.isMemory() == memory && c.maxBytes() > 0
                && (tier.isEmpty() || tier.equals(AccountJetStream.tierName(c.numReplicas())))) {
                reserved += c.maxBytes();
            }
        }
        return reserved;
    }

    /** Reopens the file streams found on disk. Called once when the account is enabled. */
    synchronized void recover() {
        Path root = dir.resolve(STREAMS_DIR);
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                recoverOne(d);
            }
            attachFollowers();
        } catch (IOException e) {
            LOG.error("Cannot list streams of account {}: {}", account.name(), e.toString());
        }
    }

    private void recoverOne(Path streamDir) {
        try {
            StreamMetaFile.Meta meta = StreamMetaFile.read(streamDir);
            if (meta == null) {
                LOG.warn("Skipping stream directory without {}: {}", StreamMetaFile.FILE_NAME, streamDir);
                return;
            }
            StreamConfig cfg = meta.config();
            StreamStore store = openStore(cfg);
            if (cfg.allowAtomic()) {
                long trimmed = PartialBatchTrim.trim(store);
                if (trimmed > 0) {
                    LOG.warn("Stream '{} > {}': removed {} messages of an atomic batch that was not committed",
                        account.name(), cfg.name(), trimmed);
                }
            }
            Stream s = new Stream(this, cfg, store, meta.createdNanos());
            streams.put(cfg.name(), s);
            s.subscribeSubjects(client);
            LOG.info("  Restored {} messages for stream '{} > {}'", store.state().msgs(), account.name(),
                cfg.name());
        } catch (IOException | RuntimeException e) {
            LOG.error("Error recovering stream in {}: {}", streamDir, e.toString());
        }
    }

    private void attachFollowers() {
        for (Stream s : streams.values()) {
            s.attachFollowers();
        }
    }

    synchronized void shutdown() {
        for (Stream s : streams.values()) {
            s.unsubscribeSubjects(client);
            s.closeForShutdown();
        }
        streams.clear();
    }

    private void checkOverlap(StreamConfig cfg, String self) {
        for (Stream other : streams.values()) {
            if (other.name().equals(self)) {
                continue;
            }
            for (String a : other.config().subjects()) {
                for (String b : cfg.subjects()) {
                    if (Subjects.subjectsCollide(a, b)) {
                        throw ApiError.STREAM_SUBJECT_OVERLAP.toException();
                    }
                }
            }
        }
    }

    private StreamStore openStore(StreamConfig cfg) {
        StreamStoreConfig sc = storeConfig(cfg);
        if (cfg.isMemory()) {
            return new MemStore(sc);
        }
        FileStoreOptions fo = FileStoreOptions.defaults(streamDir(cfg.name()).resolve(MSGS_DIR))
            .withDurability(engine.settings().durability())
            .withCompression(StoreCompression.fromConfig(cfg.compression()));
        return FileStore.open(fo, sc, StoreClock.SYSTEM);
    }

    /**
     * @param cfg a stream config
     * @return the limits its store enforces
     */
    static StreamStoreConfig storeConfig(StreamConfig cfg) {
        return new StreamStoreConfig(cfg.name(), cfg.maxMsgs(), cfg.maxBytes(), cfg.maxAge(), cfg.maxMsgsPerSubject(),
            cfg.isDiscardNew() ? DiscardPolicy.NEW : DiscardPolicy.OLD, cfg.discardNewPerSubject(),
            cfg.subjectDeleteMarkerTtl() / 1_000_000_000L);
    }

    private Path streamDir(String name) {
        return dir.resolve(STREAMS_DIR).resolve(name);
    }

    private void writeMeta(StreamConfig cfg, long created, StreamStore store) {
        try {
            StreamMetaFile.write(streamDir(cfg.name()), cfg, created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete stream directory {}: {}", root, e.toString());
        }
    }
}
