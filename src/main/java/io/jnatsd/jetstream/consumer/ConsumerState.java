package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Twin of {@code ConsumerState} in {@code server/store.go}: what a file consumer persists so that it resumes
 * from its ack floor after a restart.
 *
 * @param deliveredConsumerSeq last consumer sequence handed out
 * @param deliveredStreamSeq   last stream sequence delivered
 * @param ackFloorConsumerSeq  ack floor, consumer sequence
 * @param ackFloorStreamSeq    ack floor, stream sequence
 * @param pending              delivered and not yet acked
 * @param redelivered          delivery counts of messages delivered more than once
 */
public record ConsumerState(
    @JsonProperty("delivered_consumer_seq") long deliveredConsumerSeq,
    @JsonProperty("delivered_stream_seq") long deliveredStreamSeq,
    @JsonProperty("ack_floor_consumer_seq") long ackFloorConsumerSeq,
    @JsonProperty("ack_floor_stream_seq") long ackFloorStreamSeq,
    @JsonProperty("pending") List<PendingEntry> pending,
    @JsonProperty("redelivered") List<RedeliveredEntry> redelivered) {

    /** Copies the lists. */
    public ConsumerState {
        pending = pending == null ? List.of() : List.copyOf(pending);
        redelivered = redelivered == null ? List.of() : List.copyOf(redelivered);
    }

    /**
     * One pending message.
     *
     * @param streamSeq      its stream sequence
     * @param consumerSeq    its first consumer sequence
     * @param timestampNanos when it was last delivered
     */
    public record PendingEntry(@JsonProperty("s") long streamSeq, @JsonProperty("c") long consumerSeq,
                               @JsonProperty("t") long timestampNanos) {
    }

    /**
     * One redelivered message.
     *
     * @param streamSeq  its stream sequence
     * @param deliveries how many times it was delivered
     */
    public record RedeliveredEntry(@JsonProperty("s") long streamSeq, @JsonProperty("n") long deliveries) {
    }
}
