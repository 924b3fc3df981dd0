package io.jnatsd.jetstream.consumer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Twin of the priority-group parts of {@code server/consumer.go} ({@code assignNewPinId}, {@code unassignPinId},
 * {@code setPinnedTimer}, the pin and overflow branches of {@code nextWaiting} and {@code processNextMsgRequest}):
 * the pinned client of a pull consumer and the overflow thresholds of its requests.
 *
 * <p>Pinned client: the first request of the group that takes a message while nobody is pinned gets a new pin id;
 * every message sent under the policy carries it in {@code Nats-Pin-Id}. Requests without an id then wait (they are
 * skipped), requests with another id end with {@code 423}. The pin goes after {@code priority_timeout} without a
 * request of the pinned client, or on {@code $JS.API.CONSUMER.UNPIN}; each change sends the pinned or unpinned
 * advisory. Overflow: a request with {@code min_pending} or {@code min_ack_pending} is served only while the
 * consumer has at least that many messages pending or acks outstanding.
 *
 * <p>Threading: caller holds the consumer's monitor (on its worker), except for the timer, which only enqueues.
 */
final class PriorityGroups implements WaitingRequests.Gate {

    /** The header that carries the pin id on deliveries and pull requests. */
    static final String PIN_ID_HEADER = "Nats-Pin-Id";

    private final Consumer c;
    private String pinId = "";
    private long pinnedAtNanos;
    /** Identifies the armed pin timer; a timer that fires after being replaced finds another token and stops. */
    private Object pinTimerToken;
    private ScheduledFuture<?> pinTimer;
    /** The request that got the pin in the last {@link #check}, so that a refusal (max_bytes, requester gone) gives it back. */
    private WaitingRequests.Request justPinned;

    /** @param c the consumer whose monitor guards this */
    PriorityGroups(Consumer c) {
        this.c = c;
    }

    /** @return the current pin id, or "" when nobody is pinned */
    String pinId() {
        return pinId;
    }

    /**
     * The request-time pin check of {@code processNextMsgRequest}: a request of the pinned client restarts the pin
     * timer; a request with another id is refused.
     *
     * @param r the request, already checked by {@link PullRules}
     * @return the 423 status refusing it, or null
     */
    byte[] onRequest(PullRequest r) {
        if (!r.hasPriorityGroup() || c.config.priorityPolicy() == PriorityPolicy.NONE || pinId.isEmpty()) {
            return null;
        }
        if (r.id().equals(pinId)) {
            armTimer(r.group());
            return null;
        }
        if (!r.id().isEmpty()) {
            return StatusMessages.status(423, "Nats-Pin-Id mismatch");
        }
        return null;
    }

    @Override
    public int check(WaitingRequests.Request r) {
        justPinned = null;
        PullRequest p = r.source();
        PriorityPolicy policy = c.config.priorityPolicy();
        if (policy == PriorityPolicy.PINNED_CLIENT) {
            return checkPin(r, p);
        }
        if (policy == PriorityPolicy.OVERFLOW && (p.minPending() > 0 || p.minAckPending() > 0)) {
            boolean enoughPending = p.minPending() > 0 && p.minPending() <= c.numPendingCounter.get();
            boolean enoughAcks = p.minAckPending() > 0 && p.minAckPending() <= c.tracker.numAckPending();
            return enoughPending || enoughAcks ? SERVE : SKIP;
        }
        return SERVE;
    }

    private int checkPin(WaitingRequests.Request r, PullRequest p) {
        if (pinId.isEmpty()) {
            if (r.pinId.isEmpty()) {
                assign(p.group());
                r.pinId = pinId;
                justPinned = r;
                return SERVE;
            }
            wrongPin(r);
            return DROP;
        }
        if (r.pinId.equals(pinId)) {
            return SERVE;
        }
        if (r.pinId.isEmpty()) {
            return SKIP;
        }
        wrongPin(r);
        return DROP;
    }

    private void wrongPin(WaitingRequests.Request r) {
        c.sendStatus(r.reply(), StatusMessages.withPending(423, "Nats-Wrong-Pin-Id", r.remaining(), r.bytesLeft()));
    }

    @Override
    public void refused(WaitingRequests.Request r) {
        if (r == justPinned) {
            unassign();
        }
    }

    /**
     * Adds {@code Nats-Pin-Id} to a pull delivery of a pinned-client consumer.
     *
     * @param headers the message's header block, possibly empty
     * @return the header block to send
     */
    byte[] stamp(byte[] headers) {
        if (c.config.priorityPolicy() != PriorityPolicy.PINNED_CLIENT) {
            return headers;
        }
        return StatusMessages.withHeader(headers, PIN_ID_HEADER, pinId);
    }

    /**
     * Twin of the unpin request: forgets the pin and sends the unpinned advisory with reason {@code admin}.
     *
     * @param group the group
     */
    void unpin(String group) {
        unassign();
        advisory(ConsumerAdvisories.unpinned(c.stream, c.name, group, "admin"));
    }

    /** @return the priority group states of consumer info (the first group, as the reference reports) */
    List<ConsumerInfo.PriorityGroupState> states() {
        List<String> groups = c.config.priorityGroups();
        if (groups == null || groups.isEmpty()) {
            return null;
        }
        Instant ts = pinId.isEmpty() ? ConsumerJson.GO_ZERO_TIME : Consumer.toInstant(pinnedAtNanos);
        return List.of(new ConsumerInfo.PriorityGroupState(groups.get(0), pinId, ts));
    }

    /** Cancels the pin timer (consumer stopped). */
    void close() {
        cancelTimer();
    }

    private void assign(String group) {
        if (group.isEmpty()) {
            return;
        }
        pinId = ConsumerAdvisories.newId();
        pinnedAtNanos = c.host.nowNanos();
        armTimer(group);
        advisory(ConsumerAdvisories.pinned(c.stream, c.name, group, pinId));
    }

    private void unassign() {
        pinId = "";
        pinnedAtNanos = 0;
        cancelTimer();
    }

    private void armTimer(String group) {
        cancelTimer();
        long ttl = c.config.pinnedTtlNanos();
        if (ttl <= 0) {
            return;
        }
        Object token = new Object();
        pinTimerToken = token;
        pinTimer = c.host.scheduler().schedule(() -> c.worker.execute(() -> expire(group, token)), ttl,
            TimeUnit.NANOSECONDS);
    }

    /** On the worker: the pinned client sent no request for {@code priority_timeout}. */
    private void expire(String group, Object token) {
        synchronized (c) {
            if (c.closed || pinId.isEmpty() || token != pinTimerToken) {
                return;
            }
            unassign();
            advisory(ConsumerAdvisories.unpinned(c.stream, c.name, group, "timeout"));
        }
        c.signal();
    }

    private void cancelTimer() {
        pinTimerToken = null;
        if (pinTimer != null) {
            pinTimer.cancel(false);
            pinTimer = null;
        }
    }

    private void advisory(Map.Entry<String, Map<String, Object>> e) {
        c.host.advisory(e.getKey(), e.getValue());
    }
}
