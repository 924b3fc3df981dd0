package io.jnatsd.account;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twin of {@code subscription} in {@code server/client.go}: one SUB of one connection.
 * Immutable except for the delivery limit (set by UNSUB with a max, on the owner's thread)
 * and the delivered count (bumped by any publisher's thread).
 */
public final class Subscription {

    private final Subscriber owner;
    private final String subject;
    private final String queue;
    private final String sid;
    private final byte[] sidBytes;
    private final AtomicLong delivered = new AtomicLong();
    private volatile long maxMsgs;
    private volatile boolean deliveryFiltered;

    public Subscription(Subscriber owner, String subject, String queue, String sid) {
        this.owner = owner;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
        this.sidBytes = sid.getBytes(StandardCharsets.ISO_8859_1);
    }

    public Subscriber owner() {
        return owner;
    }

    public String subject() {
        return subject;
    }

    /** The queue group, or {@code null} for a plain subscription. */
    public String queue() {
        return queue;
    }

    public String sid() {
        return sid;
    }

    /** The sid as sent in MSG lines; never modified by callers. */
    public byte[] sidBytes() {
        return sidBytes;
    }

    /**
     * Whether each delivery must be checked against the owner's subscribe deny list (a
     * wildcard subscription that overlaps a denied subject). Set before the subscription is
     * inserted; read by publishers' threads.
     */
    public boolean deliveryFiltered() {
        return deliveryFiltered;
    }

    public void setDeliveryFiltered(boolean filtered) {
        this.deliveryFiltered = filtered;
    }

    /** Messages delivered so far. Thread-safe. */
    public long delivered() {
        return delivered.get();
    }

    /** The auto-unsubscribe limit, 0 for none. */
    public long maxMsgs() {
        return maxMsgs;
    }

    /**
     * Sets the auto-unsubscribe limit ({@code UNSUB <sid> <max>}); owner's thread only. The limit is set before the
     * count is read, and a delivery counts before it reads the limit, so a delivery racing this call is seen by one
     * side or the other: either that delivery reaches the limit and tells the owner, or this call answers true.
     *
     * @param max the limit, above 0
     * @return true if the deliveries so far already reach it: the caller removes the subscription now
     */
    public boolean limitTo(long max) {
        this.maxMsgs = max;
        return delivered.get() >= max;
    }

    /**
     * Claims the right to deliver one more message. Thread-safe.
     *
     * @return false when the limit was already reached (the message must not be delivered);
     *         when this claim reaches the limit, the owner is told to unsubscribe
     */
    public boolean claimDelivery() {
        long n = delivered.incrementAndGet();
        long max = maxMsgs;
        if (max <= 0) {
            return true;
        }
        if (n == max) {
            owner.onAutoUnsubscribed(this);
            return true;
        }
        return n < max;
    }
}
