package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.errors.ApiException;
import io.jnatsd.jetstream.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Twin of the fast batch half of {@code server/jetstream_batching.go} and {@code processJetStreamFastBatchMsg} of
 * {@code server/stream.go}: a stream's fast batch publishes ({@code allow_batched}). Each message is stored as it
 * comes; the publisher learns what is persisted from flow acks every N messages ({@code {"type":"ack"}}, N ramping
 * up to what it allows and down as more batches share the stream), from gap reports and per-message errors, and
 * gets one PubAck with {@code batch} and {@code count} when the batch commits.
 *
 * <p>Design note: jnatsd stores each message before the next is read, so nothing is ever pending between
 * "proposed" and "persisted": the persisted batch sequence is the last one accepted. Flow acks and PubAcks go out
 * with the ingest's other acks, after the fsync that covers them. An abandoned batch is dropped once it has been
 * idle for {@link #TIMEOUT_NANOS}, checked when the stream next sees a fast batch message.
 *
 * <p>Threading: not thread-safe; the stream's ingest uses it from its serial executor.
 */
final class FastBatches {
    /** The reference's {@code streamDefaultMaxBatchTimeout}. */
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The reference's {@code streamDefaultMaxFastBatchInflightPerStream}. */
    static final int MAX_INFLIGHT_PER_STREAM = 1000;
    /** The reference's {@code streamDefaultMaxFastBatchInflightTotal}. */
    static final int MAX_INFLIGHT_TOTAL = 50_000;
    private static final int MAX_ID_LENGTH = 64;
    private static final int FLOW_SHARE = 500;
    private static final AtomicInteger INFLIGHT_TOTAL = new AtomicInteger();

    /** Stores one message through the stream's publish checks. */
    @FunctionalInterface
    interface Storer {
        /** @return the stream sequence, or 0 when it was a duplicate */
        long store();
    }

    /** Where replies to the publisher go (released after the covering fsync). */
    @FunctionalInterface
    interface Replies {
        void send(String reply, byte[] body);
    }

    /** One batch in flight. */
    private static final class Batch {
        final boolean gapOk;
        final int maxAckMessages;
        long lastSeq;
        long persistedSeq;
        long flowSeq;
        long streamSeq;
        int ackMessages;
        boolean committing;
        long lastActiveNanos;

        Batch(boolean gapOk, int maxAckMessages) {
            this.gapOk = gapOk;
            this.maxAckMessages = maxAckMessages;
        }
    }

    private final Map<String, Batch> batches = new HashMap<>();

    /**
     * @param cfg     the stream's config
     * @param fast    the parsed reply
     * @param reply   the reply subject itself
     * @param storer  stores the message
     * @param replies where answers go
     * @param domain  the JetStream domain for PubAcks, "" for none
     * @return the stream sequence stored, or 0
     */
    long accept(StreamConfig cfg, FastBatchReply fast, String reply, Storer storer, Replies replies, String domain) {
        long now = System.nanoTime();
        expire(now);
        Respond respond = new Respond(cfg, reply, replies, domain);
        if (!cfg.allowBatched()) {
            clear();
            return respond.error(ApiError.BATCH_PUBLISH_DISABLED);
        }
        if (!fast.valid()) {
            return respond.error(ApiError.BATCH_PUBLISH_INVALID_PATTERN);
        }
        if (fast.id().length() > MAX_ID_LENGTH) {
            return respond.error(ApiError.BATCH_PUBLISH_INVALID_BATCH_ID);
        }
        Batch b = batches.get(fast.id());
        if (b == null) {
            if (fast.seq() != 1) {
                return respond.error(ApiError.BATCH_PUBLISH_UNKNOWN_BATCH_ID);
            }
            if (batches.size() + 1 > MAX_INFLIGHT_PER_STREAM || INFLIGHT_TOTAL.incrementAndGet() > MAX_INFLIGHT_TOTAL) {
                if (batches.size() + 1 <= MAX_INFLIGHT_PER_STREAM) {
                    INFLIGHT_TOTAL.decrementAndGet();
                }
                return respond.error(ApiError.BATCH_PUBLISH_TOO_MANY_INFLIGHT);
            }
            b = new Batch(fast.gapOk(), fast.flow());
            batches.put(fast.id(), b);
            b.ackMessages = batches.size() > 1 ? 1 : Math.min(FLOW_SHARE, b.maxAckMessages);
        }
        b.lastActiveNanos = now;
        if (fast.op() == FastBatchReply.Op.PING) {
            ping(fast, b, respond);
            return 0;
        }
        if (b.committing) {
            return 0;
        }
        b.lastSeq++;
        if (b.lastSeq != fast.seq()) {
            if (fast.seq() > b.lastSeq) {
                respond.gap(b.lastSeq, fast.seq());
            }
            if (b.gapOk && fast.seq() > b.lastSeq) {
                b.lastSeq = fast.seq();
            } else {
                b.lastSeq--;
                commit(fast.id(), b, respond);
                return 0;
            }
        }
        if (fast.commit()) {
            if (fast.op() == FastBatchReply.Op.COMMIT_EOB) {
                b.lastSeq--;
                b.persistedSeq = b.lastSeq;
                commit(fast.id(), b, respond);
                return 0;
            }
            b.committing = true;
        } else if (fast.seq() == 1) {
            respond.flow(0, b.ackMessages);
        }
        return store(fast, b, storer, respond);
    }

    private long store(FastBatchReply fast, Batch b, Storer storer, Respond respond) {
        long seq;
        try {
            seq = storer.store();
        } catch (ApiException | StoreException e) {
            ApiException api = e instanceof ApiException a ? a
                : ApiError.STREAM_STORE_FAILED_F.toException(((StoreException) e).error().message());
            return failed(fast, b, api, respond);
        }
        b.persistedSeq = b.lastSeq;
        if (seq == 0) {
            // A duplicate: nothing stored, but the publisher still learns how far it got.
            if (b.committing) {
                commit(fast.id(), b, respond);
            } else {
                checkFlow(b, respond);
            }
            return 0;
        }
        b.streamSeq = seq;
        if (b.committing) {
            commit(fast.id(), b, respond);
        } else {
            checkFlow(b, respond);
        }
        return seq;
    }

    private long failed(FastBatchReply fast, Batch b, ApiException e, Respond respond) {
        if (!b.gapOk && b.lastSeq == 1) {
            // A batch that fails at once is answered as a plain publish would be.
            remove(fast.id());
            return respond.error(e.error(), e.description());
        }
        respond.send(errJson(fast.seq(), e));
        if (b.gapOk && !fast.commit()) {
            return 0;
        }
        b.lastSeq--;
        b.persistedSeq = b.lastSeq;
        b.committing = false;
        commit(fast.id(), b, respond);
        return 0;
    }

    private void ping(FastBatchReply fast, Batch b, Respond respond) {
        boolean sendFlow = true;
        if (fast.seq() > b.lastSeq) {
            respond.gap(b.lastSeq + 1, fast.seq() + 1);
            if (b.gapOk) {
                b.lastSeq = fast.seq();
                b.persistedSeq = b.lastSeq;
                sendFlow = !checkFlow(b, respond);
            } else {
                commit(fast.id(), b, respond);
                sendFlow = false;
            }
        }
        if (sendFlow) {
            respond.flow(b.flowSeq, b.ackMessages);
        }
    }

    /** Ends the batch: the PubAck goes out now when everything accepted is persisted (always, here). */
    private void commit(String id, Batch b, Respond respond) {
        remove(id);
        respond.pubAck(b.streamSeq, id, b.lastSeq);
    }

    /** Twin of {@code checkFlowControl}: a flow ack once N more are persisted, with N ramped toward the share. */
    private boolean checkFlow(Batch b, Respond respond) {
        long every = b.ackMessages;
        if (b.persistedSeq < b.flowSeq + every) {
            return false;
        }
        b.flowSeq += (b.persistedSeq - b.flowSeq) / every * every;
        int share = Math.min(Math.max(1, FLOW_SHARE / batches.size()), b.maxAckMessages);
        if (b.ackMessages < share) {
            b.ackMessages = Math.min(share, b.ackMessages * 2);
        } else if (b.ackMessages > share) {
            b.ackMessages = Math.max(share, b.ackMessages / 2);
        }
        respond.flow(b.flowSeq, b.ackMessages);
        return true;
    }

    private void expire(long now) {
        for (Iterator<Batch> it = batches.values().iterator(); it.hasNext();) {
            if (now - it.next().lastActiveNanos > TIMEOUT_NANOS) {
                it.remove();
                INFLIGHT_TOTAL.decrementAndGet();
            }
        }
    }

    private void remove(String id) {
        if (batches.remove(id) != null) {
            INFLIGHT_TOTAL.decrementAndGet();
        }
    }

    /** Drops every batch in flight (the stream stops or no longer allows fast batches). */
    void clear() {
        INFLIGHT_TOTAL.addAndGet(-batches.size());
        batches.clear();
    }

    private static byte[] errJson(long seq, ApiException e) {
        StringBuilder sb = new StringBuilder("{\"type\":\"err\",\"seq\":").append(seq)
            .append(",\"error\":{\"code\":").append(e.error().code()).append(",\"err_code\":")
            .append(e.error().errCode()).append(",\"description\":");
        return PubAcks.quote(sb, e.description()).append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The answers of one message, to its reply subject. */
    private record Respond(StreamConfig cfg, String reply, Replies replies, String domain) {
        long error(ApiError error) {
            return error(error, error.toException().description());
        }

        long error(ApiError error, String description) {
            if (!cfg.noAck()) {
                replies.send(reply, PubAcks.error(cfg.name(), error, description));
            }
            return 0;
        }

        void send(byte[] body) {
            replies.send(reply, body);
        }

        void gap(long expectedLastSeq, long seq) {
            send(("{\"type\":\"gap\",\"last_seq\":" + expectedLastSeq + ",\"seq\":" + seq + "}")
                .getBytes(StandardCharsets.UTF_8));
        }

        void flow(long seq, int messages) {
            send(("{\"type\":\"ack\",\"seq\":" + seq + ",\"msgs\":" + messages + "}").getBytes(StandardCharsets.UTF_8));
        }

        void pubAck(long streamSeq, String id, long count) {
            send(PubAcks.batch(cfg.name(), streamSeq, domain, id, (int) count));
        }
    }
}
