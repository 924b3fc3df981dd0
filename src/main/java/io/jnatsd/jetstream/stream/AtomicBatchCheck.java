package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StreamStore;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Twin of {@code checkMsgHeadersPreClusteredProposal} in {@code server/jetstream_batching.go} for a single server:
 * before an atomic batch is stored, each of its messages is checked against the stream as it will be once the
 * messages before it are stored (the stream's last sequence and each subject's last sequence move on with the
 * batch), so that the batch is stored whole or not at all. Message ids must be new and unique within the batch;
 * {@code Nats-Expected-Last-Msg-Id} is not supported in a batch, as in the reference.
 *
 * <p>Stateless and thread-safe.
 */
final class AtomicBatchCheck {

    private AtomicBatchCheck() {
    }

    /**
     * @param cfg          the stream's config
     * @param store        its store, as it is before the batch
     * @param batch        the batch's messages in order
     * @param transform    the stream's subject transform
     * @param storedMsgIds whether a message id is within the stream's duplicate window
     * @throws io.jnatsd.jetstream.errors.ApiException the first message's error; nothing was stored
     */
    static void check(StreamConfig cfg, StreamStore store, List<AtomicBatches.Staged> batch,
                      UnaryOperator<String> transform, Predicate<String> storedMsgIds) {
        long last = store.state().lastSeq();
        Map<String, Long> lastPerSubject = new HashMap<>();
        Set<String> msgIds = new HashSet<>();
        for (AtomicBatches.Staged m : batch) {
            StreamIngest.checkSizes(cfg, m.headers(), m.payload());
            String subject = transform.apply(m.subject());
            JsHeaders h = JsHeaders.parse(m.headers());
            BigInteger incr = MsgCounter.checkPublish(cfg.allowMsgCounter(), h, m.payload());
            if (h != null) {
                checkHeaders(cfg, store, h, subject, last, lastPerSubject);
                if (h.hasScheduleHeaders()) {
                    MsgScheduleCheck.check(cfg, subject, m.headers(), store, GoTime.nowNanos());
                }
                String id = h.msgId();
                if (id != null && !id.isEmpty() && (!msgIds.add(id) || storedMsgIds.test(id))) {
                    throw ApiError.ATOMIC_PUBLISH_CONTAINS_DUPLICATE_MESSAGE.toException();
                }
            }
            if (cfg.allowMsgCounter() && incr == null) {
                throw ApiError.MESSAGE_INCR_MISSING.toException();
            }
            last++;
            lastPerSubject.put(subject, last);
        }
    }

    private static void checkHeaders(StreamConfig cfg, StreamStore store, JsHeaders h, String subject, long last,
                                     Map<String, Long> lastPerSubject) {
        if (h.expectedLastMsgId() != null) {
            throw ApiError.ATOMIC_PUBLISH_UNSUPPORTED_HEADER_BATCH.toException(JsHeaders.EXPECTED_LAST_MSG_ID);
        }
        if (h.expectedStream() != null && !h.expectedStream().equals(cfg.name())) {
            throw ApiError.STREAM_NOT_MATCH.toException();
        }
        StreamIngest.ttlSeconds(cfg, h.ttl());
        if (h.badNumber()) {
            throw ApiError.STREAM_WRONG_LAST_SEQUENCE_CONSTANT.toException();
        }
        if (h.expectedLastSeq() != JsHeaders.ABSENT && h.expectedLastSeq() != last) {
            throw ApiError.STREAM_WRONG_LAST_SEQUENCE.toException(last);
        }
        if (h.expectedLastSubjSeq() != JsHeaders.ABSENT) {
            String subj = h.expectedLastSubjSeqSubject() != null ? h.expectedLastSubjSeqSubject() : subject;
            Long inBatch = lastPerSubject.get(subj);
            long lastOfSubject = inBatch != null ? inBatch : storedLastSeq(store, subj);
            if (lastOfSubject != h.expectedLastSubjSeq()) {
                throw ApiError.STREAM_WRONG_LAST_SEQUENCE.toException(lastOfSubject);
            }
        }
        StreamIngest.checkRollup(cfg, h.rollup());
    }

    private static long storedLastSeq(StreamStore store, String subject) {
        try {
            return store.loadLastMsg(subject).seq();
        } catch (StoreException e) {
            return 0;
        }
    }
}
