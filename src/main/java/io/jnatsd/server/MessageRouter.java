package io.jnatsd.server;

import io.jnatsd.account.Subscription;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.SublistResult;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Twin of {@code processMsgResults} in {@code server/client.go}: hands one published message
 * to every matching subscription, and to one member of each queue group.
 *
 * <p>Design note: delivery only appends to each target's {@link Outbound} and remembers the
 * target in the publisher's {@link PendingFlushes}; the writes happen once per read batch.
 * Stateless; called on the publisher's thread.
 */
public final class MessageRouter {

    private MessageRouter() {
    }

    /**
     * Delivers {@code message} to the subscriptions in {@code matches}.
     *
     * @param publisher the connection that published, for echo suppression
     * @param echo      false when the publisher asked not to get its own messages
     * @return how many subscriptions got the message
     */
    public static int deliver(SublistResult<Subscription> matches, PubArgs message, Connection publisher,
                              boolean echo, PendingFlushes flushes) {
        int delivered = deliverPlain(matches, message, publisher, echo, flushes);
        final int groups = matches.queueGroupCount();
        for (int g = 0; g < groups; g++) {
            if (deliverToQueueGroup(matches, g, message, publisher, echo, flushes)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Delivers to the plain (non-queue) subscriptions of {@code matches}; returns how many took it. */
    public static int deliverPlain(SublistResult<Subscription> matches, PubArgs message, Connection publisher,
                                   boolean echo, PendingFlushes flushes) {
        int delivered = 0;
        final int plain = matches.plainCount();
        for (int i = 0; i < plain; i++) {
            Subscription sub = matches.plain(i);
            if (!echo && sub.owner() == publisher) {
                MsgTrace.noEcho(message, sub);
                continue;
            }
            if (deliverTo(sub, message, flushes)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Queue group {@code group} of {@code matches}: picks members at random, starting anywhere
     * and wrapping, until one takes the message. Returns whether one did.
     */
    public static boolean deliverToQueueGroup(SublistResult<Subscription> matches, int group, PubArgs message,
                                               Connection publisher, boolean echo, PendingFlushes flushes) {
        int members = matches.queueMemberCount(group);
        if (members == 0) {
            return false;
        }
        int start = members == 1 ? 0 : ThreadLocalRandom.current().nextInt(members);
        for (int k = 0; k < members; k++) {
            Subscription sub = matches.queueMember(group, (start + k) % members);
            if (!echo && sub.owner() == publisher) {
                continue;
            }
            if (deliverTo(sub, message, flushes)) {
                return true;
            }
        }
        return false;
    }

    private static boolean deliverTo(Subscription sub, PubArgs message, PendingFlushes flushes) {
        if (message.trace() instanceof MsgTrace trace) {
            return trace.deliverTo(sub, message, flushes);
        }
        if (!sub.claimDelivery()) {
            return false;
        }
        return ((Connection) sub.owner()).deliver(sub, message, flushes) >= 0;
    }
}
