package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.errors.ApiError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Twin of the staging half of {@code processJetStreamAtomicBatchMsg} in {@code server/stream.go} and of
 * {@code atomicBatch} in {@code server/jetstream_batching.go}: the atomic batches of one stream that are still being
 * published. Messages of a batch ({@code Nats-Batch-Id}, {@code Nats-Batch-Sequence} from 1 without gaps) are held
 * here until the one with {@code Nats-Batch-Commit}, which hands the whole batch to the stream to check and store
 * together. A batch idle for {@link #TIMEOUT_NANOS} is abandoned: its next message finds it gone.
 *
 * <p>Staged messages live in memory; a server that stops before the commit loses the batch, which was never
 * acknowledged. The limits are the reference's defaults.
 *
 * <p>Threading: thread-safe (the stream's ingest drains use it one at a time; {@link #clear} comes from the thread
 * that stops the stream).
 */
final class AtomicBatches {
    /** Longest batch id. */
    static final int MAX_ID_LENGTH = 64;
    /** Most messages in one batch. */
    static final int MAX_BATCH_SIZE = 1000;
    /** Most batches in flight on one stream. */
    static final int MAX_INFLIGHT_PER_STREAM = 50;
    /** Most batches in flight on the server. */
    static final int MAX_INFLIGHT_TOTAL = 1000;
    /** A batch with no message for this long is abandoned. */
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final AtomicInteger INFLIGHT_TOTAL = new AtomicInteger();

    /**
     * One message of a batch.
     *
     * @param subject its subject
     * @param reply   its reply subject
     * @param headers its headers
     * @param payload its payload
     */
    record Staged(String subject, String reply, byte[] headers, byte[] payload) {
    }

    /**
     * What a batch message leads to.
     *
     * @param commit the whole batch to store now, or null when the message was only staged
     */
    record Outcome(List<Staged> commit) {
        boolean staged() {
            return commit == null;
        }
    }

    private static final class Batch {
        final List<Staged> msgs = new ArrayList<>();
        long lastActivityNanos;
    }

    private final Map<String, Batch> batches = new HashMap<>();

    /**
     * Takes one message of an atomic batch.
     *
     * @param cfg      the stream's config
     * @param h        the message's JetStream headers, with a batch id
     * @param m        the message
     * @param nowNanos a monotonic clock reading
     * @return whether the message was staged, or the whole batch to commit
     * @throws io.jnatsd.jetstream.errors.ApiException the reference's error; the batch is dropped where it does
     */
    synchronized Outcome accept(StreamConfig cfg, JsHeaders h, Staged m, long nowNanos) {
        if (!cfg.allowAtomic()) {
            throw ApiError.ATOMIC_PUBLISH_DISABLED.toException();
        }
        String id = h.batchId();
        if (id.length() > MAX_ID_LENGTH) {
            throw ApiError.ATOMIC_PUBLISH_INVALID_BATCH_ID.toException();
        }
        long seq = sequence(h.batchSeq());
        if (seq <= 0) {
            throw ApiError.ATOMIC_PUBLISH_MISSING_SEQ.toException();
        }
        String commitMark = h.batchCommit();
        boolean commit = commitMark != null;
        boolean endMarker = "eob".equals(commitMark);
        boolean commitInvalid = commit && !endMarker && !"1".equals(commitMark);
        long size = endMarker ? seq - 1 : seq;
        Batch b = batches.get(id);
        if (b == null) {
            if (seq != 1) {
                throw size > MAX_BATCH_SIZE ? ApiError.ATOMIC_PUBLISH_TOO_LARGE_BATCH.toException(MAX_BATCH_SIZE)
                    : ApiError.ATOMIC_PUBLISH_INCOMPLETE_BATCH.toException();
            }
            b = start(id, nowNanos);
        }
        boolean expired = nowNanos - b.lastActivityNanos > TIMEOUT_NANOS;
        b.lastActivityNanos = nowNanos;
        if (commitInvalid) {
            drop(id);
            throw ApiError.ATOMIC_PUBLISH_INVALID_BATCH_COMMIT.toException();
        }
        if (expired || seq != b.msgs.size() + 1 || (seq == 1 && endMarker)) {
            drop(id);
            throw ApiError.ATOMIC_PUBLISH_INCOMPLETE_BATCH.toException();
        }
        if (size > MAX_BATCH_SIZE) {
            drop(id);
            throw ApiError.ATOMIC_PUBLISH_TOO_LARGE_BATCH.toException(MAX_BATCH_SIZE);
        }
        if (!commit) {
            b.msgs.add(m);
            return new Outcome(null);
        }
        drop(id);
        List<Staged> all = new ArrayList<>(b.msgs);
        if (endMarker) {
            Staged last = all.removeLast();
            all.add(new Staged(last.subject(), last.reply(),
                HeaderBlock.set(last.headers(), JsHeaders.BATCH_COMMIT, "1"), last.payload()));
        } else {
            all.add(m);
        }
        return new Outcome(all);
    }

    /** Drops every batch, as when the stream stops or stops allowing atomic publishes. */
    synchronized void clear() {
        for (Iterator<String> it = batches.keySet().iterator(); it.hasNext(); ) {
            it.next();
            it.remove();
            INFLIGHT_TOTAL.decrementAndGet();
        }
    }

    /** @return batches in flight on this stream */
    synchronized int inflight() {
        return batches.size();
    }

    private Batch start(String id, long nowNanos) {
        dropExpired(nowNanos);
        if (batches.size() + 1 > MAX_INFLIGHT_PER_STREAM) {
            throw ApiError.ATOMIC_PUBLISH_TOO_MANY_INFLIGHT.toException();
        }
        if (INFLIGHT_TOTAL.incrementAndGet() > MAX_INFLIGHT_TOTAL) {
            INFLIGHT_TOTAL.decrementAndGet();
            throw ApiError.ATOMIC_PUBLISH_TOO_MANY_INFLIGHT.toException();
        }
        Batch b = new Batch();
        b.lastActivityNanos = nowNanos;
        batches.put(id, b);
        return b;
    }

    private void dropExpired(long nowNanos) {
        batches.entrySet().removeIf(e -> {
            boolean expired = nowNanos - e.getValue().lastActivityNanos > TIMEOUT_NANOS;
            if (expired) {
                INFLIGHT_TOTAL.decrementAndGet();
            }
            return expired;
        });
    }

    private void drop(String id) {
        if (batches.remove(id) != null) {
            INFLIGHT_TOTAL.decrementAndGet();
        }
    }

    /** Twin of {@code getBatchSequence}: an unsigned decimal, or -1 when missing or not a number. */
    private static long sequence(String raw) {
        if (raw == null || raw.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(raw);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
