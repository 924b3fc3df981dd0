package io.jnatsd.jetstream.stream;

/**
 * What a stream with interest or work-queue retention needs to know of a consumer: registered with
 * {@link Stream#registerConsumer}, asked when a message is stored or acked. Twin of the parts of {@code consumer}
 * that {@code checkInterestState} and {@code ackMsg} in {@code server/stream.go} read.
 *
 * <p>Implementations are thread-safe: the stream calls them from its ingest thread and from whatever thread
 * called {@link Stream#onConsumerAck}.
 */
public interface ConsumerInterest {
    /** @return the consumer's name */
    String name();

    /**
     * @param subject a stored message's subject
     * @return true if the consumer's filter matches it
     */
    boolean isInterested(String subject);

    /**
     * @param seq     a stream sequence
     * @param subject its subject
     * @return true while this consumer still has to ack it (matching filter, not yet acked)
     */
    boolean needsAck(long seq, String subject);
}
