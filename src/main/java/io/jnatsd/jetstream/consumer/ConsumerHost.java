package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.store.StreamStore;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a consumer needs from the stream and the server around it; implemented by the stream runtime's glue so
 * that the consumer room depends on no server class.
 *
 * <p>Threading: every method is thread-safe.
 */
public interface ConsumerHost {

    /** Receives messages of a consumer's internal subscription, on the publisher's thread. */
    @FunctionalInterface
    interface Handler {
        /**
         * @param subject the subject
         * @param reply   the reply subject or null
         * @param headers the header block or null
         * @param payload the payload
         */
        void onMessage(String subject, String reply, byte[] headers, byte[] payload);
    }

    /** An internal subscription. */
    interface Sub {
        /** Stops it. */
        void unsubscribe();
    }

    /** @return the stream's store */
    StreamStore store();

    /** @return the stream's current config facts */
    StreamFacts streamFacts();

    /** @return the account name */
    String accountName();

    /**
     * Publishes in the consumer's account through the normal delivery engine.
     *
     * @param subject subject
     * @param reply   reply or null
     * @param headers header block or null
     * @param payload payload or null
     */
    void publish(String subject, String reply, byte[] headers, byte[] payload);

    /**
     * Delivers a stored message to the subscribers of {@code target}, keeping its own subject.
     *
     * @param target  deliver subject or pull reply subject
     * @param subject the message's stored subject
     * @param reply   the ack reply
     * @param headers header block or null
     * @param payload payload
     */
    void deliver(String target, String subject, String reply, byte[] headers, byte[] payload);

    /** Deliveries that are flushed together; used by one thread. */
    interface Batch {
        /**
         * Like {@link ConsumerHost#deliver}, flushed at {@link #flush()}.
         *
         * @param target  deliver subject or pull reply subject
         * @param subject the stored subject
         * @param reply   the ack reply
         * @param headers header block or null
         * @param payload payload
         */
        void deliver(String target, String subject, String reply, byte[] headers, byte[] payload);

        /** Flushes every receiver once. */
        void flush();
    }

    /** @return a new delivery batch */
    Batch batch();

    /**
     * Publishes an advisory in the system and the consumer's account, as the reference does.
     *
     * @param subject the advisory subject
     * @param event   the event (JSON-serialisable)
     */
    void advisory(String subject, Object event);

    /**
     * @param subject a literal subject, wildcards allowed
     * @param handler the handler
     * @return the subscription
     */
    Sub subscribe(String subject, Handler handler);

    /**
     * @param subject a literal subject
     * @return true if anything subscribes to it
     */
    boolean hasInterest(String subject);

    /**
     * @param subject  a deliver subject
     * @param queue    the deliver group or null
     * @param listener told when exact interest comes and goes (at once with the current state)
     * @return a handle that stops the notifications
     */
    Sub watchInterest(String subject, String queue, io.jnatsd.subject.InterestListener listener);

    /**
     * Tells the stream that this consumer no longer needs a message (interest and workqueue retention).
     *
     * @param consumer the consumer
     * @param seq      the stream sequence
     */
    void released(Consumer consumer, long seq);

    /**
     * Removes a consumer that deleted itself (ephemeral inactive threshold).
     *
     * @param consumer the consumer
     */
    void removeSelf(Consumer consumer);

    /**
     * @return the highest stream sequence the stream told its consumers of (0 before the first append); the consumer
     *         also knows the store's last sequence when it started
     */
    long lastAppendedSeq();

    /**
     * A consumer starts or stops wanting to hear of appends (a waiting pull request, an active push consumer): only
     * consumers that want them are told, so an append costs nothing for idle ones.
     *
     * @param consumer the consumer
     * @param wants    true to be told
     */
    void wantsMessages(Consumer consumer, boolean wants);

    /** @return the executor consumer workers run on */
    Executor executor();

    /** @return the timer thread */
    ScheduledExecutorService scheduler();

    /** @return wall-clock now in nanoseconds since the epoch */
    long nowNanos();
}
