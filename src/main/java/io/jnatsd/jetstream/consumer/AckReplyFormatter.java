package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.stream.AckSubject;

/**
 * Builds the {@code $JS.ACK} reply subject of each delivery of one consumer in a builder that keeps the
 * consumer's prefix, so a delivery only appends its five numbers (no new builder, no prefix copy).
 *
 * <p>Threading: not thread-safe; used under its consumer's monitor.
 */
final class AckReplyFormatter {
    private final String prefix;
    private final StringBuilder builder;

    /** @param prefix the consumer's v1 prefix ({@link AckSubject#v1Prefix}) */
    AckReplyFormatter(String prefix) {
        this.prefix = prefix;
        this.builder = new StringBuilder(prefix.length() + 80).append(prefix);
    }

    /** @return the prefix every reply starts with */
    String prefix() {
        return prefix;
    }

    /**
     * @param deliveryCount  delivery count
     * @param streamSeq      stream sequence
     * @param consumerSeq    consumer sequence
     * @param timestampNanos store time
     * @param pending        pending count
     * @return the reply subject, as {@link AckSubject#format} makes it
     */
    String format(long deliveryCount, long streamSeq, long consumerSeq, long timestampNanos, long pending) {
        builder.setLength(prefix.length());
        return AckSubject.appendTail(builder, deliveryCount, streamSeq, consumerSeq, timestampNanos, pending)
            .toString();
    }
}
