package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Twin of {@code ConsumerInfo} in {@code server/consumer.go}: what INFO, LIST and create answer with.
 *
 * @param stream          stream name
 * @param name            consumer name
 * @param created         creation time
 * @param config          its config
 * @param delivered       last delivered sequences
 * @param ackFloor        ack floor sequences
 * @param numAckPending   delivered and not yet acked
 * @param numRedelivered  delivered more than once
 * @param numWaiting      waiting pull requests
 * @param numPending      messages left to deliver
 * @param pushBound       a push consumer with interest on its deliver subject
 * @param paused          paused now
 * @param pauseRemainingNanos time left paused
 * @param timestamp       when the info was gathered
 * @param priorityGroups  priority group states
 */
public record ConsumerInfo(
    @JsonProperty("stream_name") String stream,
    @JsonProperty("name") String name,
    @JsonProperty("created") Instant created,
    @JsonProperty("config") ConsumerConfig config,
    @JsonProperty("delivered") SequenceInfo delivered,
    @JsonProperty("ack_floor") SequenceInfo ackFloor,
    @JsonProperty("num_ack_pending") int numAckPending,
    @JsonProperty("num_redelivered") int numRedelivered,
    @JsonProperty("num_waiting") int numWaiting,
    @JsonProperty("num_pending") long numPending,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("push_bound") boolean pushBound,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("paused") boolean paused,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("pause_remaining") long pauseRemainingNanos,
    @JsonProperty("ts") Instant timestamp,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("priority_groups") List<PriorityGroupState> priorityGroups) {

    /**
     * Twin of {@code SequenceInfo}.
     *
     * @param consumerSeq consumer sequence
     * @param streamSeq   stream sequence
     * @param lastActive  last activity, omitted when unknown
     */
    public record SequenceInfo(@JsonProperty("consumer_seq") long consumerSeq,
                               @JsonProperty("stream_seq") long streamSeq,
                               @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("last_active")
                               Instant lastActive) {
    }

    /**
     * Twin of {@code PriorityGroupState}.
     *
     * @param group          group name
     * @param pinnedClientId pinned id, omitted when none
     * @param pinnedTs       when it was pinned, omitted when none
     */
    public record PriorityGroupState(@JsonProperty("group") String group,
                                     @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("pinned_client_id")
                                     String pinnedClientId,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("pinned_ts")
                                     Instant pinnedTs) {
    }
}
