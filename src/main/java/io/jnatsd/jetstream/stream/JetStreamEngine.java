package io.jnatsd.jetstream.stream;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountJetStream;
import io.jnatsd.jetstream.store.DurabilityPolicy;
import io.jnatsd.server.LatencyHistogram;
import io.jnatsd.server.NatsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Twin of {@code jetStream} in {@code server/jetstream.go}: JetStream of one server, the per-account stream
 * registries ({@link AccountStreams}), the store root and the threads streams ingest on.
 *
 * <p>Threading: thread-safe.
 */
public final class JetStreamEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamEngine.class);

    /**
     * What JetStream runs with.
     *
     * @param storeDir       the {@code jetstream} directory holding one directory per account
     * @param domain         the JetStream domain, "" for none
     * @param durability     the file stores' sync policy
     * @param maxMemoryBytes memory storage limit of the server, -1 for the default
     * @param maxFileBytes   file storage limit of the server, -1 for the default
     */
    public record Settings(Path storeDir, String domain, DurabilityPolicy durability, long maxMemoryBytes,
                           long maxFileBytes) {
        /** Normalises nulls. */
        public Settings {
            domain = domain == null ? "" : domain;
            durability = durability == null ? DurabilityPolicy.groupCommit() : durability;
        }
    }

    private final NatsServer server;
    private final Settings settings;
    private final Map<String, AccountStreams> accounts = new ConcurrentHashMap<>();
    private final List<Consumer<AccountStreams>> accountListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService ingestExecutor;
    private final ScheduledExecutorService expiryTimer;
    private final LatencyHistogram storeWriteLatency = new LatencyHistogram();
    private final ServerLimitsCheck serverLimits = new ServerLimitsCheck(this);
    private volatile ConsumerSnapshots consumerSnapshots = ConsumerSnapshots.NONE;
    /** How often streams are checked for messages past their max age or TTL. */
    static final long EXPIRY_CHECK_MILLIS = 100;
    /** How often stores drop block contents nobody read for a while. */
    static final long CACHE_SWEEP_MILLIS = 1000;

    /**
     * @param server   the server
     * @param settings the settings
     */
    public JetStreamEngine(NatsServer server, Settings settings) {
        this.server = server;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.ingestExecutor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jnatsd-js-ingest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.expiryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jnatsd-js-expiry");
            t.setDaemon(true);
            return t;
        });
        expiryTimer.scheduleWithFixedDelay(this::expireDue, EXPIRY_CHECK_MILLIS, EXPIRY_CHECK_MILLIS,
            TimeUnit.MILLISECONDS);
        expiryTimer.scheduleWithFixedDelay(this::releaseIdleCaches, CACHE_SWEEP_MILLIS, CACHE_SWEEP_MILLIS,
            TimeUnit.MILLISECONDS);
    }

    /**
     * Runs each store's expiry when its next expiry is due (max age, Nats-TTL), and fires the message schedules
     * that are due. Expiry timer thread.
     */
    private void expireDue() {
        long now = GoTime.nowNanos();
        forEachStream("Expiry", s -> {
            if (!s.isClosed() && s.store().nextExpiryNanos() - now <= 0) {
                s.store().expireMsgs();
            }
            s.fireSchedules(now);
        });
    }

    /** Lets every store drop the read cache of blocks nobody read for a while. Expiry timer thread. */
    private void releaseIdleCaches() {
        long now = System.nanoTime();
        forEachStream("Cache sweep", s -> {
            if (!s.isClosed()) {
                s.store().releaseIdleCache(now);
            }
        });
    }

    /** Runs a timer task on every stream; one stream's failure is logged and does not stop the others. */
    private void forEachStream(String task, Consumer<Stream> action) {
        for (AccountStreams a : accounts.values()) {
            for (Stream s : a.streams()) {
                try {
                    action.accept(s);
                } catch (RuntimeException e) {
                    LOG.debug("{} of stream {} failed: {}", task, s.name(), e.toString());
                }
            }
        }
    }

    /** @return the settings; thread-safe */
    public Settings settings() {
        return settings;
    }

    /** @return the domain, "" for none; thread-safe */
    public String domain() {
        return settings.domain();
    }

    /** @return how long stores take to append one published message (for /metrics); thread-safe */
    public LatencyHistogram storeWriteLatency() {
        return storeWriteLatency;
    }

    /** @return the server; thread-safe */
    public NatsServer server() {
        return server;
    }

    /** @return the engine's timer thread, for short periodic checks that must not block */
    ScheduledExecutorService scheduler() {
        return expiryTimer;
    }

    ExecutorService ingestExecutor() {
        return ingestExecutor;
    }

    /** @param snapshots how stream snapshots save and restore consumers; thread-safe */
    public void setConsumerSnapshots(ConsumerSnapshots snapshots) {
        this.consumerSnapshots = snapshots;
    }

    /** @return how stream snapshots save and restore consumers; thread-safe */
    public ConsumerSnapshots consumerSnapshots() {
        return consumerSnapshots;
    }

    /**
     * @param l told of every account JetStream is enabled for, now and later; thread-safe
     */
    public void addAccountListener(Consumer<AccountStreams> l) {
        accountListeners.add(l);
        accounts.values().forEach(l);
    }

    /**
     * Enables JetStream for {@code account} if it is not yet, and returns its streams.
     *
     * @param account the account
     * @return its streams; thread-safe
     */
    public AccountStreams enable(Account account) {
        return enable(account, AccountJetStream.UNLIMITED);
    }

    /**
     * Enables JetStream for {@code account} with limits if it is not yet (else takes the limits), and returns its
     * streams: the reference's {@code Account.EnableJetStream}.
     *
     * @param account the account
     * @param limits  its limits, enabled
     * @return its streams; thread-safe
     */
    public AccountStreams enable(Account account, AccountJetStream limits) {
        AccountStreams[] created = new AccountStreams[1];
        AccountStreams a = accounts.computeIfAbsent(account.name(), name -> {
            created[0] = new AccountStreams(this, account, server.createInternalConnection(account),
                settings.storeDir().resolve(name), limits);
            return created[0];
        });
        if (created[0] == null) {
            a.updateJetStream(limits);
        }
        if (created[0] != null) {
            created[0].recover();
            accountListeners.forEach(l -> l.accept(created[0]));
        }
        return a;
    }

    /**
     * @param accountName an account name
     * @return its streams when JetStream is enabled for it; thread-safe
     */
    public Optional<AccountStreams> account(String accountName) {
        return Optional.ofNullable(accounts.get(accountName));
    }

    /** @return every enabled account's streams, by name; thread-safe */
    public List<AccountStreams> accounts() {
        List<AccountStreams> list = new ArrayList<>(accounts.values());
        list.sort(Comparator.comparing(a -> a.account().name()));
        return list;
    }

    /** @return the names of accounts that have a directory under the store root; thread-safe */
    public List<String> accountsOnDisk() {
        if (!Files.isDirectory(settings.storeDir())) {
            return List.of();
        }
        try (var dirs = Files.list(settings.storeDir())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list JetStream store directory {}: {}", settings.storeDir(), e.toString());
            return List.of();
        }
    }

    /** @return bytes used by memory streams of every account; thread-safe */
    public long memoryBytesUsed() {
        return bytesUsed(true);
    }

    /**
     * The reference's {@code memReserved}/{@code storeReserved}: {@code max_bytes} of every account's streams.
     *
     * @param memory true for memory streams, false for file streams
     * @return bytes; thread-safe
     */
    public long reservedBytes(boolean memory) {
        return accounts.values().stream().mapToLong(a -> a.bytesReserved(memory, "")).sum();
    }

    /**
     * The reference's {@code memUsed}/{@code storeUsed}, read from the stores rather than their states.
     *
     * @param memory true for memory streams, false for file streams
     * @return bytes stored by every account's streams of that kind; thread-safe
     */
    long bytesUsed(boolean memory) {
        long used = 0;
        for (AccountStreams a : accounts.values()) {
            used += a.bytesUsed(memory, "");
        }
        return used;
    }

    /** @return the server-wide storage check of publishes */
    ServerLimitsCheck serverLimits() {
        return serverLimits;
    }

    /** @return bytes used by file streams of every account; thread-safe */
    public long fileBytesUsed() {
        return bytesUsed(false);
    }

    /** Stops every stream (stores flushed and closed) and the ingest threads. Idempotent; thread-safe. */
    @Override
    public void close() {
        expiryTimer.shutdownNow();
        for (AccountStreams a : accounts.values()) {
            a.shutdown();
        }
        ingestExecutor.shutdown();
        try {
            ingestExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
