package io.jnatsd.jetstream.consumer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Twin of {@code waitQueue}, {@code nextWaiting} and {@code processWaiting} in {@code server/consumer.go}: the
 * pull requests of a consumer waiting for messages. A request served one message goes to the back of the queue
 * (round robin between requests, as {@code pop} does); under the prioritized policy the queue is kept sorted by
 * priority, lowest first, and a served request goes to the back of its priority level ({@code popAndRequeue}).
 * Priority-group rules (pinned client, overflow thresholds) are asked of a {@link Gate} for each request.
 *
 * <p>Status messages (408 Request Timeout, 404 No Messages, 409 Message Size Exceeds MaxBytes, idle
 * heartbeats) go out through the {@link Sink} given to each call.
 *
 * <p>Threading: not thread-safe; confined to its consumer's worker.
 */
public final class WaitingRequests {

    /** Where status messages go. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param subject the request's reply subject
         * @param headers a header-only status message
         */
        void send(String subject, byte[] headers);
    }

    /** Decides, for priority groups, whether a request may take the next message. */
    public interface Gate {
        /** The request may take the message. */
        int SERVE = 0;
        /** The request waits: it goes to the back of the queue and the next one is asked. */
        int SKIP = 1;
        /** The request is ended (the gate sent its status) and removed. */
        int DROP = 2;

        /**
         * @param r the request at the head of the queue
         * @return {@link #SERVE}, {@link #SKIP} or {@link #DROP}
         */
        int check(Request r);

        /**
         * The request the gate let through could not take the message after all (max_bytes, or its requester went
         * away), so whatever the gate gave it (a pin) goes back for the next request.
         *
         * @param r the request
         */
        void refused(Request r);
    }

    /** The gate of consumers without a priority policy. */
    public static final Gate OPEN = new Gate() {
        @Override
        public int check(Request r) {
            return SERVE;
        }

        @Override
        public void refused(Request r) {
            // nothing to undo
        }
    };

    /** One waiting pull request. */
    public static final class Request {
        final String reply;
        int remaining;
        int delivered;
        long bytesLeft;
        final boolean maxBytesSet;
        final long expiresAtNanos;
        final boolean noWait;
        final long heartbeatNanos;
        long nextHeartbeatNanos;
        final PullRequest source;
        /** The pin id it carries: the request's own, or the one assigned to it (pinned client policy). */
        String pinId;

        Request(String reply, PullRequest r, long nowNanos) {
            this.pinId = r.id();
            this.reply = reply;
            this.remaining = Math.max(1, r.batch());
            this.bytesLeft = r.maxBytes();
            this.maxBytesSet = r.maxBytes() > 0;
            this.expiresAtNanos = r.expiresNanos() > 0 ? nowNanos + r.expiresNanos() : 0;
            this.noWait = r.noWait();
            this.heartbeatNanos = r.idleHeartbeatNanos();
            this.nextHeartbeatNanos = heartbeatNanos > 0 ? nowNanos + heartbeatNanos : 0;
            this.source = r;
        }

        /** @return the reply subject to deliver to */
        public String reply() {
            return reply;
        }

        /** @return messages still asked for */
        public int remaining() {
            return remaining;
        }

        /** @return bytes still allowed, 0 when max_bytes was not set */
        public long bytesLeft() {
            return bytesLeft;
        }

        /** @return the pin id it carries, or "" */
        public String pinId() {
            return pinId;
        }

        /** @return the pull request */
        public PullRequest source() {
            return source;
        }
    }

    private final LinkedList<Request> queue = new LinkedList<>();
    private final int max;
    private boolean prioritized;

    /** @param maxWaiting most requests kept (max_waiting) */
    public WaitingRequests(int maxWaiting) {
        this(maxWaiting, false);
    }

    /**
     * @param maxWaiting  most requests kept (max_waiting)
     * @param prioritized true for the prioritized policy: the queue is sorted by request priority, lowest first
     */
    public WaitingRequests(int maxWaiting, boolean prioritized) {
        this.max = maxWaiting <= 0 ? Integer.MAX_VALUE : maxWaiting;
        this.prioritized = prioritized;
    }

    /**
     * Follows a config update: requests added from now on are sorted by priority, or not.
     *
     * @param prioritized true for the prioritized policy
     */
    public void setPrioritized(boolean prioritized) {
        this.prioritized = prioritized;
    }

    /** @return how many requests wait */
    public int size() {
        return queue.size();
    }

    /** @return true when none waits */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** @return true when max_waiting requests wait */
    public boolean isFull() {
        return queue.size() >= max;
    }

    /** @return the sum of messages asked for by all waiting requests */
    public long batchPending() {
        long n = 0;
        for (Request r : queue) {
            n += r.remaining;
        }
        return n;
    }

    /**
     * @param reply    the reply subject
     * @param request  the request
     * @param nowNanos wall-clock now
     * @return the queued request, or null when the queue is full
     */
    public Request add(String reply, PullRequest request, long nowNanos) {
        if (isFull()) {
            return null;
        }
        Request r = new Request(reply, request, nowNanos);
        if (prioritized) {
            insertByPriority(r);
        } else {
            queue.add(r);
        }
        return r;
    }

    /** Twin of {@code insertAtPosition}: after every request of the same or a lower priority number. */
    private void insertByPriority(Request r) {
        int p = priorityOf(r);
        int i = 0;
        for (Request q : queue) {
            if (priorityOf(q) > p) {
                break;
            }
            i++;
        }
        queue.add(i, r);
    }

    private static int priorityOf(Request r) {
        return r.source.hasPriorityGroup() ? r.source.priority() : Integer.MAX_VALUE;
    }

    /**
     * Twin of {@code nextWaiting}: picks the request the next message of {@code size} bytes goes to, dropping
     * expired requests (408), requests whose max_bytes the message would pass (409) and requests with no
     * interest left, and skipping those the gate holds back; counts the message against the one picked.
     *
     * @param size       the message size as the reference counts it
     * @param nowNanos   wall-clock now
     * @param interested tells whether a reply subject still has subscribers
     * @param sink       where status messages go
     * @param gate       the priority-group rules, {@link #OPEN} for none
     * @return the request to deliver to, or null when none can take it
     */
    public Request next(int size, long nowNanos, Predicate<String> interested, Sink sink, Gate gate) {
        int cycled = 0;
        while (!queue.isEmpty()) {
            Request r = queue.peekFirst();
            if (r.expiresAtNanos != 0 && nowNanos - r.expiresAtNanos >= 0) {
                sink.send(r.reply, StatusMessages.withPending(408, "Request Timeout", r.remaining, r.bytesLeft));
                queue.pollFirst();
                continue;
            }
            int verdict = gate.check(r);
            if (verdict == Gate.DROP) {
                queue.pollFirst();
                continue;
            }
            if (verdict == Gate.SKIP) {
                queue.addLast(queue.pollFirst());
                if (++cycled >= queue.size()) {
                    return null;
                }
                continue;
            }
            if (!takesBytes(r, size, sink)) {
                gate.refused(r);
                queue.pollFirst();
                continue;
            }
            if (!interested.test(r.reply)) {
                gate.refused(r);
                queue.pollFirst();
                continue;
            }
            pop(r, nowNanos);
            return r;
        }
        return null;
    }

    private static boolean takesBytes(Request r, int size, Sink sink) {
        if (!r.maxBytesSet) {
            return true;
        }
        if (size <= r.bytesLeft) {
            r.bytesLeft -= size;
            if (r.bytesLeft == 0) {
                r.remaining = 1;
            }
            return true;
        }
        sink.send(r.reply, StatusMessages.withPending(409, "Message Size Exceeds MaxBytes", r.remaining,
            r.bytesLeft));
        return false;
    }

    /** Twin of {@code pop} and {@code popAndRequeue}: counts one message; a request with more to take moves back. */
    private void pop(Request r, long nowNanos) {
        r.remaining--;
        r.delivered++;
        queue.pollFirst();
        if (r.remaining <= 0) {
            return;
        }
        if (r.heartbeatNanos > 0) {
            r.nextHeartbeatNanos = nowNanos + r.heartbeatNanos;
        }
        if (prioritized) {
            insertByPriority(r);
        } else {
            queue.addLast(r);
        }
    }

    /**
     * Twin of {@code processWaiting}: expires requests (408), ends no_wait requests at the end of the stream
     * (404), drops requests without interest and sends due heartbeats.
     *
     * @param endOfStream     true when there is nothing more to deliver now
     * @param nowNanos        wall-clock now
     * @param interested      tells whether a reply subject still has subscribers
     * @param lastDelivered   {consumer seq, stream seq} for heartbeats
     * @param sink            where status messages go
     * @return the wall-clock time of the next expiry or heartbeat, or 0 when none
     */
    public long process(boolean endOfStream, long nowNanos, Predicate<String> interested, long[] lastDelivered,
                        Sink sink) {
        long next = 0;
        Iterator<Request> it = queue.iterator();
        while (it.hasNext()) {
            Request r = it.next();
            boolean expired = r.expiresAtNanos != 0 && nowNanos - r.expiresAtNanos >= 0;
            if ((endOfStream && r.noWait) || expired) {
                if (expired) {
                    sink.send(r.reply, StatusMessages.withPending(408, "Request Timeout", r.remaining, r.bytesLeft));
                    it.remove();
                    continue;
                } else if (r.expiresAtNanos == 0 || r.delivered > 0) {
                    sink.send(r.reply, StatusMessages.NO_MESSAGES);
                    it.remove();
                    continue;
                }
            }
            if (!interested.test(r.reply)) {
                it.remove();
                continue;
            }
            if (r.nextHeartbeatNanos != 0) {
                if (nowNanos - r.nextHeartbeatNanos >= 0) {
                    sink.send(r.reply, StatusMessages.idleHeartbeat(lastDelivered[0], lastDelivered[1], null));
                    r.nextHeartbeatNanos = nowNanos + r.heartbeatNanos;
                }
                next = earliest(next, r.nextHeartbeatNanos);
            }
            if (r.expiresAtNanos != 0) {
                next = earliest(next, r.expiresAtNanos);
            }
        }
        return next;
    }

    /**
     * Ends every request with a status (consumer deleted, server shutting down).
     *
     * @param status the status to send
     * @param sink   where it goes
     */
    public void closeAll(byte[] status, Sink sink) {
        List<Request> all = new ArrayList<>(queue);
        queue.clear();
        for (Request r : all) {
            sink.send(r.reply, status);
        }
    }

    private static long earliest(long a, long b) {
        return a == 0 || b - a < 0 ? b : a;
    }
}
