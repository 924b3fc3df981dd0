package io.jnatsd.jetstream.store;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Twin of {@code server/memstore.go}: a stream store in memory.
 *
 * <p>Design note: all semantics live in {@link StoreEngine}; this class only keeps each message's bytes in its
 * entry. Nothing is durable, so {@link #awaitDurable} completes at once.
 *
 * <p>Threading: thread-safe, as {@link StoreEngine}.
 */
public final class MemStore extends StoreEngine<MemStore.Entry> {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A message held in memory; the arrays are private copies. */
    record Entry(long seq, String subject, long timestampNanos, long ttlSeconds, byte[] hdr, byte[] payload)
        implements MsgEntry {
        @Override
        public long sizeBytes() {
            return msgSize(subject.length(), hdr.length, payload.length);
        }
    }

    /**
     * @param config the limits
     * @param clock  the time source
     */
    public MemStore(StreamStoreConfig config, StoreClock clock) {
        super(config, clock);
    }

    /** @param config the limits, with the system clock */
    public MemStore(StreamStoreConfig config) {
        this(config, StoreClock.SYSTEM);
    }

    /**
     * The reference's memory-store message size ({@code memStoreMsgSizeRaw}).
     *
     * @param subjectLen subject length
     * @param hdrLen     header length
     * @param payloadLen payload length
     * @return accounted bytes
     */
    public static long msgSize(int subjectLen, int hdrLen, int payloadLen) {
        return subjectLen + hdrLen + payloadLen + 16L;
    }

    @Override
    protected Entry persistMsg(long seq, long ts, String subject, byte[] hdr, byte[] payload, long ttl) {
        return new Entry(seq, subject, ts, ttl, hdr.clone(), payload.clone());
    }

    @Override
    protected StoredMsg readMsg(Entry e) {
        return new StoredMsg(e.subject(), e.hdr().clone(), e.payload().clone(), e.seq(), e.timestampNanos());
    }

    @Override
    protected void persistRemove(Entry e, boolean secure, boolean oldest) {
        if (secure) {
            RANDOM.nextBytes(e.hdr());
            RANDOM.nextBytes(e.payload());
        }
    }

    @Override
    protected void persistSkip(long seq, long count, long ts) {
        // Nothing to persist in memory.
    }

    @Override
    protected void persistCompact(long floorSeq, long lastSeq, long lastTimeNanos) {
        // Nothing to persist in memory.
    }

    @Override
    protected void persistTruncate(long seq, long lastTimeNanos) {
        // Nothing to persist in memory.
    }

    @Override
    protected long sizeOf(int subjectLen, int hdrLen, int payloadLen) {
        return msgSize(subjectLen, hdrLen, payloadLen);
    }

    @Override
    protected void persistClose() {
        table.clear();
    }

    @Override
    public CompletableFuture<Long> awaitDurable(long seq) {
        return CompletableFuture.completedFuture(seq);
    }
}
