package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.stream.AckSubject;
import io.jnatsd.jetstream.store.FileIo;
import io.jnatsd.jetstream.stream.MsgAppendListener;
import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.jetstream.stream.StreamConfig;
import io.jnatsd.jetstream.stream.StreamLifecycleListener;
import io.jnatsd.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twin of the consumer registry of {@code stream} in {@code server/stream.go} and of
 * {@code addConsumerWithAssignmentAndMode} in {@code server/consumer.go}: the consumers of one stream, their
 * creation and update under the reference's rules (create/update actions, work-queue exclusivity, max consumers),
 * deletion, recovery from {@code obs/} and the stream signals they follow.
 *
 * <p>Threading: thread-safe; creates, updates and deletes are serialised on this object.
 */
public final class StreamConsumers implements MsgAppendListener, StreamLifecycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamConsumers.class);
    /** Directory of consumer state under a stream's directory. */
    public static final String OBS_DIR = "obs";

    private final Stream stream;
    private final Path obsDir;
    private final StreamConsumerHost host;
    private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();
    private final java.util.function.Consumer<Consumer> onRemoved;
    /** The consumers that want to hear of appends; idle ones are left out, so a publish is O(waiting consumers). */
    private final Set<Consumer> wanting = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastAppended = new AtomicLong();

    /**
     * @param stream    the stream
     * @param executor  consumer workers' executor
     * @param scheduler consumer timers
     * @param onRemoved told when a consumer deletes itself (inactive ephemeral)
     */
    public StreamConsumers(Stream stream, Executor executor, ScheduledExecutorService scheduler,
                           java.util.function.Consumer<Consumer> onRemoved) {
        this.stream = stream;
        this.obsDir = stream.config().isMemory() ? null
            : stream.account().dir().resolve("streams").resolve(stream.name()).resolve(OBS_DIR);
        this.host = new StreamConsumerHost(stream, this, executor, scheduler);
        this.onRemoved = onRemoved;
    }

    /** @return the stream */
    public Stream stream() {
        return stream;
    }

    /**
     * @param name a consumer name
     * @return the consumer or null
     */
    public Consumer lookup(String name) {
        return name == null ? null : consumers.get(name);
    }

    /** @return the consumers sorted by name */
    public List<Consumer> list() {
        List<Consumer> l = new ArrayList<>(consumers.values());
        l.sort(Comparator.comparing(Consumer::name));
        return l;
    }

    /**
     * Twin of {@code addConsumerWithAction}.
     *
     * @param requested the config as asked (names already reconciled with the subject)
     * @param action    create, update or either
     * @return the consumer and whether it was created
     * @throws ConsumerException with the reference's error
     */
    public synchronized Map.Entry<Consumer, Boolean> createOrUpdate(ConsumerConfig requested, ConsumerAction action) {
        StreamConfig sc = stream.config();
        StreamFacts facts = StreamConsumerHost.facts(sc);
        io.jnatsd.account.JetStreamAccountLimits accLimits = AccountConsumerLimits.of(stream);
        ConsumerConfig cfg = ConsumerVersioning.withStaticMetadata(AccountConsumerLimits.withDefaults(requested,
            ConsumerConfigRules.withDefaults(requested, facts), facts, accLimits));
        ConsumerError err = ConsumerConfigRules.check(cfg, facts);
        err = err != null ? err : AccountConsumerLimits.check(cfg, accLimits);
        if (err != null) {
            throw new ConsumerException(err);
        }
        String cname = cfg.isDurable() ? cfg.durable() : emptyToNull(cfg.name());
        Consumer existing = lookup(cname);
        if (existing != null) {
            return Map.entry(update(existing, cfg, action, sc), false);
        }
        if (action == ConsumerAction.UPDATE) {
            throw new ConsumerException(ConsumerErrors.CONSUMER_DOES_NOT_EXIST);
        }
        int maxConsumers = AccountConsumerLimits.maxConsumers(sc.maxConsumers(), accLimits);
        if (maxConsumers > 0 && consumers.size() >= maxConsumers) {
            throw new ConsumerException(ConsumerErrors.MAXIMUM_CONSUMERS_LIMIT);
        }
        if (sc.isWorkQueue() && !cfg.direct()) {
            checkWorkQueue(cfg, cname);
        }
        String name = cname;
        if (cfg.isDurable() && cfg.durable().length() > ConsumerConfigRules.MAX_NAME_LENGTH) {
            throw new ConsumerException(ConsumerErrors.consumerNameTooLong(ConsumerConfigRules.MAX_NAME_LENGTH));
        }
        if (name == null) {
            do {
                name = AckSubject.accountHash(ConsumerAdvisories.newId());
            } while (consumers.containsKey(name));
        }
        if (!ConsumerConfigRules.isValidAssetName(name)) {
            throw new ConsumerException(ConsumerErrors.CONSUMER_BAD_DURABLE_NAME);
        }
        ConsumerConfig.Builder b = cfg.toBuilder();
        b.name = name;
        if (!cfg.isDurable() && cfg.inactiveThresholdNanos() == 0) {
            b.inactiveThresholdNanos = ConsumerConfigRules.EPHEMERAL_INACTIVE_DEFAULT_NANOS;
        }
        cfg = b.build();
        Consumer c = new Consumer(host, name, cfg, Instant.now(), stateFileFor(cfg, name));
        c.persistMeta();
        consumers.put(name, c);
        stream.registerConsumer(c);
        c.start(null);
        return Map.entry(c, true);
    }

    private Consumer update(Consumer existing, ConsumerConfig cfg, ConsumerAction action, StreamConfig sc) {
        ConsumerConfig old = existing.config();
        ConsumerConfig.Builder b = cfg.toBuilder();
        b.name = old.name();
        if (!cfg.isDurable() && cfg.inactiveThresholdNanos() == 0) {
            b.inactiveThresholdNanos = old.inactiveThresholdNanos();
        }
        ConsumerConfig merged = b.build();
        if (action == ConsumerAction.CREATE && !ConsumerVersioning.withVersioningOf(merged, old).equals(old)) {
            throw new ConsumerException(ConsumerErrors.CONSUMER_ALREADY_EXISTS);
        }
        if (sc.isWorkQueue() && !partitionUnique(existing.name(), merged.filters())) {
            throw new ConsumerException(ConsumerErrors.CONSUMER_WQ_CONSUMER_NOT_UNIQUE);
        }
        boolean interest = old.isPush() && host.hasInterest(old.deliverSubject());
        ConsumerError err = ConsumerConfigRules.checkUpdate(old, merged, interest);
        if (err != null) {
            throw new ConsumerException(err);
        }
        if (!merged.equals(old)) {
            existing.update(merged);
        }
        return existing;
    }

    private void checkWorkQueue(ConsumerConfig cfg, String name) {
        if (cfg.ackPolicy() != AckPolicy.EXPLICIT && cfg.ackPolicy() != AckPolicy.FLOW_CONTROL) {
            throw new ConsumerException(ConsumerErrors.CONSUMER_WQ_REQUIRES_EXPLICIT_ACK);
        }
        if (cfg.deliverPolicy() != DeliverPolicy.ALL) {
            throw new ConsumerException(ConsumerErrors.CONSUMER_WQ_CONSUMER_NOT_DELIVER_ALL);
        }
        if (!consumers.isEmpty()) {
            if (cfg.filters().isEmpty()) {
                throw new ConsumerException(ConsumerErrors.CONSUMER_WQ_MULTIPLE_UNFILTERED);
            }
            if (!partitionUnique(name, cfg.filters())) {
                throw new ConsumerException(ConsumerErrors.CONSUMER_WQ_CONSUMER_NOT_UNIQUE);
            }
        }
    }

    /** Twin of {@code partitionUnique}: no other consumer's filter overlaps these. */
    private boolean partitionUnique(String name, List<String> filters) {
        for (Consumer c : consumers.values()) {
            if (c.name().equals(name)) {
                continue;
            }
            List<String> theirs = c.config().filters();
            if (theirs.isEmpty()) {
                return false;
            }
            for (String mine : filters) {
                for (String other : theirs) {
                    if (Subjects.subjectIsSubsetMatch(mine, other) || Subjects.subjectIsSubsetMatch(other, mine)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Deletes a consumer and its state.
     *
     * @param name the consumer name
     * @return true if it existed
     */
    public synchronized boolean delete(String name) {
        Consumer c = consumers.remove(name);
        if (c == null) {
            return false;
        }
        c.stop(true);
        stream.unregisterConsumer(c);
        return true;
    }

    void removeStopped(Consumer c) {
        if (consumers.remove(c.name(), c)) {
            stream.unregisterConsumer(c);
            onRemoved.accept(c);
        }
    }

    /** Recovers the file consumers saved under the stream's {@code obs/} directory. */
    public synchronized void recover() {
        if (obsDir == null || !Files.isDirectory(obsDir)) {
            return;
        }
        try (var dirs = Files.list(obsDir)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                recoverOne(d);
            }
        } catch (IOException e) {
            LOG.warn("Cannot list consumers of stream '{}': {}", stream.name(), e.toString());
        }
    }

    private void recoverOne(Path dir) {
        ConsumerStateFile f = new ConsumerStateFile(FileIo.DEFAULT, dir);
        try {
            ConsumerMeta meta = f.readMeta();
            if (meta == null || meta.config() == null) {
                return;
            }
            ConsumerState state = f.readState();
            Consumer c = new Consumer(host, meta.name(), meta.config(), meta.created(), f);
            consumers.put(meta.name(), c);
            stream.registerConsumer(c);
            c.start(state);
            c.release();
        } catch (IOException | RuntimeException e) {
            LOG.error("Error recovering consumer in {}: {}", dir, e.toString());
        }
    }

    /**
     * Creates a consumer from a stream snapshot with its saved state; the restored stream has no consumer yet.
     *
     * @param meta  its config, name and creation time
     * @param state its saved state, or null
     * @throws IOException when its state cannot be written
     */
    public synchronized void restore(ConsumerMeta meta, ConsumerState state) throws IOException {
        if (meta.name() == null || meta.config() == null || consumers.containsKey(meta.name())) {
            throw new IOException("bad or duplicate consumer " + meta.name());
        }
        ConsumerStateFile f = stateFileFor(meta.config(), meta.name());
        Consumer c = new Consumer(host, meta.name(), meta.config(), meta.created(), f);
        if (f != null) {
            f.writeMeta(meta);
            if (state != null) {
                f.writeState(state);
            }
        }
        consumers.put(meta.name(), c);
        stream.registerConsumer(c);
        c.start(state);
        c.release();
    }

    private ConsumerStateFile stateFileFor(ConsumerConfig cfg, String name) {
        if (obsDir == null || cfg.memStorage()) {
            return null;
        }
        return new ConsumerStateFile(FileIo.DEFAULT, obsDir.resolve(name));
    }

    /** Stops every consumer keeping its state (server shutdown). */
    public synchronized void shutdown() {
        for (Consumer c : consumers.values()) {
            c.stop(false);
        }
    }

    @Override
    public void onAppended(Stream s, long seq, String subject) {
        lastAppended.accumulateAndGet(seq, Math::max);
        for (Consumer c : wanting) {
            c.onAppended(seq, subject);
        }
    }

    /** @return the highest sequence appended since this registry started; thread-safe */
    long lastAppendedSeq() {
        return lastAppended.get();
    }

    /** Thread-safe: see {@link ConsumerHost#wantsMessages}. */
    void wantsMessages(Consumer c, boolean wants) {
        if (wants) {
            wanting.add(c);
        } else {
            wanting.remove(c);
        }
    }

    @Override
    public void onPurged(Stream s, long purged, long newFirstSeq) {
        consumers.values().forEach(Consumer::onStreamChanged);
    }

    @Override
    public void onMsgDeleted(Stream s, long seq) {
        consumers.values().forEach(Consumer::onStreamChanged);
    }

    @Override
    public synchronized void onDeleted(Stream s) {
        for (Consumer c : consumers.values()) {
            c.stop(true);
        }
        consumers.clear();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
