package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.stream.AckSubject;
import io.jnatsd.jetstream.store.StoreError;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.SubjectFilter;
import io.jnatsd.jetstream.stream.ConsumerInterest;
import io.jnatsd.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Twin of {@code server/consumer.go}: a JetStream consumer at run time, push or pull. It picks the next message
 * (redeliveries first, then the last-per-subject list, then the stream from its position), sends it with an ack
 * reply through the normal delivery engine, tracks acks, redelivers after ack_wait or backoff, answers pull
 * requests with the reference's status messages, and for push consumers keeps flow control and heartbeats.
 *
 * <p>Design note: all state is changed on the consumer's {@link SerialWorker} while holding this object's
 * monitor; other threads only enqueue work (acks, pull requests, stream signals) or take the monitor briefly
 * to read (info, needsAck). Pull requests, acks and flow-control replies run on the event loop that read them when
 * the worker is idle ({@link SerialWorker#executeHere}), so a pull batch reaches the requester's socket without a
 * hand-off between threads. Only consumers that wait for messages hear of stream appends, and the pending count
 * catches up lazily ({@link PendingCounter}), so a publish costs nothing per idle consumer. Per-message work is one store read, one ack subject and one publish. Timers only
 * enqueue work. The stream is told of released messages outside the monitor, so a stream lock is never taken
 * while holding it.
 *
 * <p>Threading: public methods are thread-safe.
 */
public final class Consumer implements ConsumerInterest {

    private static final Logger LOG = LoggerFactory.getLogger(Consumer.class);
    /** Messages sent per turn before the worker yields. */
    private static final int DELIVERIES_PER_TURN = 256;
    /** Flow control window limit of push consumers, bytes (the reference's JsFlowControlMaxPending). */
    private static final long FLOW_CONTROL_MAX_PENDING = 32L * 1024 * 1024;
    /** The window starts at limit / 16 and doubles with each flow control reply (slow start, as the reference). */
    private static final long FLOW_CONTROL_START_PENDING = FLOW_CONTROL_MAX_PENDING / 16;
    private static final byte[] EMPTY = new byte[0];
    private static final List<SubjectFilter> ALL = List.of(SubjectFilter.of(">"));

    final ConsumerHost host;
    final String stream;
    final String name;
    final Instant created;
    final ConsumerStateFile stateFile;
    final SerialWorker worker;
    final AckTracker tracker;
    private final AckReplyFormatter replies;
    private final String flowControlPrefix;
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    final PendingCounter numPendingCounter = new PendingCounter();
    final PushState push = new PushState();

    volatile ConsumerConfig config;
    volatile List<SubjectFilter> filters;
    volatile boolean wantsMessages;
    volatile boolean closed;
    /** True until the create response went out: clients expect it before any delivery. */
    private volatile boolean held = true;
    private volatile long knownLastSeq;

    WaitingRequests waiting;
    ArrayDeque<Long> skipList = new ArrayDeque<>();
    long resumeSeq;
    private ConsumerHost.Sub ackSub;
    private ConsumerHost.Sub nextSub;
    private ConsumerHost.Sub flowSub;
    private ConsumerHost.Sub interestWatch;
    private ScheduledFuture<?> ackTimer;
    private long ackTimerDueNanos;
    private ScheduledFuture<?> waitTimer;
    private ScheduledFuture<?> pumpTimer;
    ScheduledFuture<?> deleteTimer;
    ScheduledFuture<?> persistTimer;
    /** Double-ack replies sent once a state holding their acks is on disk. */
    final List<String> repliesAwaitingWrite = new ArrayList<>();
    /** Rises with each state snapshot taken for the file. */
    long stateGeneration;
    long lastDeliveredNanos;
    long lastAckNanos;
    long lastActivityNanos;
    private final DeliveryPacing pacing = new DeliveryPacing();
    final PriorityGroups priority = new PriorityGroups(this);
    private ConsumerHost.Batch batch; // deliveries of the current pump turn

    /** Push-only state: interest, flow control, heartbeats. Guarded by the consumer's monitor. */
    static final class PushState {
        boolean active;
        long pendingBytes;
        long maxPendingBytes;
        String flowControlId;
        long flowControlSize;
        long lastSentNanos;
        ScheduledFuture<?> heartbeatTimer;
    }

    /**
     * @param host      the stream and server around it
     * @param name      the consumer name
     * @param config    the config, defaults applied and checked
     * @param created   creation time
     * @param stateFile where a file consumer keeps its state, or null for memory consumers
     */
    public Consumer(ConsumerHost host, String name, ConsumerConfig config, Instant created,
                    ConsumerStateFile stateFile) {
        this.host = host;
        this.stream = host.streamFacts().name();
        this.name = name;
        this.config = config;
        this.created = created;
        this.stateFile = stateFile;
        this.worker = new SerialWorker(host.executor());
        this.tracker = new AckTracker(config);
        this.tracker.setMaxDeliveriesListener(this::onMaxDeliveries);
        this.replies = new AckReplyFormatter(AckSubject.v1Prefix(stream, name));
        this.flowControlPrefix = "$JS.FC." + stream + "." + name + ".";
        this.filters = toFilters(config);
        this.waiting = config.isPush() ? null
            : new WaitingRequests(config.maxWaiting(), config.priorityPolicy() == PriorityPolicy.PRIORITIZED);
    }

    /**
     * Picks the start position (or restores the saved state), subscribes to acks and, by mode, to pull requests
     * or deliver-subject interest. Call once.
     *
     * @param restored saved state of a file consumer, or null for a new one
     */
    public void start(ConsumerState restored) {
        synchronized (this) {
            knownLastSeq = host.store().state().lastSeq();
            if (restored != null) {
                tracker.restore(restored);
            } else {
                StartPosition p = StartPosition.select(config, host.store(), filters);
                tracker.startAt(p.startSeq());
                skipList = p.skipList();
                resumeSeq = p.resumeSeq();
            }
            if (config.replayPolicy() == ReplayPolicy.ORIGINAL) {
                pacing.startReplay(knownLastSeq);
            }
            numPendingCounter.recount(this);
            lastActivityNanos = host.nowNanos();
            push.maxPendingBytes = config.flowControl() ? FLOW_CONTROL_START_PENDING : 0;
            ackSub = host.subscribe(replies.prefix() + "*.*.*.*.*", this::onAckMessage);
            if (config.isPush()) {
                if (config.flowControl()) {
                    flowSub = host.subscribe(flowControlPrefix + "*", (s, r, h, p) -> onFlowControl(s));
                }
                interestWatch = host.watchInterest(config.deliverSubject(), emptyToNull(config.deliverGroup()),
                    has -> worker.execute(() -> onInterest(has)));
                ConsumerHousekeeping.armHeartbeat(this);
            }
            nextSub = host.subscribe("$JS.API.CONSUMER.MSG.NEXT." + stream + "." + name,
                (s, r, h, p) -> onPullRequest(r, h, p));
            if (tracker.hasPending()) {
                armAckTimer(Math.min(config.ackWaitNanos(), 1_000_000_000L));
            }
            ConsumerHousekeeping.armDeleteTimer(this);
            markDirty();
        }
        signal();
    }

    /** @return true if the consumer's filters match the subject (thread-safe) */
    @Override
    public boolean isInterested(String subject) {
        return matchesFilter(subject);
    }

    /** @return the consumer name */
    @Override
    public String name() {
        return name;
    }

    /** @return the stream name */
    public String stream() {
        return stream;
    }

    /** @return the current config */
    public ConsumerConfig config() {
        return config;
    }

    /** @return the creation time */
    public Instant created() {
        return created;
    }

    /** @return true for a push consumer whose deliver subject has subscribers */
    public synchronized boolean isActive() {
        return config.isPush() && push.active;
    }

    /**
     * Thread-safe: a message was stored in the stream. Cheap; delivery happens on the worker.
     *
     * @param seq     its sequence
     * @param subject its subject, or null when unknown
     */
    public void onAppended(long seq, String subject) {
        if (wantsMessages && (subject == null || matchesFilter(subject))) {
            signal();
        }
    }

    /**
     * Thread-safe: the stream was purged or messages were removed; pending counts are recomputed and acks below the
     * stream's first sequence dropped.
     */
    public void onStreamChanged() {
        worker.execute(() -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
                long first = host.store().state().firstSeq();
                if (tracker.nextStreamSeq() < first) {
                    tracker.setNextStreamSeq(first);
                }
                tracker.checkPending(host.nowNanos(), first);
                numPendingCounter.recount(this);
                markDirty();
            }
            signal();
        });
    }

    /**
     * Twin of {@code needAck}: whether interest retention must keep a message for this consumer.
     *
     * @param seq     the stream sequence
     * @param subject its subject
     * @return true if this consumer has not yet acked it
     */
    @Override
    public synchronized boolean needsAck(long seq, String subject) {
        if (!matchesFilter(subject)) {
            return false;
        }
        return switch (config.ackPolicy()) {
            case NONE -> seq >= tracker.nextStreamSeq();
            case ALL, FLOW_CONTROL -> seq > tracker.ackFloorStreamSeq();
            case EXPLICIT -> seq > tracker.ackFloorStreamSeq()
                && (seq >= tracker.nextStreamSeq() || tracker.isPending(seq));
        };
    }

    /** @return the consumer info, as INFO answers */
    public ConsumerInfo info() {
        return ConsumerControl.info(this);
    }

    /**
     * Twin of {@code resetStartingSeq}: moves the consumer to a stream sequence, forgetting pending acks.
     *
     * @param seq the sequence, or 0 for the ack floor
     * @return the sequence reset to
     * @throws ConsumerException when the deliver policy does not allow it
     */
    public long reset(long seq) {
        long to = ConsumerControl.reset(this, seq);
        signal();
        return to;
    }

    /**
     * Twin of the unpin request: forgets the pinned client of a group, so that the next request is pinned.
     *
     * @param group a group of the consumer
     */
    public void unpin(String group) {
        synchronized (this) {
            if (closed) {
                return;
            }
            priority.unpin(group);
        }
        signal();
    }

    /**
     * Applies an update the rules allowed (see {@link ConsumerConfigRules#checkUpdate}).
     *
     * @param updated the new config, defaults applied
     */
    public void update(ConsumerConfig updated) {
        synchronized (this) {
            ConsumerConfig old = config;
            config = updated;
            filters = toFilters(updated);
            tracker.configure(updated);
            if (waiting != null) {
                waiting.setPrioritized(updated.priorityPolicy() == PriorityPolicy.PRIORITIZED);
            }
            if (!java.util.Objects.equals(old.deliverSubject(), updated.deliverSubject()) && updated.isPush()) {
                if (interestWatch != null) {
                    interestWatch.unsubscribe();
                }
                tracker.expireAll();
                push.active = false;
                interestWatch = host.watchInterest(updated.deliverSubject(), emptyToNull(updated.deliverGroup()),
                    has -> worker.execute(() -> onInterest(has)));
            }
            if (!old.filters().equals(updated.filters())) {
                numPendingCounter.recount(this);
            }
            ConsumerHousekeeping.armDeleteTimer(this);
            persistMeta();
        }
        signal();
    }

    /**
     * Stops the consumer: unsubscribes, cancels timers, ends waiting pull requests with 409 Consumer Deleted.
     *
     * @param deleteState true when the consumer is deleted (its files go), false on shutdown (state is saved)
     */
    public void stop(boolean deleteState) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            setWantsMessages(false);
            for (ConsumerHost.Sub s : new ConsumerHost.Sub[]{ackSub, nextSub, flowSub, interestWatch}) {
                if (s != null) {
                    s.unsubscribe();
                }
            }
            for (ScheduledFuture<?> f : new ScheduledFuture<?>[]{ackTimer, waitTimer, pumpTimer, deleteTimer,
                persistTimer, push.heartbeatTimer}) {
                if (f != null) {
                    f.cancel(false);
                }
            }
            if (waiting != null && deleteState) {
                waiting.closeAll(StatusMessages.CONSUMER_DELETED, this::sendStatus);
            }
            priority.close();
            if (stateFile != null && !deleteState) {
                ConsumerHousekeeping.saveOnStop(this);
            } else if (stateFile != null) {
                try {
                    stateFile.delete();
                } catch (IOException e) {
                    LOG.warn("consumer '{} > {}': state file: {}", stream, name, e.toString());
                }
            }
        }
    }

    /** @return the delivery and ack state now, as a file consumer persists it (stream snapshots) */
    public synchronized ConsumerState snapshotState() {
        return tracker.snapshot();
    }

    /** Writes the config file of a file consumer. */
    public synchronized void persistMeta() {
        if (stateFile == null) {
            return;
        }
        try {
            stateFile.writeMeta(new ConsumerMeta(created, name, config));
        } catch (IOException e) {
            LOG.warn("consumer '{} > {}': meta file: {}", stream, name, e.toString());
        }
    }

    private void onAckMessage(String subject, String reply, byte[] headers, byte[] payload) {
        ConsumerAcks.onMessage(this, replies.prefix(), subject, reply, payload);
    }

    private void onPullRequest(String reply, byte[] headers, byte[] body) {
        if (reply == null || reply.isEmpty()) {
            return;
        }
        worker.executeHere(() -> {
            synchronized (this) {
                if (!closed) {
                    ConsumerPulls.handle(this, reply, headers, body);
                }
            }
        });
    }

    private void onFlowControl(String subject) {
        worker.executeHere(() -> {
            synchronized (this) {
                if (closed || !subject.equals(push.flowControlId)) {
                    return;
                }
                push.maxPendingBytes = Math.min(FLOW_CONTROL_MAX_PENDING, push.maxPendingBytes * 2);
                push.pendingBytes = Math.max(0, push.pendingBytes - push.flowControlSize);
                push.flowControlId = null;
                push.flowControlSize = 0;
            }
            signal();
        });
    }

    private void onInterest(boolean has) {
        synchronized (this) {
            if (closed) {
                return;
            }
            push.active = has;
            setWantsMessages(has);
            lastActivityNanos = host.nowNanos();
            if (!has && tracker.numAckPending() > 0 && config.ackPolicy() != AckPolicy.NONE) {
                tracker.expireAll();
            }
        }
        if (has) {
            signal();
        }
    }

    /** Thread-safe: asks the worker to deliver what it can. */
    public void signal() {
        if (pumpScheduled.compareAndSet(false, true)) {
            worker.execute(this::pump);
        }
    }

    /** Thread-safe: lets deliveries start (after the create response was sent). */
    public void release() {
        held = false;
        signal();
    }

    private void pump() {
        pumpScheduled.set(false);
        if (held) {
            return;
        }
        List<Long> released = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            long now = host.nowNanos();
            if (isPaused(now)) {
                schedulePump(toNanos(config.pauseUntil()) - now);
                expireWaiting(false, now);
                return;
            }
            boolean endOfStream = false;
            int sent = 0;
            numPendingCounter.catchUp(this);
            batch = host.batch();
            while (sent < DELIVERIES_PER_TURN) {
                if (!canSend()) {
                    break;
                }
                Candidate c = nextCandidate();
                if (c == null) {
                    endOfStream = !tracker.atMaxAckPending();
                    break;
                }
                long delay = pacing.holdBackNanos(c.redelivery, c.msg.seq(), c.msg.timestampNanos(),
                    config.rateLimitBps(), now);
                if (delay > 0) {
                    putBack(c);
                    schedulePump(delay);
                    break;
                }
                if (!deliver(c, now)) {
                    break;
                }
                if (config.ackPolicy() == AckPolicy.NONE && host.streamFacts().interestOrWorkQueue()) {
                    released = released == null ? new ArrayList<>() : released;
                    released.add(c.msg.seq());
                }
                sent++;
            }
            batch.flush();
            batch = null;
            if (sent == DELIVERIES_PER_TURN) {
                signal();
            }
            if (sent > 0) {
                markDirty();
            }
            if (waiting != null) {
                expireWaiting(endOfStream, now);
                setWantsMessages(!waiting.isEmpty());
            } else {
                setWantsMessages(push.active);
            }
        }
        if (released != null) {
            releaseAll(released);
        }
    }

    private boolean canSend() {
        if (config.isPush()) {
            return push.active && !(push.maxPendingBytes > 0 && push.pendingBytes > push.maxPendingBytes);
        }
        return !waiting.isEmpty();
    }

    /** A message picked for delivery, not yet committed. */
    private record Candidate(StoredMsg msg, boolean redelivery, boolean fromSkipList) {
    }

    /** Twin of {@code getNextMsg}, without committing. */
    private Candidate nextCandidate() {
        while (tracker.hasRedeliveries()) {
            long seq = tracker.pollRedelivery();
            if (seq == 0) {
                break;
            }
            StoredMsg m = load(seq);
            if (m == null) {
                tracker.dropGone(seq);
                continue;
            }
            return new Candidate(m, true, false);
        }
        if (tracker.atMaxAckPending()) {
            return null;
        }
        while (!skipList.isEmpty()) {
            StoredMsg m = load(skipList.peekFirst());
            if (m != null) {
                return new Candidate(m, false, true);
            }
            skipList.pollFirst();
            if (skipList.isEmpty()) {
                tracker.setNextStreamSeq(resumeSeq);
            }
        }
        long last = streamLastSeq();
        long from = tracker.nextStreamSeq();
        try {
            List<SubjectFilter> fs = filters;
            StoredMsg m = host.store().loadNextMsg(fs.isEmpty() ? ALL : fs, from);
            return new Candidate(m, false, false);
        } catch (StoreException e) {
            if (e.error() == StoreError.EOF) {
                if (last >= from && !filters.isEmpty()) {
                    tracker.setNextStreamSeq(last + 1);
                }
                numPendingCounter.set(0, last);
            }
            return null;
        }
    }

    private StoredMsg load(long seq) {
        try {
            return host.store().loadMsg(seq);
        } catch (StoreException e) {
            return null;
        }
    }

    private void putBack(Candidate c) {
        if (c.redelivery) {
            tracker.requeueRedelivery(c.msg.seq());
        }
    }

    /** Twin of {@code deliverMsg}: commits the candidate and sends it. Returns false if nobody could take it. */
    private boolean deliver(Candidate c, long now) {
        StoredMsg m = c.msg;
        long seq = m.seq();
        long dseq = tracker.deliveredConsumerSeq() + 1;
        long dc = c.redelivery ? tracker.deliveryCount(seq) + 1 : 1;
        long pending = c.redelivery ? Math.max(0, numPendingCounter.get())
            : Math.max(0, numPendingCounter.get() - 1);
        String reply = replies.format(dc, seq, dseq, m.timestampNanos(), pending);
        byte[] headers = m.headers();
        byte[] payload = m.payload();
        if (config.headersOnly()) {
            headers = StatusMessages.headersOnly(headers, payload.length);
            payload = EMPTY;
        }
        int size = m.subject().length() + reply.length() + headers.length + payload.length;
        String target;
        WaitingRequests.Request wr = null;
        if (config.isPush()) {
            target = config.deliverSubject();
        } else {
            wr = waiting.next(size, now, host::hasInterest, this::sendStatus, priority);
            if (wr == null) {
                putBack(c);
                return false;
            }
            target = wr.reply();
            headers = priority.stamp(headers);
            size = m.subject().length() + reply.length() + headers.length + payload.length;
        }
        commit(c, now);
        batch.deliver(target, m.subject(), reply, headers.length == 0 ? null : headers, payload);
        lastDeliveredNanos = now;
        lastActivityNanos = now;
        push.lastSentNanos = now;
        pacing.sent(m.timestampNanos(), size, config.rateLimitBps(), now);
        if (wr != null && wr.remaining() <= 0 && wr.bytesLeft() > 0) {
            sendStatus(target, StatusMessages.withPending(409, "Batch Completed", 0, wr.bytesLeft()));
        }
        if (config.isPush() && push.maxPendingBytes > 0) {
            push.pendingBytes += size;
            if (push.flowControlId == null && push.pendingBytes > push.maxPendingBytes / 2) {
                sendFlowControl();
            } else if (push.flowControlId != null && push.pendingBytes - push.flowControlSize >= push.maxPendingBytes) {
                push.flowControlSize += size;
            }
        }
        if (config.ackPolicy() != AckPolicy.NONE && ackTimer == null) {
            armAckTimer(firstWaitNanos(dc));
        }
        return true;
    }

    private void commit(Candidate c, long now) {
        long seq = c.msg.seq();
        if (c.redelivery) {
            tracker.deliverAgain(seq, now);
            return;
        }
        numPendingCounter.decrement();
        tracker.deliverNew(seq, now);
        if (c.fromSkipList) {
            skipList.pollFirst();
            tracker.setNextStreamSeq(skipList.isEmpty() ? resumeSeq : skipList.peekFirst());
        }
    }

    private void sendFlowControl() {
        String id = flowControlPrefix + ConsumerAdvisories.newId().substring(0, 4);
        push.flowControlId = id;
        push.flowControlSize = push.pendingBytes;
        host.publish(config.deliverSubject(), id, StatusMessages.FLOW_CONTROL_REQUEST, EMPTY);
    }

    void sendStatus(String subject, byte[] headers) {
        host.publish(subject, null, headers, EMPTY);
    }

    void releaseAll(List<Long> released) {
        if (released.isEmpty() || !host.streamFacts().interestOrWorkQueue()) {
            return;
        }
        for (long seq : released) {
            host.released(this, seq);
        }
    }

    private void expireWaiting(boolean endOfStream, long now) {
        long next = waiting.process(endOfStream, now, host::hasInterest, lastDelivered(), this::sendStatus);
        if (waitTimer != null) {
            waitTimer.cancel(false);
            waitTimer = null;
        }
        if (next != 0) {
            long delay = Math.max(1_000_000L, next - now);
            waitTimer = host.scheduler().schedule(this::signal, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void schedulePump(long delayNanos) {
        if (pumpTimer != null) {
            pumpTimer.cancel(false);
        }
        pumpTimer = host.scheduler().schedule(this::signal, Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
    }

    private long firstWaitNanos(long dc) {
        List<Long> b = config.backoffNanos();
        if (b != null && !b.isEmpty()) {
            return b.get((int) Math.min(dc - 1, b.size() - 1));
        }
        return config.ackWaitNanos();
    }

    void armAckTimer(long delayNanos) {
        long due = host.nowNanos() + delayNanos;
        if (ackTimer != null && ackTimerDueNanos - due <= 0) {
            return;
        }
        if (ackTimer != null) {
            ackTimer.cancel(false);
        }
        ackTimerDueNanos = due;
        ackTimer = host.scheduler().schedule(() -> worker.execute(this::checkPending),
            Math.max(1, delayNanos) + 1_000_000L, TimeUnit.NANOSECONDS);
    }

    /** Twin of {@code checkPending}, on the worker. */
    private void checkPending() {
        boolean redeliver;
        synchronized (this) {
            ackTimer = null;
            if (closed) {
                return;
            }
            long next = tracker.checkPending(host.nowNanos(), host.store().state().firstSeq());
            redeliver = tracker.hasRedeliveries();
            if (next > 0) {
                armAckTimer(next);
            }
            markDirty();
        }
        if (redeliver) {
            signal();
        }
    }

    private void onMaxDeliveries(long seq, long deliveries) {
        Map.Entry<String, Map<String, Object>> e = ConsumerAdvisories.maxDeliveries(stream, name, seq, deliveries);
        host.advisory(e.getKey(), e.getValue());
    }

    void markDirty() {
        ConsumerHousekeeping.markDirty(this);
    }

    /** @return the stream's last sequence as far as this consumer knows (appends are told to the host) */
    long streamLastSeq() {
        long l = host.lastAppendedSeq();
        if (l > knownLastSeq) {
            knownLastSeq = l;
        }
        return knownLastSeq;
    }

    /** Under the monitor: whether stream appends should wake this consumer (the host keeps only those). */
    void setWantsMessages(boolean wants) {
        if (wantsMessages != wants) {
            wantsMessages = wants;
            host.wantsMessages(this, wants);
        }
    }

    private boolean matchesFilter(String subject) {
        List<SubjectFilter> fs = filters;
        if (fs.isEmpty()) {
            return true;
        }
        for (String f : config.filters()) {
            if (Subjects.subjectIsSubsetMatch(subject, f)) {
                return true;
            }
        }
        return false;
    }

    long[] lastDelivered() {
        return new long[]{tracker.deliveredConsumerSeq(), tracker.deliveredStreamSeq()};
    }

    boolean isPaused(long now) {
        Instant until = config.pauseUntil();
        return until != null && toNanos(until) - now > 0;
    }

    private static List<SubjectFilter> toFilters(ConsumerConfig c) {
        List<SubjectFilter> out = new ArrayList<>();
        for (String f : c.filters()) {
            out.add(SubjectFilter.of(f));
        }
        return List.copyOf(out);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static long toNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
