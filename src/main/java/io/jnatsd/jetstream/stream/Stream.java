package io.jnatsd.jetstream.stream;

import io.jnatsd.account.Subscription;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StreamState;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.server.InternalConnection;
import io.jnatsd.server.MsgTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Twin of {@code stream} in {@code server/stream.go}: one stream at run time, its config, its {@link StreamStore},
 * its ingest and the hooks consumers use (see the package documentation for the contract).
 *
 * <p>Design note: the stream itself holds no message state; the store does. Publishes enter through
 * {@link #publish}, are ordered by {@link StreamIngest} on the stream's own serial executor, and leave as
 * {@link MsgAppendListener} calls. Retention by interest or work queue is decided here from the consumers
 * registered as {@link ConsumerInterest}.
 *
 * <p>Threading: thread-safe. Config changes are serialised by the owning {@link AccountStreams}.
 */
public final class Stream {
    private final AccountStreams owner;
    private final StreamStore store;
    private final long createdNanos;
    private final StreamIngest ingest;
    private final List<MsgAppendListener> appendListeners = new CopyOnWriteArrayList<>();
    private final List<StreamLifecycleListener> lifecycleListeners = new CopyOnWriteArrayList<>();
    private final List<ConsumerInterest> consumers = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<StreamFollower> followers = new CopyOnWriteArrayList<>();
    private final MsgSchedules schedules = new MsgSchedules();
    private volatile StreamConfig config;
    private volatile boolean closed;

    Stream(AccountStreams owner, StreamConfig config, StreamStore store, long createdNanos) {
        this.owner = owner;
        this.config = config;
        this.store = store;
        this.createdNanos = createdNanos;
        this.ingest = new StreamIngest(this, owner.engine().ingestExecutor(), owner.client(),
            owner.engine().domain());
        if (config.mirror() != null) {
            followers.add(follower(owner, config.mirror(), true));
        }
        for (StreamConfig.StreamSource src : config.sources()) {
            followers.add(follower(owner, src, false));
        }
        if (config.allowMsgSchedules()) {
            schedules.recover(store, GoTime.nowNanos());
        }
    }

    /** @return the stream's message schedules; thread-safe */
    MsgSchedules schedules() {
        return schedules;
    }

    /**
     * Stores what the schedules due at {@code nowNanos} produce (through the ingest, in order with publishes).
     * Thread-safe; called by the JetStream timer.
     *
     * @param nowNanos the current time
     */
    void fireSchedules(long nowNanos) {
        if (closed || !config.allowMsgSchedules() || schedules.nextFireNanos() > nowNanos) {
            return;
        }
        for (MsgSchedules.Produced p : schedules.fireDue(store, nowNanos)) {
            ingest.enqueueScheduled(p.subject(), p.headers(), p.payload());
        }
    }

    private StreamFollower follower(AccountStreams owner, StreamConfig.StreamSource src, boolean mirror) {
        JetStreamEngine engine = owner.engine();
        if (src.external() != null && src.external().api() != null && !src.external().api().isEmpty()) {
            return new ExternalSourceFollower(this, src, mirror, owner.client(), engine.ingestExecutor(),
                engine.scheduler());
        }
        return new SourceFollower(this, src, mirror, engine.ingestExecutor());
    }

    /**
     * Held while a counter stream reads a subject's last total and stores the next one: its publishes (ingest) and
     * its sources (followers, on other threads) add to the same totals.
     */
    final Object counterLock = new Object();

    /** @return the server's max_payload now (it may change on reload); thread-safe */
    int maxPayloadBytes() {
        return owner.engine().server().options().maxPayload();
    }

    /**
     * What stream info shows of a mirror or source.
     *
     * @param name        the origin
     * @param lag         origin messages not yet copied
     * @param activeNanos time since the last copy, -1 when never
     * @param mirror      true for the mirror
     */
    public record SourceState(String name, long lag, long activeNanos, boolean mirror) {
    }

    /** @return the state of the stream's mirror and sources; thread-safe */
    public List<SourceState> sourceStates() {
        List<SourceState> out = new ArrayList<>();
        for (StreamFollower f : followers) {
            out.add(new SourceState(f.originName(), f.lag(), f.activeAgoNanos(), config.mirror() != null));
        }
        return out;
    }

    /** Attaches followers whose origin now exists. Caller: the owner, under its lock. */
    void attachFollowers() {
        for (StreamFollower f : followers) {
            f.attachIfReady(owner);
        }
    }

    /**
     * The TTL a stored message carries in its {@code Nats-TTL} header, as the publish path reads it.
     *
     * @param cfg     the stream's config
     * @param headers the stored header block, may be null
     * @return seconds, -1 for never, 0 for none (or a header the stream would refuse)
     */
    public static long storedTtlSeconds(StreamConfig cfg, byte[] headers) {
        JsHeaders h = JsHeaders.parse(headers);
        if (h == null || h.ttl() == null) {
            return 0;
        }
        try {
            return StreamIngest.ttlSeconds(cfg, h.ttl());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** @return the stream's name; thread-safe */
    public String name() {
        return config.name();
    }

    /** @return the current config; thread-safe */
    public StreamConfig config() {
        return config;
    }

    /** @return the store; thread-safe (the store is) */
    public StreamStore store() {
        return store;
    }

    /** @return the name of the account the stream belongs to; thread-safe */
    public String accountName() {
        return owner.account().name();
    }

    /** @return the account's streams; thread-safe */
    public AccountStreams account() {
        return owner;
    }

    /** @return creation time in nanoseconds since the epoch; thread-safe */
    public long createdNanos() {
        return createdNanos;
    }

    /** @return the store's state; thread-safe */
    public StreamState state() {
        return store.state();
    }

    /** @return true once deleted or stopped; thread-safe */
    public boolean isClosed() {
        return closed;
    }

    /** @param l told of every stored message from now on; thread-safe */
    public void addAppendListener(MsgAppendListener l) {
        appendListeners.add(l);
    }

    /** @param l no longer told; thread-safe */
    public void removeAppendListener(MsgAppendListener l) {
        appendListeners.remove(l);
    }

    /** @param l told of purges, deletes, updates; thread-safe */
    public void addLifecycleListener(StreamLifecycleListener l) {
        lifecycleListeners.add(l);
    }

    /** @param l no longer told; thread-safe */
    public void removeLifecycleListener(StreamLifecycleListener l) {
        lifecycleListeners.remove(l);
    }

    /**
     * Registers a consumer for retention decisions and {@code consumer_count}.
     *
     * @param c the consumer; thread-safe
     */
    public void registerConsumer(ConsumerInterest c) {
        consumers.add(c);
        store.adjustConsumerCount(1);
    }

    /** @param c a registered consumer; thread-safe */
    public void unregisterConsumer(ConsumerInterest c) {
        if (consumers.remove(c)) {
            store.adjustConsumerCount(-1);
        }
    }

    /** @return the registered consumers; thread-safe */
    public List<ConsumerInterest> consumers() {
        return List.copyOf(consumers);
    }

    /**
     * @param subject a subject
     * @return true if a registered consumer's filter matches it; thread-safe
     */
    public boolean hasInterest(String subject) {
        for (ConsumerInterest c : consumers) {
            if (c.isInterested(subject)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A consumer acked {@code seq}: under work-queue retention the message goes; under interest retention it goes
     * once no registered consumer still needs it. No effect under limits retention. Thread-safe.
     *
     * @param consumer the consumer that acked
     * @param seq      the stream sequence
     */
    public void onConsumerAck(ConsumerInterest consumer, long seq) {
        StreamConfig c = config;
        if (!c.isInterestBased()) {
            return;
        }
        if (c.isWorkQueue()) {
            store.removeMsg(seq);
            return;
        }
        String subject;
        try {
            subject = store.subjectForSeq(seq);
        } catch (StoreException e) {
            return;
        }
        for (ConsumerInterest other : consumers) {
            if (other != consumer && other.needsAck(seq, subject)) {
                return;
            }
        }
        store.removeMsg(seq);
    }

    /**
     * Hands a published message to the ingest queue; the PubAck goes to {@code reply} once durable.
     * Thread-safe, never blocks.
     *
     * @param subject the published subject
     * @param reply   where the PubAck goes, or null
     * @param headers header block or null
     * @param payload payload
     */
    public void publish(String subject, String reply, byte[] headers, byte[] payload) {
        ingest.enqueue(subject, reply, headers, payload);
    }

    /**
     * Purges; twin of {@code purge} in {@code server/stream.go}.
     *
     * @param filter subject filter or null
     * @param seq    purge below this sequence, 0 for no bound
     * @param keep   keep this many newest, 0 for none
     * @return how many were purged
     */
    public long purge(String filter, long seq, long keep) {
        if (config.sealed() || config.denyPurge()) {
            throw ApiError.STREAM_PURGE_FAILED_F.toException("stream purge not permitted");
        }
        return purgeUnchecked(filter, seq, keep);
    }

    long purgeUnchecked(String filter, long seq, long keep) {
        long purged;
        boolean hasFilter = filter != null && !filter.isEmpty() && !">".equals(filter);
        if (!hasFilter && seq > 0 && keep == 0) {
            purged = store.compact(seq);
        } else if (!hasFilter && seq == 0 && keep == 0) {
            purged = store.purge();
        } else {
            purged = store.purgeEx(hasFilter ? filter : "", seq, keep);
        }
        long first = store.state().firstSeq();
        for (StreamLifecycleListener l : lifecycleListeners) {
            l.onPurged(this, purged, first);
        }
        return purged;
    }

    /**
     * Deletes one message; twin of {@code removeMsg}/{@code eraseMsg}.
     *
     * @param seq     the sequence
     * @param noErase true to only remove, false to also overwrite the bytes
     * @return true if it was there
     */
    public boolean deleteMsg(long seq, boolean noErase) {
        StreamConfig c = config;
        if (c.sealed()) {
            throw ApiError.STREAM_SEALED.toException();
        }
        if (c.denyDelete()) {
            throw ApiError.STREAM_MSG_DELETE_FAILED_F.toException("message delete not permitted");
        }
        boolean removed = noErase ? store.removeMsg(seq) : store.eraseMsg(seq);
        if (removed) {
            for (StreamLifecycleListener l : lifecycleListeners) {
                l.onMsgDeleted(this, seq);
            }
        }
        return removed;
    }

    void notifyAppended(long seq, String subject) {
        for (MsgAppendListener l : appendListeners) {
            l.onAppended(this, seq, subject);
        }
    }

    void setConfig(StreamConfig newConfig) {
        StreamConfig old = config;
        config = newConfig;
        if (newConfig.allowMsgSchedules() && !old.allowMsgSchedules()) {
            schedules.recover(store, GoTime.nowNanos());
        }
        for (StreamLifecycleListener l : lifecycleListeners) {
            l.onConfigUpdated(this, old);
        }
    }

    /** Subscribes the stream's subjects on the account's JetStream client. Caller: the owner, under its lock. */
    void subscribeSubjects(InternalConnection client) {
        unsubscribeSubjects(client);
        for (String subject : config.subjects()) {
            subscriptions.add(client.subscribe(subject, null,
                (sub, subj, reply, hdr, payload) -> ingest.enqueue(subj, reply, hdr, payload, MsgTrace.current())));
        }
    }

    void unsubscribeSubjects(InternalConnection client) {
        for (Subscription s : subscriptions) {
            client.unsubscribe(s);
        }
        subscriptions.clear();
    }

    /** Tells listeners, stops ingest and closes the store. Caller: the owner. */
    void closeForDelete() {
        closed = true;
        followers.forEach(StreamFollower::stop);
        for (StreamLifecycleListener l : lifecycleListeners) {
            l.onDeleted(this);
        }
        ingest.stop();
        store.close();
    }

    /** Stops ingest and closes the store at shutdown, without telling listeners of a delete. */
    void closeForShutdown() {
        closed = true;
        followers.forEach(StreamFollower::stop);
        ingest.stop();
        store.close();
    }

    StreamIngest ingest() {
        return ingest;
    }

    /** @return published messages waiting to be stored (walks the queue: for monitoring only); thread-safe */
    public int pendingIngest() {
        return ingest.pending();
    }
}
