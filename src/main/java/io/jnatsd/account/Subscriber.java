package io.jnatsd.account;

/**
 * The owner of a subscription as the delivery engine sees it: a client, route, leaf or
 * internal connection. Kept to what delivery needs so that the account room does not depend
 * on the server room.
 */
public interface Subscriber {

    /** Server-unique id of the owning connection (the reference's cid). */
    long connectionId();

    /**
     * Called when a subscription with a delivery limit reached it. The owner removes it from
     * its own table and the account's sublist on its own thread. Thread-safe.
     */
    void onAutoUnsubscribed(Subscription subscription);
}
