package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One mirror or source of a stream in the same account, followed inside the server: twin of
 * {@code setupMirrorConsumer} / {@code setSourceConsumer} of {@code server/stream.go}, but reading the origin
 * stream's store directly instead of through an internal consumer, since origin and follower live in the same
 * server and account. {@link ExternalSourceFollower} follows origins behind another account's API.
 *
 * <p>Design note: copying runs on the engine's ingest executor, one pump at a time per follower, woken by the
 * origin's {@link MsgAppendListener}; {@link FollowedCopy} does the writing.
 *
 * <p>Threading: thread-safe; {@link #pump} is serialised by the scheduled flag.
 */
final class SourceFollower implements StreamFollower, MsgAppendListener {
    private static final int PUMP_BATCH_MAX = 1024;

    private final Stream target;
    private final StreamConfig.StreamSource source;
    private final Executor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final FollowedCopy writer;
    private volatile Stream origin;
    private volatile long nextSeq;
    private volatile long lastActiveNanos;
    private volatile boolean stopped;

    SourceFollower(Stream target, StreamConfig.StreamSource source, boolean mirror, Executor executor) {
        this.target = target;
        this.source = source;
        this.executor = executor;
        this.writer = new FollowedCopy(target, source, mirror);
    }

    @Override
    public String originName() {
        return source.name();
    }

    @Override
    public void attachIfReady(AccountStreams owner) {
        if (origin == null) {
            owner.lookup(source.name()).ifPresent(this::attach);
        }
    }

    /** Attaches to the origin once it exists, finds the start position and copies what is there. */
    private synchronized void attach(Stream originStream) {
        if (origin != null || stopped) {
            return;
        }
        origin = originStream;
        nextSeq = writer.resumeSeq(originStream.store()::seqFromTime);
        originStream.addAppendListener(this);
        schedule();
    }

    @Override
    public void stop() {
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
                writer.copy(m.subject(), m.headers(), m.payload(), m.seq(), m.timestampNanos());
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

    @Override
    public long lag() {
        Stream o = origin;
        if (o == null) {
            return 0;
        }
        return Math.max(0, o.store().state().lastSeq() - (nextSeq - 1));
    }

    @Override
    public long activeAgoNanos() {
        long t = lastActiveNanos;
        return t == 0 ? -1 : System.nanoTime() - t;
    }
}
