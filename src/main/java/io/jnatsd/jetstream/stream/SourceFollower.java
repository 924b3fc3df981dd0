package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.errors.ApiException;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.subject.SubjectTransform;
import io.jnatsd.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One mirror or source of a stream, followed inside the server: twin of {@code setupMirrorConsumer} /
 * {@code setSourceConsumer} and {@code processInboundMirrorMsg} / {@code processInboundSourceMsg} of
 * {@code server/stream.go}, but reading the origin stream's store directly instead of through an internal
 * consumer, since origin and follower live in the same server and account.
 *
 * <p>Design note: a mirror keeps the origin's sequences (gaps are skipped in the mirror's store, so sequence N is
 * the same message in both); a source stores each matching message under the follower's next sequence with a
 * {@code Nats-Stream-Source} header naming origin and sequence, from which the position is found again after a
 * restart. Copying runs on the engine's ingest executor, one pump at a time per follower, woken by the origin's
 * {@link MsgAppendListener}.
 *
 * <p>Threading: thread-safe; {@link #pump} is serialised by the scheduled flag.
 */
final class SourceFollower implements MsgAppendListener {
    private static final Logger LOG = LoggerFactory.getLogger(SourceFollower.class);
    /** Header a sourced message carries: origin name, origin sequence. */
    static final String SOURCE_HEADER = "Nats-Stream-Source";
    private static final int PUMP_BATCH_MAX = 1024;

    private final Stream target;
    private final StreamConfig.StreamSource source;
    private final boolean mirror;
    private final Executor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<String> filters = new ArrayList<>();
    private final List<SubjectTransform> transforms = new ArrayList<>();
    private volatile Stream origin;
    private volatile long nextSeq;
    private volatile long lastActiveNanos;
    private long mirrorLastSeq;
    private volatile boolean stopped;

    SourceFollower(Stream target, StreamConfig.StreamSource source, boolean mirror, Executor executor) {
        this.target = target;
        this.source = source;
        this.mirror = mirror;
        this.executor = executor;
        if (source.filterSubject() != null && !source.filterSubject().isEmpty()) {
            filters.add(source.filterSubject());
            transforms.add(null);
        }
        for (StreamConfig.SubjectTransformConfig t : source.subjectTransforms()) {
            String src = t.src() == null || t.src().isEmpty() ? ">" : t.src();
            filters.add(src);
            transforms.add(t.dest() == null || t.dest().isEmpty() ? null : SubjectTransform.compile(src, t.dest()));
        }
    }

    String originName() {
        return source.name();
    }

    boolean isAttached() {
        return origin != null;
    }

    /** Attaches to the origin once it exists, finds the start position and copies what is there. */
    synchronized void attach(Stream originStream) {
        if (origin != null || stopped) {
            return;
        }
        origin = originStream;
        mirrorLastSeq = target.store().state().lastSeq();
        nextSeq = startSeq(originStream.store());
        originStream.addAppendListener(this);
        schedule();
    }

    void stop() {
        stopped = true;
        Stream o = origin;
        if (o != null) {
            o.removeAppendListener(this);
        }
    }

    @Override
    public void onAppended(Stream stream, long seq, String subject) {
        schedule();
    }

    private void schedule() {
        if (!stopped && scheduled.compareAndSet(false, true)) {
            executor.execute(this::pump);
        }
    }

    private long startSeq(StreamStore originStore) {
        StreamStore own = target.store();
        if (mirror) {
            long last = own.state().lastSeq();
            if (last > 0) {
                return last + 1;
            }
        } else {
            long resumed = resumeFromHeaders(own);
            if (resumed > 0) {
                return resumed;
            }
        }
        if (source.optStartSeq() > 0) {
            return source.optStartSeq();
        }
        if (source.optStartTime() != null && !source.optStartTime().isEmpty()) {
            return originStore.seqFromTime(GoTime.parse(source.optStartTime()));
        }
        return 1;
    }

    private long resumeFromHeaders(StreamStore own) {
        String prefix = SOURCE_HEADER + ": " + source.name() + " ";
        long seq = own.state().lastSeq();
        while (seq > 0) {
            StoredMsg m;
            try {
                m = own.loadPrevMsg(List.of(io.jnatsd.jetstream.store.SubjectFilter.of(">")), seq);
            } catch (StoreException e) {
                return 0;
            }
            String h = new String(m.headers(), StandardCharsets.UTF_8);
            int at = h.indexOf(prefix);
            if (at >= 0) {
                int end = h.indexOf('\r', at);
                return Long.parseLong(h.substring(at + prefix.length(), end).trim()) + 1;
            }
            seq = m.seq() - 1;
        }
        return 0;
    }

    private void pump() {
        try {
            Stream o = origin;
            if (o == null || stopped || target.isClosed() || o.isClosed()) {
                return;
            }
            for (int i = 0; i < PUMP_BATCH_MAX; i++) {
                StoredMsg m;
                try {
                    m = o.store().loadNextMsg(">", nextSeq);
                } catch (StoreException e) {
                    return;
                }
                copy(m);
                nextSeq = m.seq() + 1;
                lastActiveNanos = System.nanoTime();
            }
        } finally {
            scheduled.set(false);
            Stream o = origin;
            if (o != null && !stopped && nextSeq <= o.store().state().lastSeq()) {
                schedule();
            }
        }
    }

    private void copy(StoredMsg m) {
        StreamStore own = target.store();
        String subject = mapped(m.subject());
        if (subject == null) {
            return;
        }
        if (mirror) {
            long last = mirrorLastSeq;
            if (m.seq() > last + 1) {
                own.skipMsgs(last + 1, m.seq() - last - 1);
            }
            own.storeRawMsg(subject, m.headers(), m.payload(), m.seq(), m.timestampNanos(), 0);
            mirrorLastSeq = m.seq();
            target.notifyAppended(m.seq(), subject);
            return;
        }
        byte[] hdr = withSourceHeader(m.headers(), source.name() + " " + m.seq());
        long seq;
        if (target.config().allowMsgCounter()) {
            synchronized (target.counterLock) {
                try {
                    MsgCounter.Applied counted = MsgCounter.addSourced(own, subject, source.name(), m.subject(), hdr,
                        m.payload(), target.maxPayloadBytes());
                    seq = own.storeMsg(subject, counted.headers(), counted.payload(), 0);
                } catch (ApiException e) {
                    LOG.warn("Stream {}: counter message {} from {} not applied: {}", target.name(), m.seq(),
                        source.name(), e.description());
                    return;
                }
            }
        } else {
            seq = own.storeMsg(subject, hdr, m.payload(), 0);
        }
        target.notifyAppended(seq, subject);
    }

    private String mapped(String subject) {
        if (filters.isEmpty()) {
            return subject;
        }
        for (int i = 0; i < filters.size(); i++) {
            if (Subjects.matchLiteral(subject, filters.get(i))) {
                SubjectTransform t = transforms.get(i);
                return t == null ? subject : t.transform(subject);
            }
        }
        return null;
    }

    static byte[] withSourceHeader(byte[] headers, String value) {
        StringBuilder sb = new StringBuilder();
        if (headers != null && headers.length >= 4) {
            sb.append(new String(headers, 0, headers.length - 2, StandardCharsets.UTF_8));
        } else {
            sb.append("NATS/1.0\r\n");
        }
        return sb.append(SOURCE_HEADER).append(": ").append(value).append("\r\n\r\n").toString()
            .getBytes(StandardCharsets.UTF_8);
    }

    /** @return messages of the origin not yet copied */
    long lag() {
        Stream o = origin;
        if (o == null) {
            return 0;
        }
        return Math.max(0, o.store().state().lastSeq() - (nextSeq - 1));
    }

    /** @return nanoseconds since the last copy, or -1 when never active */
    long activeAgoNanos() {
        long t = lastActiveNanos;
        return t == 0 ? -1 : System.nanoTime() - t;
    }
}
