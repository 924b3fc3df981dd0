package io.jnatsd.cluster.route;

import io.jnatsd.subject.QueueWeight;

import java.nio.charset.StandardCharsets;

/**
 * A subscription a peer told us of with {@code RS+} (the reference's route-owned
 * {@code subscription} with {@code qw}): its interest makes messages go to that route. A queue
 * subscription carries the peer's member count as its {@link QueueWeight}.
 *
 * <p>Thread-safe: the weight is written by the route's event loop and read by publishers.
 */
final class RemoteSub implements QueueWeight {

    private final RouteConnection route;
    private final String subject;
    private final String queue;
    /** The queue group's name as sent in an RMSG, null without a group. */
    private final byte[] queueBytes;
    private volatile int weight;

    RemoteSub(RouteConnection route, String subject, String queue, int weight) {
        this.route = route;
        this.subject = subject;
        this.queue = queue;
        this.queueBytes = queue == null ? null : queue.getBytes(StandardCharsets.ISO_8859_1);
        this.weight = weight;
    }

    RouteConnection route() {
        return route;
    }

    String subject() {
        return subject;
    }

    /** The queue group, or null. */
    String queue() {
        return queue;
    }

    /** The queue group's name in ISO-8859-1 bytes, or null; shared, not to be changed. */
    byte[] queueBytes() {
        return queueBytes;
    }

    void setWeight(int weight) {
        this.weight = weight;
    }

    @Override
    public int queueWeight() {
        return weight;
    }
}
