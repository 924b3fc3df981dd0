package io.jnatsd.subject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Twin of `server/sublist.go`: the subscription index that answers "who is interested in this subject?".
 *
 * <p>Design note. Subscriptions live in a token trie ({@link SubjectTrie}); in front of it sits a bounded
 * cache from literal subject to an immutable {@link SublistResult}. The rules that keep the cache exact:
 * <ul>
 *   <li>A cache hit is one {@link ConcurrentHashMap#get} and takes no lock and allocates nothing.</li>
 *   <li>A miss walks the trie and stores its result while holding the <em>read</em> lock, so no insert or
 *       remove can run between the walk and the store: a filled entry is never older than the trie.</li>
 *   <li>Insert and remove hold the write lock while they change the trie, patch (insert) or evict (remove)
 *       every cached subject the changed subscription matches, and move {@link #generation()}; when they
 *       return, no cached result is stale. The reference fills its cache under the write lock; here misses on
 *       different subjects run in parallel.</li>
 *   <li>When the cache passes {@link #CACHE_MAX} entries, the thread whose miss pushed it over drops
 *       arbitrary entries until {@link #CACHE_SWEEP_TARGET} remain, as the reference's sweeper does.
 *       Dropping is always safe: it only causes misses.</li>
 * </ul>
 * Subjects that carry wildcard tokens or empty tokens are matched but never cached.
 *
 * <p>A value is one subscription, compared by identity. Inserting the same value twice under the same subject
 * and queue keeps one copy (the reference keeps a set); under two subjects it is two subscriptions and a
 * subject matched by both sees it twice, as in the reference. A queue member that implements
 * {@link QueueWeight} appears in its group as many times as its weight.
 *
 * <p>Thread-safe: every public method may be called from any thread.
 *
 * @param <T> the subscription type
 */
public final class Sublist<T> {

    /** The cache holds at most about this many subjects before it is swept (reference {@code slCacheMax}). */
    public static final int CACHE_MAX = 1024;
    /** A sweep drops entries until this many remain (reference {@code slCacheSweep}). */
    public static final int CACHE_SWEEP_TARGET = 256;
    /** Subjects under this prefix (JetStream ack replies, one per delivery) are never cached. */
    private static final String NOT_CACHED_PREFIX = "$JS.ACK.";
    /** A batch removal that drops more wildcard subjects than this empties the cache instead of scanning it. */
    static final int BATCH_EVICT_WILDCARDS_MAX = 32;

    /** Not reentrant: no method calls another public method while holding it. */
    private final StampedLock lock = new StampedLock();
    private final SubjectTrie trie = new SubjectTrie();
    /** Null when the cache is disabled. Filled under the read lock, patched under the write lock. */
    private final ConcurrentHashMap<String, SublistResult<T>> cache;
    /** Guarded by the write lock. */
    private final InterestNotifier notifier = new InterestNotifier();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** Hits and misses are counted apart so that a hit pays for one counter; matches are their sum. */
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();

    /** Written only under the write lock; volatile for lock-free readers. */
    private volatile long generation;
    private volatile int count;
    private volatile long inserts;
    private volatile long removes;

    /** A sublist with a match cache bounded by {@link #CACHE_MAX} (reference {@code NewSublistWithCache}). */
    public Sublist() {
        this(true);
    }

    private Sublist(boolean withCache) {
        this.cache = withCache ? new ConcurrentHashMap<>() : null;
    }

    /**
     * A sublist without a match cache (reference {@code NewSublistNoCache}), for accounts whose interest
     * changes faster than it is read. The returned sublist is thread-safe.
     */
    public static <T> Sublist<T> withoutCache() {
        return new Sublist<>(false);
    }

    /**
     * Adds the subscription {@code value} on {@code subject}, in queue group {@code queue} (null or empty for
     * a plain subscription). A (subject, queue, value) that is already present is left as is.
     *
     * <p>Thread-safe; serialised with other inserts and removes.
     *
     * @throws InvalidSubjectException if {@code subject} is not {@link Subjects#isValidSubject valid}
     */
    public void insert(String subject, String queue, T value) {
        Objects.requireNonNull(value, "value");
        if (!Subjects.isValidSubject(subject)) {
            throw new InvalidSubjectException(subject);
        }
        String group = normaliseQueue(queue);
        String[] tokens = tokenize(subject);
        long stamp = lock.writeLock();
        try {
            if (!trie.insert(tokens, group, value)) {
                return;
            }
            count++;
            inserts++;
            addToCache(subject, group, value);
            generation++;
            if (!notifier.isEmpty()) {
                notifier.inserted(subject, group);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Removes the subscription {@code value} (by identity) from {@code subject} and {@code queue}. Returns
     * false if it was not there, including when the subject is invalid.
     *
     * <p>Thread-safe; serialised with other inserts and removes.
     */
    public boolean remove(String subject, String queue, T value) {
        if (value == null || !Subjects.isValidSubject(subject)) {
            return false;
        }
        String group = normaliseQueue(queue);
        String[] tokens = tokenize(subject);
        long stamp = lock.writeLock();
        try {
            if (!trie.remove(tokens, group, value)) {
                return false;
            }
            count--;
            removes++;
            evictFromCache(subject);
            generation++;
            checkInterestGone(subject, group, tokens);
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * All subscriptions interested in the literal subject {@code literalSubject}: never null, possibly the
     * shared {@link SublistResult#empty()}. A subject with an empty token matches nothing. The result is
     * shared and immutable.
     *
     * <p>Thread-safe. Lock-free and allocation-free on a cache hit; a miss takes the read lock.
     */
    public SublistResult<T> match(String literalSubject) {
        ConcurrentHashMap<String, SublistResult<T>> c = cache;
        if (c != null) {
            SublistResult<T> cached = c.get(literalSubject);
            if (cached != null) {
                cacheHits.increment();
                return cached;
            }
        }
        return matchAndFill(literalSubject);
    }

    /**
     * Whether any subscription is interested in {@code literalSubject}. A miss fills the cache as {@link #match}
     * does, since a subject asked about is usually asked about again (a clustered consumer's deliver subject, per
     * message); a one-shot subject is walked only until the first interest instead.
     *
     * <p>Thread-safe. Lock-free on a cache hit; otherwise takes the read lock.
     */
    public boolean hasInterest(String literalSubject) {
        if (count == 0) {
            return false;
        }
        ConcurrentHashMap<String, SublistResult<T>> c = cache;
        if (c != null) {
            SublistResult<T> cached = c.get(literalSubject);
            if (cached != null) {
                return !cached.isEmpty();
            }
            if (!isOneShot(literalSubject)) {
                return !matchAndFill(literalSubject).isEmpty();
            }
        }
        String[] tokens = tokenize(literalSubject);
        if (tokens == null) {
            return false;
        }
        long stamp = lock.readLock();
        try {
            return trie.hasAny(tokens);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Registers {@code listener} to hear when exact interest in the literal {@code subject} and {@code queue}
     * (null for plain subscriptions) starts and stops (reference {@code RegisterNotification} and
     * {@code RegisterQueueNotification}). The listener is called at once with the current state, then on every
     * change; see {@link InterestListener} for what it may do. Returns false, without a call, if this listener is
     * already registered for that subject and queue.
     *
     * <p>Thread-safe; serialised with inserts and removes.
     *
     * @throws InvalidSubjectException if {@code subject} is not a {@link Subjects#isValidPublishSubject valid
     *                                 literal subject}
     */
    public boolean registerInterestListener(String subject, String queue, InterestListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!Subjects.isValidPublishSubject(subject)) {
            throw new InvalidSubjectException(subject);
        }
        String group = normaliseQueue(queue);
        String[] tokens = tokenize(subject);
        long stamp = lock.writeLock();
        try {
            return notifier.register(subject, group, listener, trie.hasExact(tokens, group));
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Stops telling {@code listener} about {@code subject} and {@code queue} (reference
     * {@code ClearNotification}). Returns false if it was not registered there.
     *
     * <p>Thread-safe; serialised with inserts and removes.
     */
    public boolean clearInterestListener(String subject, String queue, InterestListener listener) {
        long stamp = lock.writeLock();
        try {
            return notifier.clear(subject, normaliseQueue(queue), listener);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Rebuilds cached results for {@code subject} after the {@link QueueWeight} of a subscription on it changed
     * (reference {@code UpdateRemoteQSub}): evicts the cached subjects it matches and moves the generation.
     *
     * <p>Thread-safe; serialised with inserts and removes.
     */
    public void queueWeightChanged(String subject) {
        long stamp = lock.writeLock();
        try {
            evictFromCache(subject);
            generation++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * How many plain subscriptions and queue subscriptions (members, not groups) match {@code literalSubject}
     * (reference {@code NumInterest}). Counts exactly what {@link #match} would return, without building it.
     *
     * <p>Thread-safe. Lock-free on a cache hit; otherwise takes the read lock.
     */
    public Interest numInterest(String literalSubject) {
        ConcurrentHashMap<String, SublistResult<T>> c = cache;
        if (c != null) {
            SublistResult<T> cached = c.get(literalSubject);
            if (cached != null) {
                return Interest.of(cached);
            }
        }
        SubjectTokens tokens = SubjectTokens.of(literalSubject);
        if (tokens == null) {
            return Interest.NONE;
        }
        InterestCounter counter = new InterestCounter();
        long stamp = lock.readLock();
        try {
            trie.collect(tokens, counter);
        } finally {
            lock.unlockRead(stamp);
        }
        return new Interest(counter.plain, counter.queue);
    }

    /**
     * Every subscription whose subject collides with {@code subject}, which may carry wildcards: some literal
     * subject would reach both (reference {@code ReverseMatch}; used to test a wildcard subscription against a
     * permission list). So with subscriptions on {@code foo.bar}, {@code foo.baz} and {@code foo.bar.baz},
     * {@code reverseMatch("foo.*")} returns the first two. Not cached.
     *
     * <p>Thread-safe; takes the read lock.
     */
    public SublistResult<T> reverseMatch(String subject) {
        String[] tokens = tokenize(subject);
        if (tokens == null) {
            return SublistResult.empty();
        }
        ResultBuilder builder = new ResultBuilder();
        long stamp = lock.readLock();
        try {
            trie.collectColliding(tokens, builder);
        } finally {
            lock.unlockRead(stamp);
        }
        return builder.build();
    }

    /**
     * Removes many subscriptions at once (reference {@code RemoveBatch}), for a connection or route going
     * away: one write lock, one generation step, and one cache pass. Each value is removed from the subject
     * and queue that {@code subjectOf} and {@code queueOf} give for it. Returns how many were removed; values
     * that were not there are skipped.
     *
     * <p>Thread-safe; serialised with other inserts and removes.
     */
    public int removeBatch(Collection<? extends T> values, Function<? super T, String> subjectOf,
            Function<? super T, String> queueOf) {
        List<String> removedSubjects = new ArrayList<>();
        long stamp = lock.writeLock();
        try {
            for (T value : values) {
                if (value == null) {
                    continue;
                }
                String subject = subjectOf.apply(value);
                if (!Subjects.isValidSubject(subject)) {
                    continue;
                }
                String[] tokens = tokenize(subject);
                String group = normaliseQueue(queueOf.apply(value));
                if (trie.remove(tokens, group, value)) {
                    removedSubjects.add(subject);
                    checkInterestGone(subject, group, tokens);
                }
            }
            if (removedSubjects.isEmpty()) {
                return 0;
            }
            count -= removedSubjects.size();
            removes += removedSubjects.size();
            evictAllFromCache(removedSubjects);
            generation++;
            return removedSubjects.size();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * A number that moves on every insert and remove that changed something. A caller keeping its own
     * confined cache of match results reads the generation <em>before</em> calling {@link #match}, stores it
     * with the results, and drops them when the generation has moved.
     *
     * <p>Thread-safe; one volatile read.
     */
    public long generation() {
        return generation;
    }

    /** The number of subscriptions. Thread-safe; one volatile read. */
    public int count() {
        return count;
    }

    /** The number of cached subjects, 0 without a cache. Thread-safe. */
    public int cacheSize() {
        ConcurrentHashMap<String, SublistResult<T>> c = cache;
        return c == null ? 0 : c.size();
    }

    /** Whether this sublist has a match cache. Thread-safe. */
    public boolean cacheEnabled() {
        return cache != null;
    }

    /**
     * Calls {@code action} for every subscription (reference {@code All}); a value inserted under two subjects
     * is seen twice. The values are collected under the read lock and the action runs after it is released,
     * so the action may call back into this sublist.
     *
     * <p>Thread-safe; a snapshot as of the call.
     */
    @SuppressWarnings("unchecked")
    public void forEach(Consumer<T> action) {
        List<Object> values = new ArrayList<>();
        long stamp = lock.readLock();
        try {
            trie.forEachValue(values::add);
        } finally {
            lock.unlockRead(stamp);
        }
        for (Object value : values) {
            action.accept((T) value);
        }
    }

    /**
     * The reference's {@code SublistStats}: counts, cache hit rate and the fan-out of the cached results
     * (plain subscriptions plus queue groups). {@link #hasInterest} does not count as a match.
     *
     * <p>Thread-safe; the counters are read one by one, not as one atomic snapshot.
     */
    public Stats stats() {
        long hits = cacheHits.sum();
        long matchCount = hits + cacheMisses.sum();
        long totalFanout = 0;
        int maxFanout = 0;
        int samples = 0;
        ConcurrentHashMap<String, SublistResult<T>> c = cache;
        if (c != null) {
            for (SublistResult<T> result : c.values()) {
                int fanout = result.fanout();
                totalFanout += fanout;
                maxFanout = Math.max(maxFanout, fanout);
                samples++;
            }
        }
        return Stats.of(count, cacheSize(), inserts, removes, matchCount, hits, maxFanout, totalFanout, samples);
    }

    /** The depth of the trie, for tests of pruning (reference {@code numLevels}). */
    int numLevels() {
        long stamp = lock.readLock();
        try {
            return trie.numLevels();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private SublistResult<T> matchAndFill(String subject) {
        cacheMisses.increment();
        SubjectTokens tokens = SubjectTokens.of(subject);
        if (tokens == null) {
            return SublistResult.empty();
        }
        ConcurrentHashMap<String, SublistResult<T>> c = cache;
        boolean cacheable = c != null && !isOneShot(subject) && Subjects.isLiteral(subject);
        SublistResult<T> result;
        long stamp = lock.readLock();
        try {
            ResultBuilder builder = new ResultBuilder();
            trie.collect(tokens, builder);
            result = builder.build();
            if (cacheable) {
                c.put(subject, result);
            }
        } finally {
            lock.unlockRead(stamp);
        }
        if (cacheable && c.size() > CACHE_MAX) {
            sweep(c);
        }
        return result;
    }

    /**
     * Whether a subject is published to once and is not worth a cache entry: a JetStream ack reply
     * ({@code $JS.ACK.<stream>.<consumer>.<numbers>}) names one delivery, so caching its match would only push
     * useful entries out and make every ack pay for a put and, now and then, a sweep. Neither this sublist's cache
     * nor a connection's {@code SubjectMatchCache} keeps such matches.
     *
     * @param subject a subject
     * @return true if its match is not cached
     */
    public static boolean isOneShot(String subject) {
        return subject.startsWith(NOT_CACHED_PREFIX);
    }

    /** Drops arbitrary entries down to {@link #CACHE_SWEEP_TARGET}; one sweeper at a time. */
    private void sweep(ConcurrentHashMap<String, SublistResult<T>> c) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            int excess = c.size() - CACHE_SWEEP_TARGET;
            Iterator<String> keys = c.keySet().iterator();
            while (excess > 0 && keys.hasNext()) {
                keys.next();
                keys.remove();
                excess--;
            }
        } finally {
            sweeping.set(false);
        }
    }

    /** Caller holds the write lock. Adds the new subscription to every cached result its subject matches. */
    private void addToCache(String subject, String queue, T value) {
        ConcurrentHashMap<String, SublistResult<T>> c = cache;
        if (c == null) {
            return;
        }
        if (Subjects.isLiteral(subject)) {
            c.computeIfPresent(subject, (key, result) -> withValue(result, queue, value));
            return;
        }
        for (String key : c.keySet()) {
            if (Subjects.matchLiteral(key, subject)) {
                c.computeIfPresent(key, (k, result) -> withValue(result, queue, value));
            }
        }
    }

    /** Caller holds the write lock. Drops every cached result the removed subscription's subject matches. */
    private void evictFromCache(String subject) {
        ConcurrentHashMap<String, SublistResult<T>> c = cache;
        if (c == null) {
            return;
        }
        if (Subjects.isLiteral(subject)) {
            c.remove(subject);
            return;
        }
        c.keySet().removeIf(key -> Subjects.matchLiteral(key, subject));
    }

    /** Caller holds the write lock. Tells listeners when a removal took the last exact subscription. */
    private void checkInterestGone(String subject, String group, String[] tokens) {
        if (!notifier.isEmpty() && notifier.watchesInterest(subject, group) && !trie.hasExact(tokens, group)) {
            notifier.interestGone(subject, group);
        }
    }

    /**
     * Caller holds the write lock. Evicts what a batch of removed subjects touched; past
     * {@link #BATCH_EVICT_WILDCARDS_MAX} wildcard subjects it is cheaper to empty the cache, as the reference
     * always does for a batch.
     */
    private void evictAllFromCache(List<String> subjects) {
        ConcurrentHashMap<String, SublistResult<T>> c = cache;
        if (c == null) {
            return;
        }
        List<String> wildcards = new ArrayList<>();
        for (String subject : subjects) {
            if (Subjects.isLiteral(subject)) {
                c.remove(subject);
            } else {
                wildcards.add(subject);
            }
        }
        if (wildcards.size() > BATCH_EVICT_WILDCARDS_MAX) {
            c.clear();
        } else if (!wildcards.isEmpty()) {
            c.keySet().removeIf(key -> matchesAny(key, wildcards));
        }
    }

    private static boolean matchesAny(String literal, List<String> patterns) {
        for (String pattern : patterns) {
            if (Subjects.matchLiteral(literal, pattern)) {
                return true;
            }
        }
        return false;
    }

    private static <T> SublistResult<T> withValue(SublistResult<T> result, String queue, T value) {
        return queue == null ? result.withPlain(value) : result.withQueueMember(queue, value);
    }

    private static String normaliseQueue(String queue) {
        return queue == null || queue.isEmpty() ? null : queue;
    }

    /** Splits a subject at its dots, or returns null if it is empty or has an empty token. */
    static String[] tokenize(String subject) {
        int length = subject.length();
        if (length == 0) {
            return null;
        }
        String[] tokens = new String[Subjects.numTokens(subject)];
        int start = 0;
        for (int i = 0; i < tokens.length; i++) {
            int end = Subjects.tokenEnd(subject, start);
            if (end == start) {
                return null;
            }
            tokens[i] = subject.substring(start, end);
            start = end + 1;
        }
        return tokens;
    }

    /**
     * The answer of {@link #numInterest}.
     *
     * @param plain the number of plain subscriptions
     * @param queue the number of queue subscriptions, summed over all groups, each counted by its
     *              {@link QueueWeight}
     */
    public record Interest(int plain, int queue) {
        static final Interest NONE = new Interest(0, 0);

        static Interest of(SublistResult<?> result) {
            int queue = 0;
            for (int g = 0; g < result.queueGroupCount(); g++) {
                queue += result.queueMemberCount(g);
            }
            return new Interest(result.plainCount(), queue);
        }

        /** Whether anything matched. */
        public boolean any() {
            return plain > 0 || queue > 0;
        }
    }

    /** Counts the subscriptions of the visited nodes. */
    private static final class InterestCounter implements SubjectTrie.NodeSink {
        int plain;
        int queue;

        @Override
        public void addNode(SubjectTrie.Node node) {
            if (node.plain != null) {
                plain += node.plain.size();
            }
            if (node.queues != null) {
                for (IdentityBag bag : node.queues.values()) {
                    for (int i = 0; i < bag.size(); i++) {
                        queue += QueueWeight.of(bag.get(i));
                    }
                }
            }
        }
    }

    /**
     * Twin of {@code SublistStats}: the numbers /subsz and /varz show for a sublist. The last three
     * components are the raw sums behind the rates, so that stats of several sublists can be added with
     * {@link #plus}.
     *
     * @param numSubs      subscriptions
     * @param numCache     cached subjects
     * @param numInserts   inserts since creation
     * @param numRemoves   removes since creation
     * @param numMatches   matches since creation
     * @param cacheHitRate cache hits per match, 0 when there was no match
     * @param maxFanout    the largest fan-out among cached results
     * @param avgFanout    the mean fan-out of cached results
     * @param cacheHits    matches answered from the cache
     * @param totalFanout  the fan-out summed over cached results
     * @param fanoutSamples the number of cached results summed in {@code totalFanout}
     */
    public record Stats(int numSubs, int numCache, long numInserts, long numRemoves, long numMatches,
            double cacheHitRate, int maxFanout, double avgFanout,
            long cacheHits, long totalFanout, int fanoutSamples) {

        static Stats of(int numSubs, int numCache, long numInserts, long numRemoves, long numMatches,
                long cacheHits, int maxFanout, long totalFanout, int fanoutSamples) {
            double hitRate = numMatches > 0 ? (double) cacheHits / numMatches : 0.0;
            double avgFanout = fanoutSamples > 0 ? (double) totalFanout / fanoutSamples : 0.0;
            return new Stats(numSubs, numCache, numInserts, numRemoves, numMatches, hitRate, maxFanout,
                    avgFanout, cacheHits, totalFanout, fanoutSamples);
        }

        /** The stats of two sublists together (reference {@code SublistStats.add}). */
        public Stats plus(Stats other) {
            return of(numSubs + other.numSubs, numCache + other.numCache, numInserts + other.numInserts,
                    numRemoves + other.numRemoves, numMatches + other.numMatches, cacheHits + other.cacheHits,
                    Math.max(maxFanout, other.maxFanout), totalFanout + other.totalFanout,
                    fanoutSamples + other.fanoutSamples);
        }
    }
}
