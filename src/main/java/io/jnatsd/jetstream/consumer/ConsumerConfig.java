package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code ConsumerConfig} in {@code server/consumer.go}: every field with the reference's JSON name;
 * fields the reference marks {@code omitempty} are left out when zero or empty.
 *
 * <p>Immutable; {@link #toBuilder()} gives a mutable copy for defaults and request rules.
 *
 * @param durable durable name; set means durable (durable_name)
 * @param name consumer name (name)
 * @param description free text, at most 4096 bytes (description)
 * @param deliverPolicy where delivery starts (deliver_policy)
 * @param optStartSeq start sequence for by_start_sequence (opt_start_seq)
 * @param optStartTime start time for by_start_time (opt_start_time)
 * @param ackPolicy ack policy (ack_policy)
 * @param ackWaitNanos time to wait for an ack before redelivery (ack_wait)
 * @param maxDeliver most deliveries of one message, -1 unlimited (max_deliver)
 * @param backoffNanos redelivery delays by delivery count (backoff)
 * @param filterSubject single subject filter (filter_subject)
 * @param filterSubjects several subject filters (filter_subjects)
 * @param replayPolicy replay speed (replay_policy)
 * @param rateLimitBps push rate limit in bits per second (rate_limit_bps)
 * @param sampleFreq ack sampling frequency such as 30% (sample_freq)
 * @param maxWaiting most pull requests waiting (max_waiting)
 * @param maxAckPending most unacknowledged messages, -1 unlimited (max_ack_pending)
 * @param flowControl push flow control (flow_control)
 * @param headersOnly deliver headers only (headers_only)
 * @param maxBatch largest pull batch (max_batch)
 * @param maxExpiresNanos longest pull expiry (max_expires)
 * @param maxBytes largest pull max_bytes (max_bytes)
 * @param deliverSubject push delivery subject (deliver_subject)
 * @param deliverGroup push queue group (deliver_group)
 * @param idleHeartbeatNanos push idle heartbeat interval (idle_heartbeat)
 * @param inactiveThresholdNanos time without interest before an ephemeral is deleted (inactive_threshold)
 * @param numReplicas replicas (num_replicas)
 * @param memStorage force memory state (mem_storage)
 * @param direct internal: mirror or source consumer (direct)
 * @param sourcing internal: sourcing consumer (sourcing)
 * @param metadata user metadata (metadata)
 * @param pauseUntil paused until this time (pause_until)
 * @param priorityGroups priority group names (priority_groups)
 * @param priorityPolicy priority policy (priority_policy)
 * @param pinnedTtlNanos pinned client timeout (priority_timeout)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsumerConfig(
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("durable_name") String durable,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("name") String name,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("description") String description,
    @JsonProperty("deliver_policy") DeliverPolicy deliverPolicy,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("opt_start_seq") long optStartSeq,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("opt_start_time") Instant optStartTime,
    @JsonProperty("ack_policy") AckPolicy ackPolicy,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("ack_wait") long ackWaitNanos,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("max_deliver") int maxDeliver,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("backoff") List<Long> backoffNanos,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("filter_subject") String filterSubject,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("filter_subjects") List<String> filterSubjects,
    @JsonProperty("replay_policy") ReplayPolicy replayPolicy,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("rate_limit_bps") long rateLimitBps,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("sample_freq") String sampleFreq,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("max_waiting") int maxWaiting,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("max_ack_pending") int maxAckPending,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("flow_control") boolean flowControl,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("headers_only") boolean headersOnly,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("max_batch") int maxBatch,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("max_expires") long maxExpiresNanos,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("max_bytes") int maxBytes,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("deliver_subject") String deliverSubject,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("deliver_group") String deliverGroup,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("idle_heartbeat") long idleHeartbeatNanos,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("inactive_threshold") long inactiveThresholdNanos,
    @JsonProperty("num_replicas") int numReplicas,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("mem_storage") boolean memStorage,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("direct") boolean direct,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("sourcing") boolean sourcing,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("metadata") Map<String, String> metadata,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("pause_until") Instant pauseUntil,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("priority_groups") List<String> priorityGroups,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = PriorityPolicy.NoneFilter.class) @JsonProperty("priority_policy") PriorityPolicy priorityPolicy,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("priority_timeout") long pinnedTtlNanos) {

    /** Fills the policies the reference defaults when absent. */
    public ConsumerConfig {
        deliverPolicy = deliverPolicy == null ? DeliverPolicy.ALL : deliverPolicy;
        ackPolicy = ackPolicy == null ? AckPolicy.NONE : ackPolicy;
        replayPolicy = replayPolicy == null ? ReplayPolicy.INSTANT : replayPolicy;
        priorityPolicy = priorityPolicy == null ? PriorityPolicy.NONE : priorityPolicy;
        backoffNanos = backoffNanos == null ? null : List.copyOf(backoffNanos);
        filterSubjects = filterSubjects == null ? null : List.copyOf(filterSubjects);
        priorityGroups = priorityGroups == null ? null : List.copyOf(priorityGroups);
        metadata = metadata == null ? null : Map.copyOf(metadata);
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.durable = durable;
        b.name = name;
        b.description = description;
        b.deliverPolicy = deliverPolicy;
        b.optStartSeq = optStartSeq;
        b.optStartTime = optStartTime;
        b.ackPolicy = ackPolicy;
        b.ackWaitNanos = ackWaitNanos;
        b.maxDeliver = maxDeliver;
        b.backoffNanos = backoffNanos;
        b.filterSubject = filterSubject;
        b.filterSubjects = filterSubjects;
        b.replayPolicy = replayPolicy;
        b.rateLimitBps = rateLimitBps;
        b.sampleFreq = sampleFreq;
        b.maxWaiting = maxWaiting;
        b.maxAckPending = maxAckPending;
        b.flowControl = flowControl;
        b.headersOnly = headersOnly;
        b.maxBatch = maxBatch;
        b.maxExpiresNanos = maxExpiresNanos;
        b.maxBytes = maxBytes;
        b.deliverSubject = deliverSubject;
        b.deliverGroup = deliverGroup;
        b.idleHeartbeatNanos = idleHeartbeatNanos;
        b.inactiveThresholdNanos = inactiveThresholdNanos;
        b.numReplicas = numReplicas;
        b.memStorage = memStorage;
        b.direct = direct;
        b.sourcing = sourcing;
        b.metadata = metadata;
        b.pauseUntil = pauseUntil;
        b.priorityGroups = priorityGroups;
        b.priorityPolicy = priorityPolicy;
        b.pinnedTtlNanos = pinnedTtlNanos;
        return b;
    }

    /** @return a builder with every field zero, as an empty JSON object decodes */
    public static Builder builder() {
        return new Builder();
    }

    /** @return true for a push consumer (a deliver subject is set) */
    @JsonIgnore
    public boolean isPush() {
        return deliverSubject != null && !deliverSubject.isEmpty();
    }

    /** @return true when the consumer is durable ({@code durable_name} set) */
    @JsonIgnore
    public boolean isDurable() {
        return durable != null && !durable.isEmpty();
    }

    /** @return the filters as one list: filter_subject or filter_subjects, empty for none */
    @JsonIgnore
    public List<String> filters() {
        if (filterSubject != null && !filterSubject.isEmpty()) {
            return List.of(filterSubject);
        }
        return filterSubjects == null ? List.of() : filterSubjects;
    }

    /** A mutable copy of a config; not thread-safe. */
    public static final class Builder {
        /** durable name; set means durable. */
        public String durable;
        /** consumer name. */
        public String name;
        /** free text, at most 4096 bytes. */
        public String description;
        /** where delivery starts. */
        public DeliverPolicy deliverPolicy;
        /** start sequence for by_start_sequence. */
        public long optStartSeq;
        /** start time for by_start_time. */
        public Instant optStartTime;
        /** ack policy. */
        public AckPolicy ackPolicy;
        /** time to wait for an ack before redelivery. */
        public long ackWaitNanos;
        /** most deliveries of one message, -1 unlimited. */
        public int maxDeliver;
        /** redelivery delays by delivery count. */
        public List<Long> backoffNanos;
        /** single subject filter. */
        public String filterSubject;
        /** several subject filters. */
        public List<String> filterSubjects;
        /** replay speed. */
        public ReplayPolicy replayPolicy;
        /** push rate limit in bits per second. */
        public long rateLimitBps;
        /** ack sampling frequency such as 30%. */
        public String sampleFreq;
        /** most pull requests waiting. */
        public int maxWaiting;
        /** most unacknowledged messages, -1 unlimited. */
        public int maxAckPending;
        /** push flow control. */
        public boolean flowControl;
        /** deliver headers only. */
        public boolean headersOnly;
        /** largest pull batch. */
        public int maxBatch;
        /** longest pull expiry. */
        public long maxExpiresNanos;
        /** largest pull max_bytes. */
        public int maxBytes;
        /** push delivery subject. */
        public String deliverSubject;
        /** push queue group. */
        public String deliverGroup;
        /** push idle heartbeat interval. */
        public long idleHeartbeatNanos;
        /** time without interest before an ephemeral is deleted. */
        public long inactiveThresholdNanos;
        /** replicas. */
        public int numReplicas;
        /** force memory state. */
        public boolean memStorage;
        /** internal: mirror or source consumer. */
        public boolean direct;
        /** internal: sourcing consumer. */
        public boolean sourcing;
        /** user metadata. */
        public Map<String, String> metadata;
        /** paused until this time. */
        public Instant pauseUntil;
        /** priority group names. */
        public List<String> priorityGroups;
        /** priority policy. */
        public PriorityPolicy priorityPolicy;
        /** pinned client timeout. */
        public long pinnedTtlNanos;

        Builder() {
        }

        /** @return the immutable config */
        public ConsumerConfig build() {
            return new ConsumerConfig(durable, name, description, deliverPolicy, optStartSeq, optStartTime,
                ackPolicy, ackWaitNanos, maxDeliver, backoffNanos, filterSubject, filterSubjects, replayPolicy,
                rateLimitBps, sampleFreq, maxWaiting, maxAckPending, flowControl, headersOnly, maxBatch,
                maxExpiresNanos, maxBytes, deliverSubject, deliverGroup, idleHeartbeatNanos, inactiveThresholdNanos,
                numReplicas, memStorage, direct, sourcing, metadata, pauseUntil, priorityGroups, priorityPolicy,
                pinnedTtlNanos);
        }
    }
}
