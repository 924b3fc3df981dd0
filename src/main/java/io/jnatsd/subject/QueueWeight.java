package io.jnatsd.subject;

/**
 * Implemented by a queue subscription that stands for several queue members elsewhere: a route or leaf node
 * subscription that carries the remote side's member count (the reference's {@code sub.qw} and
 * {@code isRemoteQSub}). A {@link Sublist} lists such a value that many times in its queue group, so that a
 * random pick among the members weighs the remote side fairly.
 *
 * <p>The weight is read when a result is built. After changing it, call
 * {@link Sublist#queueWeightChanged(String)} with the subscription's subject so that cached results are
 * rebuilt.
 */
public interface QueueWeight {

    /** How many queue members this subscription stands for; values below 1 count as 1. Thread-safe. */
    int queueWeight();

    /** The number of times {@code value} appears in a queue group: its weight, or 1. */
    static int of(Object value) {
        return value instanceof QueueWeight weighted ? Math.max(1, weighted.queueWeight()) : 1;
    }
}
