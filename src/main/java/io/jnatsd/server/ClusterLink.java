package io.jnatsd.server;

import io.jnatsd.account.Account;
import io.jnatsd.account.Subscription;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.InterestListener;
import io.jnatsd.subject.SublistResult;

/**
 * What the server core asks of clustering, so that {@code server} does not depend on the
 * route room: deliver a client's message locally and to the routes with interest, and hear of
 * local subscriptions as they come and go. Installed once, before clients are accepted
 * ({@link NatsServer#setClusterLink}); without it delivery is local only.
 *
 * <p>Implementations are thread-safe.
 */
public interface ClusterLink {

    /**
     * Delivers a message a local connection published: to the local subscriptions in
     * {@code matches} and to every route with interest, once per route. Publisher's thread.
     *
     * @return how many local subscriptions and routes got the message
     */
    int deliver(Account account, SublistResult<Subscription> matches, PubArgs msg, Connection publisher,
                boolean echo, PendingFlushes flushes);

    /**
     * Delivers a message that local receivers see under another subject than the one it is routed by (a JetStream
     * delivery keeps the stored subject while it goes to a deliver subject): {@code local} to the local
     * subscriptions in {@code matches}, {@code routed} to every route with interest in the routed subject. A queue
     * group still gets one message in the whole cluster. Publisher's thread.
     *
     * @return how many local subscriptions and routes got the message
     */
    default int deliver(Account account, SublistResult<Subscription> matches, PubArgs local, PubArgs routed,
                        Connection publisher, boolean echo, PendingFlushes flushes) {
        return MessageRouter.deliver(matches, local, publisher, echo, flushes);
    }

    /**
     * @return true if a peer has a subscription matching the literal {@code subject}. Thread-safe.
     */
    default boolean hasRemoteInterest(Account account, String subject) {
        return false;
    }

    /**
     * Tells {@code listener} when a peer's exact interest in {@code subject} (and {@code queue}) comes and goes,
     * as {@code Sublist.registerInterestListener} does for local interest. Thread-safe.
     *
     * @return what stops the notifications
     */
    default Runnable watchRemoteInterest(Account account, String subject, String queue, InterestListener listener) {
        return () -> { };
    }

    /** A local subscription was added ({@code added}) or removed. The owner's thread. */
    void onLocalSubscription(Account account, Subscription subscription, boolean added);
}
