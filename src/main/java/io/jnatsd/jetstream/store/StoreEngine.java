package io.jnatsd.jetstream.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The stream-store semantics shared by {@link MemStore} and {@code FileStore}: sequence bookkeeping, limits,
 * discard policies, purges, compaction, truncation, TTL and max-age expiry, and lookups. Twin of the logic of
 * {@code server/memstore.go}; the file store reuses it and only persists.
 *
 * <p>Design note: the reference writes this logic twice (memstore.go and filestore.go) and the two drift.
 * Here it is written once; a subclass supplies where the bytes live through the {@code persistXxx} hooks,
 * which run with the store lock held.
 *
 * <p>Threading: public methods are thread-safe (one {@link ReentrantLock}); listeners run after unlock.
 *
 * @param <E> the subclass's in-memory entry
 */
public abstract class StoreEngine<E extends MsgEntry> implements StreamStore {
    private record Event(long msgs, long bytes, long seq, String subject) { }

    private static final byte[] EMPTY = new byte[0];

    /** Guards all state below and the subclass's files. */
    protected final ReentrantLock lock = new ReentrantLock();
    /** The store's clock. */
    protected final StoreClock clock;
    /** Live entries by sequence. */
    protected final SeqTable<E> table;
    private final SubjectIndex<E> subjects;
    private final TtlIndex ttls = new TtlIndex();
    private final StoreLookups<E> lookups;
    private final List<Event> events = new ArrayList<>();
    private StreamStoreConfig config;
    private StorageUpdateListener listener;
    private long bytes;
    private long firstSeq;
    private long firstTimeNanos;
    private long lastSeq;
    private long lastTimeNanos;
    private int consumers;
    private boolean closed;

    /**
     * @param config the limits
     * @param clock  the time source
     */
    protected StoreEngine(StreamStoreConfig config, StoreClock clock) {
        this(config, clock, new SeqTable<>());
    }

    /**
     * @param config the limits
     * @param clock  the time source
     * @param table  the empty sequence table, with the subclass's page layout
     */
    StoreEngine(StreamStoreConfig config, StoreClock clock, SeqTable<E> table) {
        this.config = config;
        this.clock = clock;
        this.table = table;
        this.subjects = new SubjectIndex<>(table);
        this.lookups = new StoreLookups<>(table, subjects);
    }

    // ---- hooks ------------------------------------------------------------------------------------------

    /** Persists a new message and returns its entry. Lock held. */
    protected abstract E persistMsg(long seq, long timestampNanos, String subject, byte[] hdr, byte[] payload,
                                    long ttlSeconds);

    /** Reads the full message of a live entry. Lock held. */
    protected abstract StoredMsg readMsg(E entry);

    /**
     * Records that an entry was removed (erased when {@code secure}). Lock held.
     *
     * @param entry  the removed entry
     * @param secure true to erase its bytes
     * @param oldest true if it was the store's first live message (a removal by limits or age, from the front)
     */
    protected abstract void persistRemove(E entry, boolean secure, boolean oldest);

    /** Records that {@code count} sequences from {@code seq} were skipped at {@code timestampNanos}. Lock held. */
    protected abstract void persistSkip(long seq, long count, long timestampNanos);

    /** Records that every sequence below {@code floorSeq} is gone and last is {@code lastSeq}. Lock held. */
    protected abstract void persistCompact(long floorSeq, long lastSeq, long lastTimeNanos);

    /** Records that every sequence above {@code seq} is gone. Lock held. */
    protected abstract void persistTruncate(long seq, long lastTimeNanos);

    /** @return the accounted size of a message with these lengths */
    protected abstract long sizeOf(int subjectLen, int hdrLen, int payloadLen);

    /** Releases the subclass's resources. Lock held. */
    protected abstract void persistClose();

    // ---- locking ----------------------------------------------------------------------------------------

    /** Runs {@code op} under the lock and then tells the listener of what changed. */
    protected final <T> T locked(Supplier<T> op) {
        List<Event> fired;
        T result;
        lock.lock();
        try {
            result = op.get();
        } finally {
            fired = events.isEmpty() ? List.of() : List.copyOf(events);
            events.clear();
            lock.unlock();
        }
        StorageUpdateListener l = listener;
        if (l != null) {
            for (Event e : fired) {
                l.onUpdate(e.msgs, e.bytes, e.seq, e.subject);
            }
        }
        return result;
    }

    private void emit(long msgs, long bytesDelta, long seq, String subject) {
        if (listener != null) {
            events.add(new Event(msgs, bytesDelta, seq, subject));
        }
    }

    /** @throws StoreException CLOSED if stopped. Lock held. */
    protected final void checkOpen() {
        if (closed) {
            throw new StoreException(StoreError.CLOSED);
        }
    }

    // ---- recovery support -------------------------------------------------------------------------------

    /**
     * Installs a recovered entry without persisting it. Lock held, before the store is used.
     *
     * @param e an entry found valid on disk, in ascending sequence order
     */
    protected final void restoreEntry(E e) {
        if (table.size() == 0) {
            firstSeq = e.seq();
            firstTimeNanos = e.timestampNanos();
        }
        table.put(e.seq(), e);
        bytes += e.sizeBytes();
        subjects.add(e.subject(), e.seq());
        ttls.add(e);
        if (e.seq() > lastSeq) {
            lastSeq = e.seq();
            lastTimeNanos = e.timestampNanos();
        }
    }

    /**
     * Sets the recovered last sequence and time after all entries are restored. Lock held.
     *
     * @param seq     the last sequence handed out
     * @param tsNanos its time
     * @param pristine true if the store never moved its first sequence (no purge since a reset): an empty
     *                 pristine store reports first sequence 0, as a new one does
     */
    protected final void restoreLast(long seq, long tsNanos, boolean pristine) {
        if (seq >= lastSeq) {
            lastSeq = seq;
            lastTimeNanos = Math.max(lastTimeNanos, tsNanos);
        }
        if (table.size() == 0) {
            firstSeq = lastSeq == 0 && pristine ? 0 : lastSeq + 1;
            firstTimeNanos = 0;
        }
    }

    /** Replaces a live entry's location after the subclass moved its bytes. Lock held. */
    protected final void replaceEntry(E e) {
        table.put(e.seq(), e);
    }

    /** @return the last sequence. Lock held. */
    protected final long lastSeqLocked() {
        return lastSeq;
    }

    // ---- store ------------------------------------------------------------------------------------------

    @Override
    public long storeMsg(String subject, byte[] headers, byte[] payload, long ttlSeconds) {
        long seq;
        lock.lock();
        try {
            seq = lastSeq + 1;
            storeLocked(subject, headers, payload, seq, clock.nowNanos(), ttlSeconds, true);
        } finally {
            if (events.isEmpty()) {
                lock.unlock();
            } else {
                fireAfterUnlock();
            }
        }
        return seq;
    }

    /** Unlocks and tells the listener of the queued changes; the hot path's form of {@link #locked}. */
    private void fireAfterUnlock() {
        List<Event> fired = List.copyOf(events);
        events.clear();
        lock.unlock();
        StorageUpdateListener l = listener;
        if (l != null) {
            for (Event e : fired) {
                l.onUpdate(e.msgs, e.bytes, e.seq, e.subject);
            }
        }
    }

    @Override
    public void storeRawMsg(String subject, byte[] headers, byte[] payload, long seq, long timestampNanos,
                            long ttlSeconds) {
        locked(() -> {
            storeLocked(subject, headers, payload, seq, timestampNanos, ttlSeconds, false);
            return null;
        });
    }

    private void storeLocked(String subj, byte[] hdr, byte[] payload, long seq, long ts, long ttl,
                             boolean discardNewCheck) {
        checkOpen();
        if (subj == null || subj.isEmpty()) {
            throw new IllegalArgumentException("subject required");
        }
        byte[] h = hdr == null ? EMPTY : hdr;
        byte[] p = payload == null ? EMPTY : payload;
        SubjectIndex.Entry ss = subjects.peek(subj);
        String subject = ss == null ? subj : ss.subject;
        long maxp = config.maxMsgsPerSubject();
        boolean atSubjectLimit = maxp > 0 && ss != null && ss.msgs >= maxp;
        if (discardNewCheck && config.discard() == DiscardPolicy.NEW) {
            checkDiscardNew(subject, h, p, atSubjectLimit);
        }
        long next = lastSeq + 1;
        if (seq != next) {
            if (seq > 0) {
                throw new StoreException(StoreError.SEQUENCE_MISMATCH);
            }
            seq = next;
        }
        E e = persistMsg(seq, ts, subject, h, p, ttl);
        if (table.size() == 0) {
            firstSeq = seq;
            firstTimeNanos = ts;
        }
        table.put(seq, e);
        bytes += e.sizeBytes();
        lastSeq = seq;
        lastTimeNanos = ts;
        SubjectIndex.Entry after = subjects.add(ss, subject, seq);
        ttls.add(e);
        emit(1, e.sizeBytes(), seq, subject);
        if (maxp > 0 && after.msgs > maxp) {
            enforcePerSubjectLimit(subject);
        }
        enforceMsgAndByteLimits();
    }

    private void checkDiscardNew(String subject, byte[] h, byte[] p, boolean atSubjectLimit) {
        if (atSubjectLimit && config.discardNewPerSubject()) {
            throw new StoreException(StoreError.MAX_MSGS_PER_SUBJECT);
        }
        if (config.maxMsgs() > 0 && table.size() >= config.maxMsgs() && !atSubjectLimit) {
            throw new StoreException(StoreError.MAX_MSGS);
        }
        long size = sizeOf(subject.length(), h.length, p.length);
        if (config.maxBytes() > 0 && bytes + size > config.maxBytes()) {
            if (!atSubjectLimit) {
                throw new StoreException(StoreError.MAX_BYTES);
            }
            SubjectIndex.Entry ss = subjects.get(subject);
            E oldest = table.get(ss.first);
            if (oldest == null || oldest.sizeBytes() < size) {
                throw new StoreException(StoreError.MAX_BYTES);
            }
        }
    }

    private void enforcePerSubjectLimit(String subject) {
        long maxp = config.maxMsgsPerSubject();
        for (SubjectIndex.Entry ss = subjects.get(subject); ss != null && ss.msgs > maxp; ss = subjects.get(subject)) {
            if (removeLocked(ss.first, false, true) == null) {
                break;
            }
        }
    }

    private void enforceMsgAndByteLimits() {
        if (config.discard() != DiscardPolicy.OLD) {
            return;
        }
        while (config.maxMsgs() > 0 && table.size() > config.maxMsgs()) {
            if (removeLocked(firstSeq, false, true) == null) {
                break;
            }
        }
        while (config.maxBytes() > 0 && bytes > config.maxBytes()) {
            if (removeLocked(firstSeq, false, true) == null) {
                break;
            }
        }
    }

    // ---- skip -------------------------------------------------------------------------------------------

    @Override
    public long skipMsg(long seq) {
        return locked(() -> {
            long s = skipLocked(seq, 1);
            return s;
        });
    }

    @Override
    public void skipMsgs(long seq, long num) {
        locked(() -> skipLocked(seq, num));
    }

    private long skipLocked(long seq, long num) {
        checkOpen();
        if (num <= 0) {
            throw new IllegalArgumentException("num must be positive");
        }
        long next = lastSeq + 1;
        if (seq != next) {
            if (seq > 0) {
                throw new StoreException(StoreError.SEQUENCE_MISMATCH);
            }
            seq = next;
        }
        long now = clock.nowNanos();
        persistSkip(seq, num, now);
        lastSeq = seq + num - 1;
        if (lastTimeNanos == 0) {
            lastTimeNanos = now;
        }
        if (table.size() == 0) {
            firstSeq = lastSeq + 1;
            firstTimeNanos = 0;
        }
        return seq;
    }

    // ---- remove -----------------------------------------------------------------------------------------

    @Override
    public boolean removeMsg(long seq) {
        return locked(() -> {
            checkOpen();
            return removeLocked(seq, false, true) != null;
        });
    }

    @Override
    public boolean eraseMsg(long seq) {
        return locked(() -> {
            checkOpen();
            return removeLocked(seq, true, true) != null;
        });
    }

    /** Removes one live message; returns its entry or null. Lock held. */
    private E removeLocked(long seq, boolean secure, boolean notify) {
        E e = table.remove(seq);
        if (e == null) {
            return null;
        }
        bytes -= e.sizeBytes();
        boolean oldest = seq == firstSeq;
        if (oldest) {
            E next = table.ceiling(seq + 1);
            firstSeq = next == null ? lastSeq + 1 : next.seq();
            firstTimeNanos = next == null ? 0 : next.timestampNanos();
        }
        subjects.remove(e.subject(), seq);
        ttls.remove(e);
        persistRemove(e, secure, oldest);
        if (notify) {
            emit(-1, -e.sizeBytes(), seq, e.subject());
        }
        return e;
    }

    // ---- purge, compact, truncate -----------------------------------------------------------------------

    @Override
    public long purge() {
        return locked(() -> {
            checkOpen();
            return compactLocked(lastSeq + 1);
        });
    }

    @Override
    public long purgeEx(String subject, long seq, long keep) {
        return locked(() -> {
            checkOpen();
            return purgeExLocked(subject, seq, keep);
        });
    }

    private long purgeExLocked(String subject, long seq, long keep) {
        if (seq == 1) {
            return 0L;
        }
        SubjectFilter filter = SubjectFilter.of(subject);
        if (filter.matchesAll()) {
            if (keep == 0 && seq == 0) {
                return compactLocked(lastSeq + 1);
            }
            if (seq > 1) {
                return compactLocked(seq);
            }
        }
        SimpleState ss = filteredLocked(firstSeq, filter);
        if (ss.msgs() == 0) {
            return 0L;
        }
        long maxPurge = 0;
        if (keep > 0) {
            if (keep >= ss.msgs()) {
                return 0L;
            }
            maxPurge = ss.msgs() - keep;
        }
        long last = seq >= 1 ? Math.min(ss.last(), seq - 1) : ss.last();
        long purged = 0;
        long purgedBytes = 0;
        long lowSeq = 0;
        String lowSubject = "";
        for (E e = table.ceiling(ss.first()); e != null && e.seq() <= last; e = table.ceiling(e.seq() + 1)) {
            if (!filter.matches(e.subject())) {
                continue;
            }
            removeLocked(e.seq(), false, false);
            purged++;
            purgedBytes += e.sizeBytes();
            if (lowSeq == 0) {
                lowSeq = e.seq();
                lowSubject = e.subject();
            }
            if (maxPurge > 0 && purged >= maxPurge) {
                break;
            }
        }
        if (purged == 1) {
            emit(-1, -purgedBytes, lowSeq, lowSubject);
        } else if (purged > 1) {
            emit(-purged, -purgedBytes, 0, "");
        }
        return purged;
    }

    @Override
    public long compact(long seq) {
        return locked(() -> {
            checkOpen();
            return compactLocked(seq == 0 ? lastSeq + 1 : seq);
        });
    }

    /** Removes everything below {@code seq}; past the end, next sequence becomes {@code seq}. Lock held. */
    private long compactLocked(long seq) {
        if (firstSeq > seq) {
            return 0L;
        }
        long[] removed = new long[2];
        table.removeRange(0, seq - 1, e -> {
            removed[0]++;
            removed[1] += e.sizeBytes();
            subjects.remove(e.subject(), e.seq());
            ttls.remove(e);
        });
        bytes -= removed[1];
        if (seq > lastSeq) {
            lastSeq = seq - 1;
        }
        E next = table.ceiling(seq);
        firstSeq = next == null ? lastSeq + 1 : next.seq();
        firstTimeNanos = next == null ? 0 : next.timestampNanos();
        if (table.size() == 0) {
            subjects.clear();
            ttls.clear();
        }
        persistCompact(seq, lastSeq, lastTimeNanos);
        if (removed[0] > 0) {
            emit(-removed[0], -removed[1], 0, "");
        }
        return removed[0];
    }

    @Override
    public void truncate(long seq) {
        locked(() -> {
            checkOpen();
            truncateLocked(seq);
            return null;
        });
    }

    private void truncateLocked(long seq) {
        E at = table.get(seq);
        long newLastTime = at != null ? at.timestampNanos() : lastTimeNanos;
        if (seq == 0) {
            newLastTime = clock.nowNanos();
        }
        long[] removed = new long[2];
        table.removeRange(seq + 1, Long.MAX_VALUE - 1, e -> {
            removed[0]++;
            removed[1] += e.sizeBytes();
            subjects.remove(e.subject(), e.seq());
            ttls.remove(e);
        });
        bytes -= removed[1];
        lastSeq = seq;
        lastTimeNanos = newLastTime;
        if (table.size() == 0) {
            firstSeq = seq == 0 ? 0 : seq + 1;
            firstTimeNanos = 0;
        }
        persistTruncate(seq, newLastTime);
        if (removed[0] > 0) {
            emit(-removed[0], -removed[1], 0, "");
        }
    }

    // ---- expiry -----------------------------------------------------------------------------------------

    @Override
    public long expireMsgs() {
        return locked(() -> {
            checkOpen();
            return expireLocked(clock.nowNanos());
        });
    }

    private long expireLocked(long now) {
        long expired = 0;
        long maxAge = config.maxAgeNanos();
        if (maxAge > 0) {
            long cutoff = now - maxAge;
            for (E e = table.ceiling(firstSeq); e != null && e.timestampNanos() <= cutoff;
                 e = table.ceiling(e.seq() + 1)) {
                if (e.ttlSeconds() < 0) {
                    continue;
                }
                expireOne(e, now);
                expired++;
            }
        }
        for (long seq = ttls.firstDue(now); seq >= 0; seq = ttls.firstDue(now)) {
            expireOne(table.get(seq), now);
            expired++;
        }
        return expired;
    }

    /** Removes an expired message; if it was its subject's last and markers are on, stores a marker. */
    private void expireOne(E e, long now) {
        long markerTtl = config.subjectDeleteMarkerTtlSeconds();
        SubjectIndex.Entry ss = subjects.peek(e.subject());
        boolean last = ss != null && ss.msgs == 1;
        boolean marker = markerTtl > 0 && last && !SubjectDeleteMarker.isMarker(readMsg(e).headers());
        removeLocked(e.seq(), false, true);
        if (marker) {
            storeLocked(e.subject(), SubjectDeleteMarker.maxAgeHeaders(markerTtl), EMPTY, lastSeq + 1, now,
                markerTtl, false);
        }
    }

    @Override
    public long nextExpiryNanos() {
        return locked(() -> {
            long next = ttls.nextAtNanos();
            long maxAge = config.maxAgeNanos();
            if (maxAge > 0) {
                for (E e = table.ceiling(firstSeq); e != null; e = table.ceiling(e.seq() + 1)) {
                    if (e.ttlSeconds() >= 0) {
                        next = Math.min(next, e.timestampNanos() + maxAge);
                        break;
                    }
                }
            }
            return next;
        });
    }

    // ---- lookups ----------------------------------------------------------------------------------------

    @Override
    public StoredMsg loadMsg(long seq) {
        return locked(() -> {
            checkOpen();
            E e = table.get(seq);
            if (e == null) {
                throw new StoreException(seq <= lastSeq ? StoreError.MSG_NOT_FOUND : StoreError.EOF);
            }
            return readMsg(e);
        });
    }

    @Override
    public StoredMsg loadLastMsg(String filter) {
        return loadFound(() -> lookups.last(SubjectFilter.of(filter), lastSeq), StoreError.MSG_NOT_FOUND);
    }

    @Override
    public StoredMsg loadNextMsg(List<SubjectFilter> filters, long startSeq) {
        return loadFound(() -> lookups.next(filters, Math.max(startSeq, firstSeq), lastSeq), StoreError.EOF);
    }

    @Override
    public StoredMsg loadPrevMsg(List<SubjectFilter> filters, long startSeq) {
        return loadFound(() -> lookups.prev(filters, Math.min(startSeq, lastSeq), firstSeq), StoreError.EOF);
    }

    /** Under the lock: finds an entry and reads it, or fails with {@code notFound}. */
    private StoredMsg loadFound(java.util.function.Supplier<E> find, StoreError notFound) {
        return locked(() -> {
            checkOpen();
            E e = find.get();
            if (e == null) {
                throw new StoreException(notFound);
            }
            return readMsg(e);
        });
    }

    @Override
    public long seqFromTime(long timestampNanos) {
        return locked(() -> lookups.seqFromTime(timestampNanos, firstSeq, lastSeq));
    }

    @Override
    public String subjectForSeq(long seq) {
        return locked(() -> {
            E e = table.get(seq);
            if (e == null) {
                throw new StoreException(StoreError.MSG_NOT_FOUND);
            }
            return e.subject();
        });
    }

    @Override
    public List<Long> multiLastSeqs(List<SubjectFilter> filters, long maxSeq, int maxAllowed) {
        return locked(() -> lookups.lastSeqs(filters, maxSeq, maxAllowed, lastSeq));
    }

    @Override
    public long numPending(long startSeq, String filter, boolean lastPerSubject) {
        return locked(() -> lookups.numPending(Math.max(startSeq, firstSeq), SubjectFilter.of(filter), lastPerSubject,
            firstSeq, lastSeq));
    }

    @Override
    public SimpleState filteredState(long startSeq, String filter) {
        return locked(() -> filteredLocked(startSeq, SubjectFilter.of(filter)));
    }

    private SimpleState filteredLocked(long startSeq, SubjectFilter filter) {
        return lookups.filtered(startSeq, filter, firstSeq, lastSeq);
    }

    @Override
    public Map<String, Long> subjectsTotals(String filter) {
        return locked(() -> subjects.totals(SubjectFilter.of(filter)));
    }

    @Override
    public long bytesUsed() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public StreamState state() {
        return locked(() -> {
            // Every live sequence lies in [firstSeq, lastSeq]: the gaps are the rest of that range.
            long gaps = table.size() == 0 ? 0 : lastSeq - firstSeq + 1 - table.size();
            return new StreamState(table.size(), bytes, firstSeq, firstTimeNanos, lastSeq, lastTimeNanos,
                subjects.size(), (int) Math.min(Integer.MAX_VALUE, gaps), consumers);
        });
    }

    @Override
    public List<Long> deletedSeqs() {
        return locked(() -> {
            List<Long> deleted = new ArrayList<>();
            if (table.size() > 0) {
                long[] expect = {firstSeq};
                table.forEach(firstSeq, lastSeq, e -> {
                    for (long s = expect[0]; s < e.seq(); s++) {
                        deleted.add(s);
                    }
                    expect[0] = e.seq() + 1;
                });
                for (long s = expect[0]; s <= lastSeq; s++) {
                    deleted.add(s);
                }
            }
            return deleted;
        });
    }

    // ---- config and lifecycle ---------------------------------------------------------------------------

    @Override
    public void updateConfig(StreamStoreConfig newConfig) {
        locked(() -> {
            checkOpen();
            this.config = newConfig;
            long maxp = newConfig.maxMsgsPerSubject();
            if (maxp > 0) {
                List<String> over = new ArrayList<>();
                subjects.forEach((s, e) -> {
                    if (e.msgs > maxp) {
                        over.add(s);
                    }
                });
                over.forEach(this::enforcePerSubjectLimit);
            }
            enforceMsgAndByteLimits();
            return null;
        });
    }

    @Override
    public StreamStoreConfig config() {
        return locked(() -> config);
    }

    @Override
    public void setUpdateListener(StorageUpdateListener l) {
        locked(() -> {
            this.listener = l;
            return null;
        });
    }

    @Override
    public void adjustConsumerCount(int delta) {
        locked(() -> {
            consumers = Math.max(0, consumers + delta);
            return null;
        });
    }

    @Override
    public void close() {
        locked(() -> {
            if (!closed) {
                closed = true;
                persistClose();
            }
            return null;
        });
    }

    /** @return true once closed. Lock held or racy. */
    protected final boolean isClosed() {
        return closed;
    }
}
