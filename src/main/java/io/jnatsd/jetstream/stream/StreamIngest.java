package io.jnatsd.jetstream.stream;

import io.jnatsd.config.ConfDurations;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.errors.ApiException;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.server.InternalConnection;
import io.jnatsd.server.MsgTrace;
import io.jnatsd.server.MsgTracer;
import io.jnatsd.subject.SubjectTransform;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Twin of {@code processJetStreamMsg} in {@code server/stream.go}: the stream's publish path. Messages are queued
 * from any thread and stored in order on the stream's serial executor; each drained batch waits once for its last
 * sequence to be durable and then releases its PubAcks (group commit on the ack side).
 *
 * <p>Design note: the store's sync thread only marks a durable batch's acks ready ({@link OrderedAcks}, which
 * keeps them in publish order) and wakes the serial executor, so that the next fsync is not held up by publishing
 * acks. The executor sends every ready batch at the start and end of each drain in one
 * {@link InternalConnection.Batch}: one flush per receiving connection per drain, and reply subjects matched once
 * per inbox prefix ({@code ReplyMatches}).
 *
 * <p>Threading: {@link #enqueue} is thread-safe; everything else runs on the serial executor, one drain at a
 * time.
 */
final class StreamIngest {
    /** Most messages one drain stores before it yields the executor thread. */
    static final int DRAIN_BATCH_MAX = 256;
    /** The reference's largest header block. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * A message to store; {@code scheduled} when a schedule produced it (it skips the schedule checks), {@code trace}
     * when it is traced.
     */
    private record Inbound(String subject, String reply, byte[] headers, byte[] payload, boolean scheduled,
                           MsgTrace trace) {
        Inbound(String subject, String reply, byte[] headers, byte[] payload) {
            this(subject, reply, headers, payload, false, null);
        }
    }

    private record Ack(String reply, byte[] body) {
    }

    private final Stream stream;
    private final Executor executor;
    private final InternalConnection client;
    private final String domain;
    private final ConcurrentLinkedQueue<Inbound> queue = new ConcurrentLinkedQueue<>();
    /** Each drain's acks in drain order; a drain's become ready once its messages are durable. */
    private final OrderedAcks<Ack> pendingAcks = new OrderedAcks<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final DedupeWindow dedupe = new DedupeWindow();
    private final AtomicBatches atomicBatches = new AtomicBatches();
    private final FastBatches fastBatches = new FastBatches();
    private volatile boolean stopped;
    private String lastMsgId;
    /** The highest earlier sequence a duplicate's ack of this drain names; its ack waits for it to be durable. */
    private long duplicateOf;
    private PubAcks.OkTemplate okTemplate;
    private boolean dedupeLoaded;
    private SubjectTransform transform;
    private StreamConfig transformFor;
    private SubjectTransform republishTransform;
    private StreamConfig republishFor;

    StreamIngest(Stream stream, Executor executor, InternalConnection client, String domain) {
        this.stream = stream;
        this.executor = executor;
        this.client = client;
        this.domain = domain;
    }

    void enqueue(String subject, String reply, byte[] headers, byte[] payload) {
        enqueue(subject, reply, headers, payload, null);
    }

    /** Queues a message a schedule produced; thread-safe. */
    void enqueueScheduled(String subject, byte[] headers, byte[] payload) {
        offer(new Inbound(subject, null, headers, payload, true, null));
    }

    /**
     * A message for the stream; a traced one ({@code trace} not null) gets the JetStream event, and the stored copy
     * has its trace destination disabled (the reference's {@code processInboundJetStreamMsg}).
     */
    void enqueue(String subject, String reply, byte[] headers, byte[] payload, MsgTrace trace) {
        if (stopped) {
            return;
        }
        byte[] h = headers;
        if (trace != null) {
            if (!trace.traceOnly()) {
                h = MsgTracer.setHeader(headers, MsgTracer.DEST, MsgTracer.DEST_DISABLED);
            }
            trace.addJetStream(stream.config().name());
        }
        offer(new Inbound(subject, reply, h, payload, false, trace));
    }

    private void offer(Inbound m) {
        if (stopped) {
            return;
        }
        queue.offer(m);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** @return messages waiting to be stored; walks the queue, so for monitoring only; thread-safe */
    int pending() {
        return queue.size();
    }

    void stop() {
        stopped = true;
        queue.clear();
        atomicBatches.clear();
        fastBatches.clear();
    }

    private void drain() {
        List<Ack> acks = new ArrayList<>();
        long lastStored = 0;
        duplicateOf = 0;
        try {
            sendReadyAcks();
            if (!dedupeLoaded) {
                dedupeLoaded = true;
                rebuildDedupe();
            }
            for (int i = 0; i < DRAIN_BATCH_MAX && !stopped; i++) {
                Inbound m = queue.poll();
                if (m == null) {
                    break;
                }
                long seq = process(m, acks);
                if (seq > 0) {
                    lastStored = seq;
                }
            }
        } finally {
            releaseAcks(acks, Math.max(lastStored, duplicateOf));
            sendReadyAcks();
            scheduled.set(false);
            if ((!queue.isEmpty() || pendingAcks.hasReady()) && !stopped) {
                schedule();
            }
        }
    }

    /**
     * Twin of {@code rebuildDedupe} in {@code server/stream.go}: after a restart, the message ids stored within
     * the duplicate window are known again, walking back from the last message.
     */
    private void rebuildDedupe() {
        StreamConfig cfg = stream.config();
        long window = cfg.duplicateWindow();
        if (window <= 0) {
            return;
        }
        long now = GoTime.nowNanos();
        List<StoredMsg> recent = new ArrayList<>();
        long seq = stream.store().state().lastSeq();
        List<io.jnatsd.jetstream.store.SubjectFilter> all = List.of(io.jnatsd.jetstream.store.SubjectFilter.of(">"));
        while (seq > 0) {
            StoredMsg m;
            try {
                m = stream.store().loadPrevMsg(all, seq);
            } catch (StoreException e) {
                break;
            }
            if (now - m.timestampNanos() >= window) {
                break;
            }
            recent.add(m);
            seq = m.seq() - 1;
        }
        for (int i = recent.size() - 1; i >= 0; i--) {
            StoredMsg m = recent.get(i);
            JsHeaders h = JsHeaders.parse(m.headers());
            if (h != null && h.msgId() != null && !h.msgId().isEmpty()) {
                dedupe.record(h.msgId(), m.seq(), m.timestampNanos());
                lastMsgId = h.msgId();
            }
        }
    }

    /**
     * Puts this drain's acks in line behind every earlier drain's, ready once {@code lastStored} is durable: at once
     * when nothing was stored or it already is, else from the store's sync thread, which then only wakes the
     * executor.
     */
    private void releaseAcks(List<Ack> acks, long lastStored) {
        if (acks.isEmpty()) {
            return;
        }
        OrderedAcks.Slot<Ack> slot = pendingAcks.reserve();
        if (lastStored == 0) {
            slot.fill(acks);
            return;
        }
        CompletableFuture<Long> durable = stream.store().awaitDurable(lastStored);
        if (durable.isDone()) {
            slot.fill(durable.isCompletedExceptionally() ? failed(acks, durable) : acks);
            return;
        }
        durable.whenComplete((seq, err) -> onDurable(slot, err == null ? acks : failed(acks, durable)));
    }

    /**
     * On the store's sync thread: marks a durable drain's acks ready for the drain, or sends them itself once the
     * ingest has stopped (the stream is going, the final sync covered them).
     */
    private void onDurable(OrderedAcks.Slot<Ack> slot, List<Ack> acks) {
        slot.fill(acks);
        if (stopped) {
            sendReadyAcks();
            return;
        }
        try {
            schedule();
        } catch (RejectedExecutionException e) {
            sendReadyAcks();
        }
    }

    /** @return store-failure acks in place of {@code acks}, whose messages did not reach the disk */
    private List<Ack> failed(List<Ack> acks, CompletableFuture<Long> durable) {
        String why;
        try {
            durable.join();
            why = "unknown";
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            why = e.getCause() instanceof StoreException se ? se.error().message() : String.valueOf(e.getCause());
        }
        byte[] body = PubAcks.error(stream.config().name(), ApiError.STREAM_STORE_FAILED_F, why);
        List<Ack> out = new ArrayList<>(acks.size());
        for (Ack a : acks) {
            out.add(new Ack(a.reply(), body));
        }
        return out;
    }

    /**
     * Publishes every ready drain's acks in drain order, flushing each receiving connection once. Synchronized
     * because the sync thread sends too once the ingest has stopped, and one batch must be flushed before the next
     * is taken.
     */
    private synchronized void sendReadyAcks() {
        if (!pendingAcks.hasReady()) {
            return;
        }
        InternalConnection.Batch out = client.batch();
        try {
            pendingAcks.drainReady(a -> out.publishReply(a.reply(), a.body()));
        } finally {
            out.flush();
        }
    }

    /** @return the plain ack of {@code seq} */
    private byte[] okAck(StreamConfig cfg, long seq) {
        PubAcks.OkTemplate t = okTemplate;
        if (t == null || !t.isFor(cfg.name(), domain)) {
            t = PubAcks.OkTemplate.of(cfg.name(), domain);
            okTemplate = t;
        }
        return t.ok(seq);
    }

    /** @return the stored sequence, or 0 when nothing was stored */
    private long process(Inbound m, List<Ack> acks) {
        StreamConfig cfg = stream.config();
        boolean wantsAck = m.reply() != null && !m.reply().isEmpty() && !cfg.noAck();
        String traceError = null;
        try {
            JsHeaders h = JsHeaders.parse(m.headers());
            FastBatchReply fast = FastBatchReply.parse(m.reply());
            if (fast != null) {
                return fastBatches.accept(cfg, fast, m.reply(), () -> store(cfg, m, h, acks, false),
                    (reply, body) -> acks.add(new Ack(reply, body)), domain);
            }
            if (h != null && !m.scheduled() && h.batchId() != null && !h.batchId().isEmpty()) {
                return atomicBatchMsg(cfg, h, m, acks, wantsAck);
            }
            return store(cfg, m, h, acks, wantsAck);
        } catch (ApiException e) {
            traceError = e.description() + " (" + e.error().errCode() + ")";
            if (wantsAck) {
                acks.add(new Ack(m.reply(), PubAcks.error(cfg.name(), e.error(), e.description())));
            }
            return 0;
        } catch (StoreException e) {
            traceError = e.error().message();
            if (wantsAck) {
                acks.add(new Ack(m.reply(), PubAcks.error(cfg.name(), ApiError.STREAM_STORE_FAILED_F,
                    e.error().message())));
            }
            return 0;
        } finally {
            if (m.trace() != null) {
                m.trace().endJetStream(traceError);
            }
        }
    }

    /**
     * Stages a message of an atomic batch, or on its commit checks every message of the batch against the stream as
     * it would be after the ones before it, and only then stores them all.
     */
    private long atomicBatchMsg(StreamConfig cfg, JsHeaders h, Inbound m, List<Ack> acks, boolean wantsAck) {
        checkSizes(cfg, m);
        AtomicBatches.Outcome outcome = atomicBatches.accept(cfg, h,
            new AtomicBatches.Staged(m.subject(), m.reply(), m.headers(), m.payload()), System.nanoTime());
        if (outcome.staged()) {
            if (wantsAck) {
                acks.add(new Ack(m.reply(), new byte[0]));
            }
            return 0;
        }
        List<AtomicBatches.Staged> batch = outcome.commit();
        AtomicBatchCheck.check(cfg, stream.store(), batch, this::transformedSubject,
            id -> dedupe.lookup(id, GoTime.nowNanos(), cfg.duplicateWindow()) > 0);
        long last = 0;
        for (AtomicBatches.Staged msg : batch) {
            last = store(cfg, new Inbound(msg.subject(), null, msg.headers(), msg.payload()),
                JsHeaders.parse(msg.headers()), acks, false);
        }
        if (wantsAck) {
            acks.add(new Ack(m.reply(), PubAcks.batch(cfg.name(), last, domain, h.batchId(), batch.size())));
        }
        return last;
    }

    private String transformedSubject(String subject) {
        return transformed(stream.config(), subject);
    }

    private long store(StreamConfig cfg, Inbound m, JsHeaders parsed, List<Ack> acks, boolean wantsAck) {
        checkSizes(cfg, m);
        JsHeaders h = parsed;
        byte[] headers = m.headers();
        BigInteger incr = MsgCounter.checkPublish(cfg.allowMsgCounter(), h, m.payload());
        long ttlSeconds = 0;
        String subject = transformed(cfg, m.subject());
        StreamStore store = stream.store();
        if (h != null) {
            if (h.expectedStream() != null && !h.expectedStream().equals(cfg.name())) {
                throw ApiError.STREAM_NOT_MATCH.toException();
            }
            ttlSeconds = ttlSeconds(cfg, h.ttl());
            if (h.msgId() != null && !h.msgId().isEmpty()) {
                long dupSeq = dedupe.lookup(h.msgId(), GoTime.nowNanos(), cfg.duplicateWindow());
                if (dupSeq > 0) {
                    duplicateOf = Math.max(duplicateOf, dupSeq);
                    if (wantsAck) {
                        acks.add(new Ack(m.reply(), PubAcks.ok(cfg.name(), dupSeq, domain, true)));
                    }
                    return 0;
                }
            }
            checkExpected(store, h, subject);
            if (!m.scheduled() && h.hasScheduleHeaders()) {
                headers = MsgScheduleCheck.check(cfg, subject, headers, store, GoTime.nowNanos());
                if (headers != m.headers()) {
                    h = JsHeaders.parse(headers);
                }
            }
            checkRollup(cfg, h.rollup());
        }
        if (cfg.allowMsgCounter() && incr == null) {
            throw ApiError.MESSAGE_INCR_MISSING.toException();
        }
        if (m.trace() != null) {
            m.trace().updateJetStream(subject, cfg.isInterestBased() && !cfg.isWorkQueue() && !stream.hasInterest(subject));
            if (m.trace().traceOnly()) {
                return 0;
            }
        }
        byte[] payload = m.payload();
        String counterValue = null;
        long seq;
        if (cfg.allowMsgCounter()) {
            synchronized (stream.counterLock) {
                MsgCounter.Applied counted = MsgCounter.add(store, subject, incr, headers, stream.maxPayloadBytes());
                headers = counted.headers();
                payload = counted.payload();
                counterValue = counted.value();
                seq = storeWithinLimits(store, subject, headers, payload, ttlSeconds);
            }
        } else {
            seq = storeWithinLimits(store, subject, headers, payload, ttlSeconds);
        }
        if (h != null) {
            afterStore(cfg, h, subject, seq);
            if (h.hasScheduleHeaders()) {
                purgeFiredSchedule(headers);
            }
        }
        if (cfg.allowMsgSchedules()) {
            long now = GoTime.nowNanos();
            stream.schedules().onStored(seq, subject, headers, now, now);
        }
        if (cfg.republish() != null) {
            republish(cfg, subject, seq, headers, payload);
        }
        if (cfg.isInterestBased() && !cfg.isWorkQueue() && !stream.hasInterest(subject)) {
            store.removeMsg(seq);
        } else {
            stream.notifyAppended(seq, subject);
        }
        if (wantsAck) {
            acks.add(new Ack(m.reply(), counterValue == null ? okAck(cfg, seq)
                : PubAcks.counter(cfg.name(), seq, domain, counterValue)));
        }
        return seq;
    }

    /** The server's and the account's storage limits, then the store (timed for the store-write histogram). */
    private long storeWithinLimits(StreamStore store, String subject, byte[] headers, byte[] payload,
                                   long ttlSeconds) {
        ApiError serverFull = stream.account().engine().serverLimits().beforeStore(stream.config().isMemory());
        if (serverFull != null) {
            throw serverFull.toException();
        }
        ApiError overLimit = AccountLimitsCheck.wouldExceed(stream, subject,
            headers == null ? 0 : headers.length, payload == null ? 0 : payload.length);
        if (overLimit != null) {
            throw overLimit.toException();
        }
        long startNanos = System.nanoTime();
        long seq = store.storeMsg(subject, headers, payload, ttlSeconds);
        stream.account().engine().storeWriteLatency().record(System.nanoTime() - startNanos);
        return seq;
    }

    private void afterStore(StreamConfig cfg, JsHeaders h, String subject, long seq) {
        if (h.msgId() != null && !h.msgId().isEmpty()) {
            dedupe.record(h.msgId(), seq, GoTime.nowNanos());
            lastMsgId = h.msgId();
        }
        if (h.rollup() != null) {
            if ("sub".equals(h.rollup())) {
                stream.purgeUnchecked(subject, seq, 0);
            } else {
                stream.purgeUnchecked(null, seq, 0);
            }
        }
    }

    /** A schedule's last message ({@code Nats-Schedule-Next: purge}) removes the schedule, as the reference does. */
    private void purgeFiredSchedule(byte[] headers) {
        if (MsgScheduleCheck.NEXT_PURGE.equals(HeaderBlock.get(headers, MsgScheduleCheck.NEXT))) {
            String scheduler = HeaderBlock.get(headers, MsgScheduleCheck.SCHEDULER);
            if (scheduler != null && !scheduler.isEmpty()) {
                stream.purgeUnchecked(scheduler, 0, 0);
            }
        }
    }

    static void checkSizes(StreamConfig cfg, byte[] headers, byte[] payload) {
        checkSizes(cfg, new Inbound(null, null, headers, payload));
    }

    private static void checkSizes(StreamConfig cfg, Inbound m) {
        if (cfg.sealed()) {
            throw ApiError.STREAM_SEALED.toException();
        }
        int hdrLen = m.headers() == null ? 0 : m.headers().length;
        if (hdrLen > MAX_HEADER_BYTES) {
            throw ApiError.STREAM_HEADER_EXCEEDS_MAXIMUM.toException();
        }
        int payloadLen = m.payload() == null ? 0 : m.payload().length;
        if (cfg.maxMsgSize() > 0 && hdrLen + payloadLen > cfg.maxMsgSize()) {
            throw ApiError.STREAM_MESSAGE_EXCEEDS_MAXIMUM.toException();
        }
    }

    private void checkExpected(StreamStore store, JsHeaders h, String subject) {
        if (h.badNumber()) {
            throw ApiError.STREAM_WRONG_LAST_SEQUENCE_CONSTANT.toException();
        }
        if (h.expectedLastSeq() != JsHeaders.ABSENT) {
            long last = store.state().lastSeq();
            if (last != h.expectedLastSeq()) {
                throw ApiError.STREAM_WRONG_LAST_SEQUENCE.toException(last);
            }
        }
        if (h.expectedLastSubjSeq() != JsHeaders.ABSENT) {
            String subj = h.expectedLastSubjSeqSubject() != null ? h.expectedLastSubjSeqSubject() : subject;
            long last = lastSeqOf(store, subj);
            if (last != h.expectedLastSubjSeq()) {
                throw ApiError.STREAM_WRONG_LAST_SEQUENCE.toException(last);
            }
        }
        if (h.expectedLastMsgId() != null) {
            String last = lastMsgId == null ? "" : lastMsgId;
            if (!last.equals(h.expectedLastMsgId())) {
                throw ApiError.STREAM_WRONG_LAST_MSG_ID.toException(last);
            }
        }
    }

    private static long lastSeqOf(StreamStore store, String subject) {
        try {
            StoredMsg last = store.loadLastMsg(subject);
            return last.seq();
        } catch (StoreException e) {
            return 0;
        }
    }

    static void checkRollup(StreamConfig cfg, String rollup) {
        if (rollup == null) {
            return;
        }
        if (!cfg.allowRollupHdrs()) {
            throw ApiError.STREAM_ROLLUP_FAILED_F.toException("rollup not permitted");
        }
        if (!"sub".equals(rollup) && !"all".equals(rollup)) {
            throw ApiError.STREAM_ROLLUP_FAILED_F.toException("rollup value invalid: \"" + rollup + "\"");
        }
    }

    /** Twin of {@code parseMessageTTL}: "never" is -1, a Go duration or whole seconds, at least one second. */
    static long ttlSeconds(StreamConfig cfg, String ttl) {
        if (ttl == null) {
            return 0;
        }
        if (!cfg.allowMsgTtl()) {
            throw ApiError.MESSAGE_TTL_DISABLED.toException();
        }
        return parseTtlSeconds(ttl);
    }

    /**
     * @param ttl a Nats-TTL value
     * @return its seconds, -1 for "never"
     * @throws io.jnatsd.jetstream.errors.ApiException MESSAGE_TTL_INVALID when not valid
     */
    static long parseTtlSeconds(String ttl) {
        if ("never".equals(ttl)) {
            return -1;
        }
        long nanos;
        try {
            nanos = ConfDurations.parseNanos(ttl);
        } catch (IllegalArgumentException e) {
            try {
                nanos = Math.multiplyExact(Long.parseLong(ttl), NANOS_PER_SECOND);
            } catch (NumberFormatException | ArithmeticException e2) {
                throw ApiError.MESSAGE_TTL_INVALID.toException();
            }
        }
        if (nanos < NANOS_PER_SECOND) {
            throw ApiError.MESSAGE_TTL_INVALID.toException();
        }
        return nanos / NANOS_PER_SECOND;
    }

    /** Twin of the republish step of {@code processJetStreamMsg}: the stored message, with its stream headers. */
    private void republish(StreamConfig cfg, String subject, long seq, byte[] hdr, byte[] payload) {
        if (republishFor != cfg) {
            StreamConfig.Republish r = cfg.republish();
            String src = r.src() == null || r.src().isEmpty() ? ">" : r.src();
            republishTransform = SubjectTransform.compile(src, r.dest());
            republishFor = cfg;
        }
        String dest = republishTransform.match(subject);
        if (dest == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(192);
        if (hdr != null && hdr.length >= 4) {
            sb.append(new String(hdr, 0, hdr.length - 2, java.nio.charset.StandardCharsets.UTF_8));
        } else {
            sb.append("NATS/1.0\r\n");
        }
        sb.append("Nats-Stream: ").append(cfg.name()).append("\r\n");
        sb.append("Nats-Subject: ").append(subject).append("\r\n");
        sb.append("Nats-Sequence: ").append(seq).append("\r\n");
        sb.append("Nats-Time-Stamp: ").append(GoTime.format(GoTime.nowNanos())).append("\r\n");
        sb.append("Nats-Last-Sequence: ").append(seq - 1).append("\r\n");
        byte[] body = payload == null ? new byte[0] : payload;
        if (cfg.republish().headersOnly()) {
            sb.append("Nats-Msg-Size: ").append(body.length).append("\r\n");
            body = new byte[0];
        }
        sb.append("\r\n");
        client.publish(dest, null, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), body);
    }

    private String transformed(StreamConfig cfg, String subject) {
        if (cfg.subjectTransform() == null) {
            return subject;
        }
        if (transformFor != cfg) {
            StreamConfig.SubjectTransformConfig t = cfg.subjectTransform();
            transform = SubjectTransform.compile(t.src() == null || t.src().isEmpty() ? ">" : t.src(), t.dest());
            transformFor = cfg;
        }
        String out = transform.match(subject);
        return out == null ? subject : out;
    }
}
