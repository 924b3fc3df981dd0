package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.errors.ApiException;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.store.SubjectFilter;
import io.jnatsd.subject.SubjectTransform;
import io.jnatsd.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what a mirror or source receives from its origin into the follower stream, whichever way it arrived
 * (read from a local store, or pushed by a consumer through another account's API): twin of the storing half of
 * {@code processInboundMirrorMsg} / {@code processInboundSourceMsg} in {@code server/stream.go}.
 *
 * <p>Design note: a mirror keeps the origin's sequences (gaps are skipped in the mirror's store, so sequence N is
 * the same message in both); a source stores each matching message under the follower's next sequence with a
 * {@code Nats-Stream-Source} header naming origin and sequence, from which {@link #resumeSeq} finds the position
 * again after a restart.
 *
 * <p>Threading: not thread-safe; one follower writes at a time.
 */
final class FollowedCopy {
    private static final Logger LOG = LoggerFactory.getLogger(FollowedCopy.class);
    /** Header a sourced message carries: origin name, origin sequence. */
    static final String SOURCE_HEADER = "Nats-Stream-Source";

    private final Stream target;
    private final StreamConfig.StreamSource source;
    private final boolean mirror;
    private final List<String> filters = new ArrayList<>();
    private final List<SubjectTransform> transforms = new ArrayList<>();
    private long mirrorLastSeq;

    FollowedCopy(Stream target, StreamConfig.StreamSource source, boolean mirror) {
        this.target = target;
        this.source = source;
        this.mirror = mirror;
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

    /** @return the origin subjects followed, empty for all */
    List<String> filters() {
        return filters;
    }

    /**
     * The origin sequence to follow from: after the last one copied, else the configured start.
     *
     * @param seqFromTime the origin's first sequence at or after a time, for {@code opt_start_time}; null when the
     *                    origin is remote (the consumer resolves the time)
     * @return the sequence, or 0 for "by the configured start time" when {@code seqFromTime} is null
     */
    long resumeSeq(java.util.function.LongUnaryOperator seqFromTime) {
        StreamStore own = target.store();
        mirrorLastSeq = own.state().lastSeq();
        long resumed = mirror ? (mirrorLastSeq > 0 ? mirrorLastSeq + 1 : 0) : resumeFromHeaders(own);
        if (resumed > 0) {
            return resumed;
        }
        if (source.optStartSeq() > 0) {
            return source.optStartSeq();
        }
        if (source.optStartTime() != null && !source.optStartTime().isEmpty()) {
            return seqFromTime == null ? 0 : seqFromTime.applyAsLong(GoTime.parse(source.optStartTime()));
        }
        return 1;
    }

    private long resumeFromHeaders(StreamStore own) {
        String prefix = SOURCE_HEADER + ": " + source.name() + " ";
        long seq = own.state().lastSeq();
        while (seq > 0) {
            StoredMsg m;
            try {
                m = own.loadPrevMsg(List.of(SubjectFilter.of(">")), seq);
            } catch (StoreException e) {
                return 0;
            }
            String h = m.headers() == null ? "" : new String(m.headers(), StandardCharsets.UTF_8);
            int at = h.indexOf(prefix);
            if (at >= 0) {
                int end = h.indexOf('\r', at);
                return Long.parseLong(h.substring(at + prefix.length(), end).trim()) + 1;
            }
            seq = m.seq() - 1;
        }
        return 0;
    }

    /**
     * Stores one origin message in the follower, if its subject is followed.
     *
     * @param originSeq      its sequence in the origin
     * @param timestampNanos its time in the origin (a mirror keeps it)
     */
    void copy(String originSubject, byte[] headers, byte[] payload, long originSeq, long timestampNanos) {
        StreamStore own = target.store();
        String subject = mapped(originSubject);
        if (subject == null) {
            return;
        }
        if (mirror) {
            long last = mirrorLastSeq;
            if (originSeq > last + 1) {
                own.skipMsgs(last + 1, originSeq - last - 1);
            }
            own.storeRawMsg(subject, headers, payload, originSeq, timestampNanos, 0);
            mirrorLastSeq = originSeq;
            target.notifyAppended(originSeq, subject);
            return;
        }
        byte[] hdr = withSourceHeader(headers, source.name() + " " + originSeq);
        long seq;
        if (target.config().allowMsgCounter()) {
            synchronized (target.counterLock) {
                try {
                    MsgCounter.Applied counted = MsgCounter.addSourced(own, subject, source.name(), originSubject,
                        hdr, payload, target.maxPayloadBytes());
                    seq = own.storeMsg(subject, counted.headers(), counted.payload(), 0);
                } catch (ApiException e) {
                    LOG.warn("Stream {}: counter message {} from {} not applied: {}", target.name(), originSeq,
                        source.name(), e.description());
                    return;
                }
            }
        } else {
            seq = own.storeMsg(subject, hdr, payload, 0);
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
}
