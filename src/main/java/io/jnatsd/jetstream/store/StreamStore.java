package io.jnatsd.jetstream.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Twin of the {@code StreamStore} interface in {@code server/store.go}: what a stream needs from its storage.
 *
 * <p>Design note: one interface with a memory ({@link MemStore}) and a file ({@code FileStore})
 * implementation, both built on {@link StoreEngine} so that limits, purges and lookups behave the same;
 * one contract test runs against both. Durability is explicit: {@link #storeMsg} returns as soon as the
 * message is in the store, and {@link #awaitDurable} tells when it is on disk.
 *
 * <p>Threading: every method is thread-safe; a store serialises changes with one lock.
 * Errors are reported as {@link StoreException} with the reference's {@link StoreError}.
 */
public interface StreamStore extends AutoCloseable {

    /**
     * Stores a message under the next sequence, stamped with the store clock's time.
     *
     * @param subject    the subject, non-empty
     * @param headers    the header block, may be null or empty
     * @param payload    the payload, may be null or empty
     * @param ttlSeconds per-message TTL in seconds: 0 none, -1 never expire (even past max age)
     * @return the new sequence
     * @throws StoreException CLOSED, MAX_MSGS, MAX_BYTES, MAX_MSGS_PER_SUBJECT, MSG_TOO_LARGE or IO
     */
    long storeMsg(String subject, byte[] headers, byte[] payload, long ttlSeconds);

    /**
     * Stores a message at a given sequence and time (replication and restore path); no discard-new checks.
     *
     * @param subject        the subject
     * @param headers        the header block
     * @param payload        the payload
     * @param seq            the sequence, which must be last + 1 (0 means next)
     * @param timestampNanos the store time
     * @param ttlSeconds     per-message TTL in seconds
     * @throws StoreException SEQUENCE_MISMATCH, CLOSED or IO
     */
    void storeRawMsg(String subject, byte[] headers, byte[] payload, long seq, long timestampNanos, long ttlSeconds);

    /**
     * @param seq a sequence this store handed out
     * @return a future completed with {@code seq} once it (and all before it) is durable under the sync policy
     */
    CompletableFuture<Long> awaitDurable(long seq);

    /**
     * Stores a message and returns a future completed only when it is durable.
     *
     * @param subject    the subject
     * @param headers    the header block
     * @param payload    the payload
     * @param ttlSeconds per-message TTL in seconds
     * @return the future of the new sequence
     */
    default CompletableFuture<Long> storeMsgDurable(String subject, byte[] headers, byte[] payload, long ttlSeconds) {
        return awaitDurable(storeMsg(subject, headers, payload, ttlSeconds));
    }

    /**
     * Uses the next sequence without storing anything.
     *
     * @param seq the expected next sequence, or 0 for whatever is next
     * @return the skipped sequence
     */
    long skipMsg(long seq);

    /**
     * Uses {@code num} sequences starting at {@code seq} without storing anything.
     *
     * @param seq the expected next sequence, or 0
     * @param num how many
     */
    void skipMsgs(long seq, long num);

    /**
     * @param seq a sequence
     * @return the message
     * @throws StoreException MSG_NOT_FOUND when within range but gone, EOF when past the last sequence
     */
    StoredMsg loadMsg(long seq);

    /**
     * @param filter a subject filter, wildcards allowed; null or "" or "&gt;" for any
     * @return the last message matching it
     * @throws StoreException MSG_NOT_FOUND when none matches
     */
    StoredMsg loadLastMsg(String filter);

    /**
     * @param filter   a subject filter, wildcards allowed
     * @param startSeq first sequence to consider
     * @return the first matching message at or after {@code startSeq}
     * @throws StoreException EOF when none
     */
    default StoredMsg loadNextMsg(String filter, long startSeq) {
        return loadNextMsg(List.of(SubjectFilter.of(filter)), startSeq);
    }

    /**
     * @param filters  several filters; a message matching any of them qualifies
     * @param startSeq first sequence to consider
     * @return the first matching message at or after {@code startSeq}
     * @throws StoreException EOF when none
     */
    StoredMsg loadNextMsg(List<SubjectFilter> filters, long startSeq);

    /**
     * @param filters  several filters; a message matching any of them qualifies
     * @param startSeq last sequence to consider
     * @return the last matching message at or before {@code startSeq}; twin of {@code LoadPrevMsg}
     * @throws StoreException EOF when none
     */
    StoredMsg loadPrevMsg(List<SubjectFilter> filters, long startSeq);

    /**
     * @param timestampNanos a store time
     * @return the first live sequence stored at or after it, or last + 1; twin of {@code GetSeqFromTime}
     */
    long seqFromTime(long timestampNanos);

    /**
     * @param seq a sequence
     * @return its subject
     * @throws StoreException MSG_NOT_FOUND when not live
     */
    String subjectForSeq(long seq);

    /**
     * The last sequence of each subject matching the filters, ascending; twin of {@code MultiLastSeqs}.
     *
     * @param filters    subject filters
     * @param maxSeq     consider only sequences up to this one (0: all)
     * @param maxAllowed most results (0: no bound)
     * @return the sequences
     * @throws StoreException TOO_MANY_RESULTS past {@code maxAllowed}
     */
    List<Long> multiLastSeqs(List<SubjectFilter> filters, long maxSeq, int maxAllowed);

    /**
     * @param seq a sequence
     * @return true if it was live and is now removed
     */
    boolean removeMsg(long seq);

    /**
     * Removes a message and overwrites its stored bytes.
     *
     * @param seq a sequence
     * @return true if it was live and is now removed
     */
    boolean eraseMsg(long seq);

    /** @return the number of messages purged; the next sequence stays last + 1 */
    long purge();

    /**
     * Purges by subject, below a sequence, or keeping the newest N; twin of {@code PurgeEx}.
     *
     * @param subject filter, "" or "&gt;" for all
     * @param seq     purge only below this sequence (0: no bound)
     * @param keep    keep this many newest matching (0: keep none)
     * @return how many were purged
     */
    long purgeEx(String subject, long seq, long keep);

    /**
     * Removes every message below {@code seq}; past the end it resets so that the next sequence is {@code seq}.
     *
     * @param seq the new first sequence
     * @return how many were removed
     */
    long compact(long seq);

    /**
     * Removes every message above {@code seq}; {@code seq == 0} resets the store.
     *
     * @param seq the new last sequence
     */
    void truncate(long seq);

    /** @return the current state, in constant time */
    StreamState state();

    /** @return the interior gaps between the first and the last sequence, ascending; walks every live message */
    List<Long> deletedSeqs();

    /**
     * @return the bytes the store accounts for now ({@code state().bytes()} without building the state);
     *         thread-safe
     */
    default long bytesUsed() {
        return state().bytes();
    }

    /**
     * @param filter a subject filter
     * @return count, first and last of matching live messages at or after {@code startSeq}
     * @param startSeq first sequence to consider
     */
    SimpleState filteredState(long startSeq, String filter);

    /**
     * Twin of {@code NumPending}: what a consumer starting at {@code startSeq} has left to deliver.
     *
     * @param startSeq       first sequence to count
     * @param filter         subject filter
     * @param lastPerSubject count only the last message of each subject (deliver last per subject)
     * @return matching live messages at or after {@code startSeq}
     */
    long numPending(long startSeq, String filter, boolean lastPerSubject);

    /**
     * @param filter a subject filter
     * @return live message count per matching subject
     */
    Map<String, Long> subjectsTotals(String filter);

    /**
     * Removes messages past max age or their TTL by the store clock. The owner calls this when
     * {@link #nextExpiryNanos()} is due (the file store also runs it on open).
     *
     * @return how many messages expired
     */
    long expireMsgs();

    /** @return the store-clock time of the next due expiry, or {@link Long#MAX_VALUE} if none */
    long nextExpiryNanos();

    /**
     * Lets go of cached block contents nobody has read for a while (the reference's cache expiry), so that idle
     * streams hold no read memory. A store without a read cache does nothing.
     *
     * @param nowNanos monotonic time now ({@link System#nanoTime()})
     */
    default void releaseIdleCache(long nowNanos) {
    }

    /**
     * Applies new limits, enforcing them at once.
     *
     * @param config the new limits
     */
    void updateConfig(StreamStoreConfig config);

    /** @return the current limits */
    StreamStoreConfig config();

    /** @param listener told of every change, or null to stop */
    void setUpdateListener(StorageUpdateListener listener);

    /** @param delta +1 when a consumer is added, -1 when removed */
    void adjustConsumerCount(int delta);

    /** Stops the store: later calls fail with CLOSED; the file store flushes and syncs first. */
    @Override
    void close();
}
