package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Twin of {@code StreamConfig} in {@code server/stream.go}: a stream's configuration as the API carries it, with
 * the reference's JSON names (snake_case of the components) and its omitempty fields left out when empty.
 * Durations are nanoseconds, as Go's {@code time.Duration} in JSON. Enumerations are kept as the reference's
 * lower-case words ({@code "limits"}, {@code "file"}, ...) and checked by {@link StreamConfigCheck}.
 *
 * <p>Threading: immutable.
 *
 * @param name                   the stream's name
 * @param description            free text
 * @param subjects               subjects the stream listens on
 * @param retention              limits, interest or workqueue
 * @param maxConsumers           most consumers, -1 unlimited
 * @param maxMsgs                most messages, -1 unlimited
 * @param maxBytes               most bytes, -1 unlimited
 * @param maxAge                 max age in nanoseconds, 0 unlimited
 * @param maxMsgsPerSubject      most messages per subject, -1 unlimited
 * @param maxMsgSize             largest message, -1 unlimited
 * @param discard                old or new
 * @param storage                file or memory
 * @param numReplicas            replicas, 1 without a cluster
 * @param noAck                  no publish acks
 * @param duplicateWindow        dedupe window in nanoseconds
 * @param placement              placement (echoed back; no cluster here)
 * @param mirror                 the mirrored origin
 * @param sources                the sourced origins
 * @param compression            none or s2
 * @param firstSeq               first sequence of a new stream
 * @param subjectTransform       transform applied on ingest
 * @param republish              republish of stored messages
 * @param allowDirect            direct get allowed
 * @param mirrorDirect           direct get on a mirror answers for the origin
 * @param discardNewPerSubject   discard new applies per subject
 * @param sealed                 no more changes
 * @param denyDelete             message delete refused
 * @param denyPurge              purge refused
 * @param allowRollupHdrs        Nats-Rollup allowed
 * @param consumerLimits         defaults and caps for consumers
 * @param allowMsgTtl            Nats-TTL allowed
 * @param subjectDeleteMarkerTtl TTL of subject delete markers in nanoseconds
 * @param allowMsgCounter        counters
 * @param allowAtomic            atomic batch publish
 * @param allowMsgSchedules      message schedules
 * @param persistMode            default or async
 * @param allowBatched           fast batch publish
 * @param metadata               free key/values
 */
public record StreamConfig(
    String name,
    @JsonInclude(Include.NON_EMPTY) String description,
    @JsonInclude(Include.NON_EMPTY) List<String> subjects,
    String retention,
    int maxConsumers,
    long maxMsgs,
    long maxBytes,
    long maxAge,
    long maxMsgsPerSubject,
    @JsonInclude(Include.NON_DEFAULT) int maxMsgSize,
    String discard,
    String storage,
    int numReplicas,
    @JsonInclude(Include.NON_DEFAULT) boolean noAck,
    @JsonInclude(Include.NON_DEFAULT) long duplicateWindow,
    @JsonInclude(Include.NON_NULL) JsonNode placement,
    @JsonInclude(Include.NON_NULL) StreamSource mirror,
    @JsonInclude(Include.NON_EMPTY) List<StreamSource> sources,
    String compression,
    @JsonInclude(Include.NON_DEFAULT) long firstSeq,
    @JsonInclude(Include.NON_NULL) SubjectTransformConfig subjectTransform,
    @JsonInclude(Include.NON_NULL) Republish republish,
    boolean allowDirect,
    boolean mirrorDirect,
    @JsonInclude(Include.NON_DEFAULT) boolean discardNewPerSubject,
    boolean sealed,
    boolean denyDelete,
    boolean denyPurge,
    boolean allowRollupHdrs,
    ConsumerLimits consumerLimits,
    boolean allowMsgTtl,
    @JsonInclude(Include.NON_DEFAULT) long subjectDeleteMarkerTtl,
    @JsonInclude(Include.NON_DEFAULT) boolean allowMsgCounter,
    @JsonInclude(Include.NON_DEFAULT) boolean allowAtomic,
    @JsonInclude(Include.NON_DEFAULT) boolean allowMsgSchedules,
    @JsonInclude(Include.NON_EMPTY) String persistMode,
    @JsonInclude(Include.NON_DEFAULT) boolean allowBatched,
    @JsonInclude(Include.NON_EMPTY) Map<String, String> metadata) {

    /** Retention by limits. */
    public static final String RETENTION_LIMITS = "limits";
    /** Retention while a consumer is interested. */
    public static final String RETENTION_INTEREST = "interest";
    /** Retention until one consumer acks. */
    public static final String RETENTION_WORKQUEUE = "workqueue";
    /** File storage. */
    public static final String STORAGE_FILE = "file";
    /** Memory storage. */
    public static final String STORAGE_MEMORY = "memory";
    /** Discard the oldest. */
    public static final String DISCARD_OLD = "old";
    /** Refuse the new. */
    public static final String DISCARD_NEW = "new";
    /** The reference's default dedupe window (2 minutes). */
    public static final long DUPLICATE_WINDOW_NANOS_DEFAULT = 120_000_000_000L;

    /** Keeps lists non-null-safe. */
    public StreamConfig {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        sources = sources == null ? List.of() : List.copyOf(sources);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        consumerLimits = consumerLimits == null ? ConsumerLimits.NONE : consumerLimits;
    }

    /** @return true for {@code storage: memory} */
    @JsonIgnore
    public boolean isMemory() {
        return STORAGE_MEMORY.equals(storage);
    }

    /** @return true for interest or work-queue retention */
    @JsonIgnore
    public boolean isInterestBased() {
        return RETENTION_INTEREST.equals(retention) || RETENTION_WORKQUEUE.equals(retention);
    }

    /** @return true for work-queue retention */
    @JsonIgnore
    public boolean isWorkQueue() {
        return RETENTION_WORKQUEUE.equals(retention);
    }

    /** @return true for discard new */
    @JsonIgnore
    public boolean isDiscardNew() {
        return DISCARD_NEW.equals(discard);
    }

    /** @return a builder seeded with this config */
    public StreamConfigBuilder toBuilder() {
        return new StreamConfigBuilder(this);
    }

    /**
     * Twin of {@code StreamSource}: a mirror's or source's origin.
     *
     * @param name              origin stream
     * @param optStartSeq       start sequence
     * @param optStartTime      start time (RFC 3339)
     * @param filterSubject     filter
     * @param subjectTransforms transforms
     * @param external          another account's API prefix
     * @param consumer          durable consumer settings (echoed)
     */
    public record StreamSource(String name,
                               @JsonInclude(Include.NON_DEFAULT) long optStartSeq,
                               @JsonInclude(Include.NON_EMPTY) String optStartTime,
                               @JsonInclude(Include.NON_EMPTY) String filterSubject,
                               @JsonInclude(Include.NON_EMPTY) List<SubjectTransformConfig> subjectTransforms,
                               @JsonInclude(Include.NON_NULL) ExternalStream external,
                               @JsonInclude(Include.NON_NULL) JsonNode consumer) {
        /** Normalises the list. */
        public StreamSource {
            subjectTransforms = subjectTransforms == null ? List.of() : List.copyOf(subjectTransforms);
        }
    }

    /**
     * Twin of {@code ExternalStream}.
     *
     * @param api     API prefix
     * @param deliver deliver prefix
     */
    public record ExternalStream(String api, @JsonInclude(Include.NON_EMPTY) String deliver) {
    }

    /**
     * Twin of {@code SubjectTransformConfig}.
     *
     * @param src  source pattern
     * @param dest destination template
     */
    public record SubjectTransformConfig(String src, String dest) {
    }

    /**
     * Twin of {@code RePublish}.
     *
     * @param src         subjects to republish
     * @param dest        destination template
     * @param headersOnly send headers only
     */
    public record Republish(@JsonInclude(Include.NON_EMPTY) String src, String dest,
                            @JsonInclude(Include.NON_DEFAULT) boolean headersOnly) {
    }

    /**
     * Twin of {@code StreamConsumerLimits}.
     *
     * @param inactiveThreshold default inactive threshold in nanoseconds
     * @param maxAckPending     cap on max ack pending
     */
    public record ConsumerLimits(@JsonInclude(Include.NON_DEFAULT) long inactiveThreshold,
                                 @JsonInclude(Include.NON_DEFAULT) int maxAckPending) {
        /** No limits. */
        public static final ConsumerLimits NONE = new ConsumerLimits(0, 0);
    }
}
