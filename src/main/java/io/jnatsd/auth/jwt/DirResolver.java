package io.jnatsd.auth.jwt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Twin of {@code DirAccResolver} ({@code resolver { type: full }}) and
 * {@code CacheDirAccResolver} ({@code type: cache}) in {@code server/accounts.go}: account JWTs
 * kept in a {@link DirJwtStore}. FULL keeps every JWT it is sent and deletes only on request;
 * CACHE keeps at most {@code limit} (LRU) for {@code ttl} each. An account the directory lacks
 * is asked of the other servers through a {@link RemoteLookup} that the system account's
 * module installs.
 *
 * <p>Design note: the system-account handlers ({@code $SYS.REQ.CLAIMS.*}) live with the
 * server's modules, not here, so that {@code auth.jwt} knows nothing of connections.
 *
 * <p>Thread-safe.
 */
public final class DirResolver implements AccountResolver {

    /** Longest wait between two expiry checks, as the reference's. */
    static final Duration EXPIRE_CHECK_MAX = Duration.ofMinutes(1);

    /** Fetches an account's JWT from other servers. */
    @FunctionalInterface
    public interface RemoteLookup {
        /**
         * @return the JWT, never null
         * @throws JwtException when none came within {@code timeout}
         */
        String lookup(String accountKey, Duration timeout);
    }

    /** Told of each stored JWT that changed or was deleted; runs on the thread that changed it. */
    public interface Listener {
        void onChanged(String accountKey);

        void onDeleted(String accountKey);
    }

    private final ResolverOptions options;
    private final DirJwtStore store;
    private volatile RemoteLookup remote;
    private ScheduledExecutorService expiry;

    /**
     * @throws JwtException when the directory cannot be made or read
     */
    DirResolver(ResolverOptions options) {
        this.options = options;
        boolean cache = options.type() == ResolverOptions.Type.CACHE;
        DirJwtStore.DeleteType deletes = cache ? DirJwtStore.DeleteType.HARD_DELETE
                : !options.allowDelete() ? DirJwtStore.DeleteType.NO_DELETE
                : options.hardDelete() ? DirJwtStore.DeleteType.HARD_DELETE : DirJwtStore.DeleteType.RENAME_DELETED;
        long limit = cache && options.limit() <= 0 ? ResolverOptions.CACHE_LIMIT_DEFAULT : options.limit();
        this.store = new DirJwtStore(Path.of(options.dir()), false, deletes, limit, cache,
                cache ? options.ttl() : Duration.ZERO);
    }

    /** Whether this is the CACHE resolver (else FULL). */
    public boolean cache() {
        return options.type() == ResolverOptions.Type.CACHE;
    }

    public ResolverOptions options() {
        return options;
    }

    /** The directory, absolute. */
    public Path directory() {
        return store.directory();
    }

    /** Whether {@code $SYS.REQ.CLAIMS.DELETE} may delete. */
    public boolean deletesAllowed() {
        return store.deleteType() != DirJwtStore.DeleteType.NO_DELETE;
    }

    /** Installs the lookup of JWTs this directory lacks. Thread-safe. */
    public void setRemoteLookup(RemoteLookup lookup) {
        this.remote = lookup;
    }

    /** Sets who is told of changed and deleted JWTs. Thread-safe. */
    public void setListener(Listener l) {
        store.setListener(l == null ? null : new DirJwtStore.Listener() {
            @Override
            public void onChanged(String publicKey) {
                l.onChanged(publicKey);
            }

            @Override
            public void onDeleted(String publicKey) {
                l.onDeleted(publicKey);
            }
        });
    }

    /** Starts the expiry checks (the reference's {@code startExpiring}). Idempotent. */
    public synchronized void start() {
        if (expiry != null) {
            return;
        }
        Duration ttl = options.ttl();
        Duration every = cache() && !ttl.isZero() ? ttl.dividedBy(2) : EXPIRE_CHECK_MAX;
        if (every.isZero() || every.compareTo(EXPIRE_CHECK_MAX) > 0) {
            every = EXPIRE_CHECK_MAX;
        }
        expiry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jnatsd-jwt-expiry");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, every.toMillis());
        expiry.scheduleWithFixedDelay(() -> store.expire(System.currentTimeMillis()), ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public String fetch(String accountKey) {
        String jwt = store.load(accountKey);
        if (jwt != null) {
            return jwt;
        }
        RemoteLookup r = remote;
        if (r == null) {
            throw new JwtException("account jwt not found");
        }
        String found = r.lookup(accountKey, options.fetchTimeout());
        store.saveIfNewer(accountKey, found);
        return found;
    }

    @Override
    public String fetchWithoutAsking(String accountKey) {
        String jwt = store.load(accountKey);
        if (jwt == null) {
            throw new JwtException("account jwt not found");
        }
        return jwt;
    }

    /** Whether a JWT this directory lacks is asked of other servers ({@link #setRemoteLookup} was called). */
    public boolean asksOthers() {
        return remote != null;
    }

    /** The stored JWT of {@code accountKey}, or null; never asks other servers. Thread-safe. */
    public String lookupLocal(String accountKey) {
        return store.load(accountKey);
    }

    @Override
    public void store(String accountKey, String jwt) {
        store.saveIfNewer(accountKey, jwt);
    }

    /**
     * Writes {@code jwt} whatever was stored (an update request), telling the listener when it
     * changed. Thread-safe.
     *
     * @throws JwtException when it cannot be written
     */
    public void save(String accountKey, String jwt) {
        store.save(accountKey, jwt);
    }

    /**
     * Deletes the JWT of {@code accountKey}, telling the listener. Thread-safe.
     *
     * @throws JwtException when deletes are off or the file cannot go
     */
    public void delete(String accountKey) {
        store.delete(accountKey);
    }

    /** The account keys stored. Thread-safe. */
    public List<String> accountKeys() {
        return store.keys();
    }

    /** {@code key|jwt} lines, {@code maxJwts} per call, for PACK. Thread-safe. */
    public void packWalk(int maxJwts, Consumer<String> consumer) {
        store.packWalk(maxJwts, consumer);
    }

    /** Takes the newer JWTs of another server's pack. Thread-safe. */
    public void merge(String pack) {
        store.merge(pack);
    }

    /** The store's hash (XOR of the JWTs' SHA-256). Thread-safe. */
    public byte[] hash() {
        return store.hash();
    }

    /** Removes the JWTs whose time is up now. Thread-safe. */
    public List<String> expireNow() {
        return store.expire(System.currentTimeMillis());
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public synchronized void close() {
        if (expiry != null) {
            expiry.shutdownNow();
            expiry = null;
        }
    }
}
