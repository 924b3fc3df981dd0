package io.jnatsd.jetstream.consumer;

import io.jnatsd.server.GoDurations;
import io.jnatsd.subject.Subjects;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Twin of {@code setConsumerConfigDefaults}, {@code checkConsumerCfg} and {@code checkNewConsumerConfig} in
 * {@code server/consumer.go}: the defaults a new consumer gets, the combinations the reference refuses (same
 * checks in the same order, so the first error reported is the reference's), and what an update may change.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConsumerConfigRules {

    /** Ack wait when explicit or all acks and none given. */
    public static final long ACK_WAIT_DEFAULT_NANOS = 30_000_000_000L;
    /** Max ack pending when acks are needed and none given. */
    public static final int MAX_ACK_PENDING_DEFAULT = 1000;
    /** Pull requests that may wait, when none given. */
    public static final int MAX_WAITING_DEFAULT = 512;
    /** Pinned client timeout when the pinned policy is used without one. */
    public static final long PINNED_TTL_DEFAULT_NANOS = 120_000_000_000L;
    /** Heartbeat forced by the flow-control ack policy. */
    public static final long FLOW_CONTROL_ACK_HEARTBEAT_NANOS = 1_000_000_000L;
    /** Inactive threshold of ephemeral consumers when none given. */
    public static final long EPHEMERAL_INACTIVE_DEFAULT_NANOS = 5_000_000_000L;
    /** Longest description. */
    public static final int MAX_DESCRIPTION_LENGTH = 4096;
    /** Longest name. */
    public static final int MAX_NAME_LENGTH = 255;
    /** Most metadata bytes (keys and values). */
    public static final int MAX_METADATA_BYTES = 128 * 1024;
    /** Smallest push heartbeat. */
    private static final long MIN_HEARTBEAT_NANOS = 100_000_000L;
    private static final long ONE_MILLI_NANOS = 1_000_000L;
    private static final Pattern GROUP_NAME = Pattern.compile("^[a-zA-Z0-9/_=-]{1,16}$");

    private ConsumerConfigRules() {
    }

    /**
     * Applies the reference's defaults (non-pedantic: out-of-range values are clamped).
     *
     * @param config the requested config
     * @param stream the parent stream
     * @return the config with defaults
     */
    public static ConsumerConfig withDefaults(ConsumerConfig config, StreamFacts stream) {
        ConsumerConfig.Builder b = config.toBuilder();
        if (b.maxDeliver == 0 || b.maxDeliver < -1) {
            b.maxDeliver = -1;
        }
        b.maxWaiting = Math.max(0, b.maxWaiting);
        if (b.maxAckPending < -1) {
            b.maxAckPending = -1;
        }
        b.maxBatch = Math.max(0, b.maxBatch);
        b.maxExpiresNanos = Math.max(0, b.maxExpiresNanos);
        b.maxBytes = Math.max(0, b.maxBytes);
        b.idleHeartbeatNanos = Math.max(0, b.idleHeartbeatNanos);
        b.inactiveThresholdNanos = Math.max(0, b.inactiveThresholdNanos);
        b.pinnedTtlNanos = Math.max(0, b.pinnedTtlNanos);
        if (isEmpty(b.deliverSubject) && b.maxWaiting == 0) {
            b.maxWaiting = MAX_WAITING_DEFAULT;
        }
        if (b.ackWaitNanos == 0 && (b.ackPolicy == AckPolicy.EXPLICIT || b.ackPolicy == AckPolicy.ALL)) {
            b.ackWaitNanos = ACK_WAIT_DEFAULT_NANOS;
        }
        if (b.backoffNanos != null && !b.backoffNanos.isEmpty()) {
            b.ackWaitNanos = b.backoffNanos.get(0);
        }
        if (b.maxAckPending == 0) {
            b.maxAckPending = stream.maxAckPendingLimit();
        }
        if (b.inactiveThresholdNanos == 0) {
            b.inactiveThresholdNanos = stream.inactiveThresholdLimitNanos();
        }
        if (b.maxAckPending == 0 && b.ackPolicy != AckPolicy.NONE) {
            b.maxAckPending = MAX_ACK_PENDING_DEFAULT;
        }
        if (b.priorityPolicy == PriorityPolicy.PINNED_CLIENT && b.pinnedTtlNanos == 0) {
            b.pinnedTtlNanos = PINNED_TTL_DEFAULT_NANOS;
        }
        if (b.ackPolicy == AckPolicy.FLOW_CONTROL) {
            b.flowControl = true;
            b.idleHeartbeatNanos = FLOW_CONTROL_ACK_HEARTBEAT_NANOS;
        }
        return b.build();
    }

    /**
     * The reference's checks of a (defaulted) config against its stream.
     *
     * @param c      the config, defaults applied
     * @param stream the parent stream
     * @return the first error, or null when the config is acceptable
     */
    public static ConsumerError check(ConsumerConfig c, StreamFacts stream) {
        ConsumerError e = checkNamesAndReplicas(c, stream);
        if (e == null) {
            e = checkAcks(c);
        }
        if (e == null) {
            e = c.isPush() ? checkPush(c, stream) : checkPull(c, stream);
        }
        if (e == null) {
            e = checkLimits(c, stream);
        }
        if (e == null) {
            e = checkFilters(c);
        }
        if (e == null) {
            e = checkStart(c);
        }
        if (e == null) {
            e = checkRest(c);
        }
        return e;
    }

    private static ConsumerError checkNamesAndReplicas(ConsumerConfig c, StreamFacts stream) {
        if (!isEmpty(c.name()) && !isValidAssetName(c.name())) {
            return ConsumerErrors.streamInvalidConfig("consumer name can not contain '.', '*', '>', '\\', '/'");
        }
        if (!isEmpty(c.durable()) && !isValidAssetName(c.durable())) {
            return ConsumerErrors.streamInvalidConfig(
                "consumer durable name can not contain '.', '*', '>', '\\', '/'");
        }
        if (c.numReplicas() > 0 && c.numReplicas() > stream.replicas()) {
            return ConsumerErrors.CONSUMER_REPLICAS_EXCEEDS_STREAM;
        }
        if (c.numReplicas() < 0) {
            return ConsumerErrors.REPLICAS_COUNT_CANNOT_BE_NEGATIVE;
        }
        if (stream.interestOrWorkQueue() && c.numReplicas() != 0 && c.numReplicas() != stream.replicas()) {
            return ConsumerErrors.CONSUMER_REPLICAS_SHOULD_MATCH_STREAM;
        }
        return null;
    }

    private static ConsumerError checkAcks(ConsumerConfig c) {
        if (c.backoffNanos() != null) {
            for (long b : c.backoffNanos()) {
                if (b < 0) {
                    return ConsumerErrors.CONSUMER_BACK_OFF_NEGATIVE;
                }
            }
        }
        if (c.ackWaitNanos() < 0) {
            return ConsumerErrors.CONSUMER_ACK_WAIT_NEGATIVE;
        }
        if (c.ackPolicy() == AckPolicy.FLOW_CONTROL) {
            if (!c.isPush()) {
                return ConsumerErrors.CONSUMER_ACK_FC_REQUIRES_PUSH;
            }
            if (!c.flowControl()) {
                return ConsumerErrors.CONSUMER_ACK_FC_REQUIRES_FC;
            }
            if (c.idleHeartbeatNanos() != FLOW_CONTROL_ACK_HEARTBEAT_NANOS) {
                return ConsumerErrors.streamInvalidConfig("flow control ack policy heartbeat needs to be 1s");
            }
            if (c.maxAckPending() <= 0) {
                return ConsumerErrors.CONSUMER_ACK_FC_REQUIRES_MAX_ACK_PENDING;
            }
            if (c.ackWaitNanos() != 0 || (c.backoffNanos() != null && !c.backoffNanos().isEmpty())) {
                return ConsumerErrors.CONSUMER_ACK_FC_REQUIRES_NO_ACK_WAIT;
            }
            if (c.maxDeliver() > 0) {
                return ConsumerErrors.CONSUMER_ACK_FC_REQUIRES_NO_MAX_DELIVER;
            }
        }
        int backoffs = c.backoffNanos() == null ? 0 : c.backoffNanos().size();
        if (backoffs > 0 && c.maxDeliver() != -1 && backoffs > c.maxDeliver()) {
            return ConsumerErrors.CONSUMER_MAX_DELIVER_BACKOFF;
        }
        if (c.description() != null && c.description().length() > MAX_DESCRIPTION_LENGTH) {
            return ConsumerErrors.consumerDescriptionTooLong(MAX_DESCRIPTION_LENGTH);
        }
        return null;
    }

    private static ConsumerError checkPush(ConsumerConfig c, StreamFacts stream) {
        String d = c.deliverSubject();
        if (!Subjects.isLiteral(d)) {
            return ConsumerErrors.CONSUMER_DELIVER_TO_WILDCARDS;
        }
        if (!Subjects.isValidSubject(d)) {
            return ConsumerErrors.CONSUMER_INVALID_DELIVER_SUBJECT;
        }
        for (String s : stream.subjects()) {
            if (Subjects.subjectIsSubsetMatch(d, s)) {
                return ConsumerErrors.CONSUMER_DELIVER_CYCLE;
            }
        }
        if (c.maxWaiting() != 0) {
            return ConsumerErrors.CONSUMER_PUSH_MAX_WAITING;
        }
        if (c.maxAckPending() > 0 && c.ackPolicy() == AckPolicy.NONE) {
            return ConsumerErrors.CONSUMER_MAX_PENDING_ACK_POLICY_REQUIRED;
        }
        if (c.idleHeartbeatNanos() > 0 && c.idleHeartbeatNanos() < MIN_HEARTBEAT_NANOS) {
            return ConsumerErrors.CONSUMER_SMALL_HEARTBEAT;
        }
        return null;
    }

    private static ConsumerError checkPull(ConsumerConfig c, StreamFacts stream) {
        if (c.ackPolicy() == AckPolicy.NONE && stream.workQueue()) {
            return ConsumerErrors.CONSUMER_PULL_REQUIRES_ACK;
        }
        if (c.rateLimitBps() > 0) {
            return ConsumerErrors.CONSUMER_PULL_WITH_RATE_LIMIT;
        }
        if (c.maxWaiting() < 0) {
            return ConsumerErrors.CONSUMER_MAX_WAITING_NEGATIVE;
        }
        if (c.idleHeartbeatNanos() > 0) {
            return ConsumerErrors.CONSUMER_HB_REQUIRES_PUSH;
        }
        if (c.flowControl()) {
            return ConsumerErrors.CONSUMER_FC_REQUIRES_PUSH;
        }
        if (c.maxBatch() < 0) {
            return ConsumerErrors.CONSUMER_MAX_REQUEST_BATCH_NEGATIVE;
        }
        if (c.maxExpiresNanos() != 0 && c.maxExpiresNanos() < ONE_MILLI_NANOS) {
            return ConsumerErrors.CONSUMER_MAX_REQUEST_EXPIRES_TOO_SMALL;
        }
        return null;
    }

    private static ConsumerError checkLimits(ConsumerConfig c, StreamFacts stream) {
        if (stream.maxAckPendingLimit() > 0 && c.maxAckPending() > stream.maxAckPendingLimit()) {
            return ConsumerErrors.consumerMaxPendingAckExcess(stream.maxAckPendingLimit());
        }
        long limit = stream.inactiveThresholdLimitNanos();
        if (limit > 0 && c.inactiveThresholdNanos() > limit) {
            return ConsumerErrors.consumerInactiveThresholdExcess(GoDurations.string(limit));
        }
        if (c.direct()) {
            if (!c.isPush()) {
                return ConsumerErrors.CONSUMER_DIRECT_REQUIRES_PUSH;
            }
            if (c.isDurable()) {
                return ConsumerErrors.CONSUMER_DIRECT_REQUIRES_EPHEMERAL;
            }
        }
        return null;
    }

    private static ConsumerError checkFilters(ConsumerConfig c) {
        List<String> many = c.filterSubjects() == null ? List.of() : c.filterSubjects();
        if (!isEmpty(c.filterSubject()) && !many.isEmpty()) {
            return ConsumerErrors.CONSUMER_DUPLICATE_FILTER_SUBJECTS;
        }
        if (!isEmpty(c.filterSubject()) && !Subjects.isValidSubject(c.filterSubject())) {
            return ConsumerErrors.streamInvalidConfig("invalid subject");
        }
        for (String f : many) {
            if (isEmpty(f)) {
                return ConsumerErrors.CONSUMER_EMPTY_FILTER;
            }
        }
        List<String> all = c.filters();
        for (int i = 0; i < all.size(); i++) {
            if (!Subjects.isValidSubject(all.get(i))) {
                return ConsumerErrors.streamInvalidConfig("invalid subject");
            }
            for (int j = 0; j < all.size(); j++) {
                if (i != j && Subjects.subjectIsSubsetMatch(all.get(i), all.get(j))) {
                    return ConsumerErrors.CONSUMER_OVERLAPPING_SUBJECT_FILTERS;
                }
            }
        }
        return null;
    }

    private static ConsumerError checkStart(ConsumerConfig c) {
        boolean seq = c.optStartSeq() > 0;
        boolean time = c.optStartTime() != null;
        return switch (c.deliverPolicy()) {
            case ALL -> seq ? badStart("all", "sequence") : time ? badStart("all", "time") : null;
            case LAST -> seq ? badStart("last", "sequence") : time ? badStart("last", "time") : null;
            case NEW -> seq ? badStart("new", "sequence") : time ? badStart("new", "time") : null;
            case LAST_PER_SUBJECT -> seq ? badStart("last per subject", "sequence")
                : time ? badStart("last per subject", "time")
                : c.filters().isEmpty() ? notSet("last per subject", "filter subject") : null;
            case BY_START_SEQUENCE -> !seq ? notSet("by start sequence", "start sequence")
                : time ? badStart("by start sequence", "time") : null;
            case BY_START_TIME -> !time ? notSet("by start time", "start time")
                : c.optStartSeq() != 0 ? badStart("by start time", "start sequence") : null;
        };
    }

    private static ConsumerError badStart(String policy, String start) {
        return ConsumerErrors.consumerInvalidPolicy(
            "consumer delivery policy is deliver " + policy + ", but optional start " + start + " is also set");
    }

    private static ConsumerError notSet(String policy, String what) {
        return ConsumerErrors.consumerInvalidPolicy(
            "consumer delivery policy is deliver " + policy + ", but optional " + what + " is not set");
    }

    private static ConsumerError checkRest(ConsumerConfig c) {
        if (!isEmpty(c.sampleFreq())) {
            String s = c.sampleFreq().endsWith("%")
                ? c.sampleFreq().substring(0, c.sampleFreq().length() - 1) : c.sampleFreq();
            try {
                if (Integer.parseInt(s) < 0) {
                    return ConsumerErrors.consumerInvalidSampling("<nil>");
                }
            } catch (NumberFormatException e) {
                return ConsumerErrors.consumerInvalidSampling(
                    "strconv.Atoi: parsing \"" + s + "\": invalid syntax");
            }
        }
        if (c.flowControl() && c.idleHeartbeatNanos() == 0) {
            return ConsumerErrors.CONSUMER_WITH_FLOW_CONTROL_NEEDS_HEARTBEATS;
        }
        if (!isEmpty(c.durable()) && !isEmpty(c.name()) && !c.name().equals(c.durable())) {
            return ConsumerErrors.CONSUMER_CREATE_DURABLE_AND_NAME_MISMATCH;
        }
        if (c.metadata() != null) {
            int len = 0;
            for (Map.Entry<String, String> e : c.metadata().entrySet()) {
                len += e.getKey().length() + e.getValue().length();
            }
            if (len > MAX_METADATA_BYTES) {
                return ConsumerErrors.consumerMetadataLength(MAX_METADATA_BYTES / 1024 + "KB");
            }
        }
        return checkPriority(c);
    }

    /**
     * @param group a priority group name
     * @return true if it matches the reference's {@code validGroupName}
     */
    static boolean isValidGroupName(String group) {
        return GROUP_NAME.matcher(group).matches();
    }

    private static ConsumerError checkPriority(ConsumerConfig c) {
        List<String> groups = c.priorityGroups() == null ? List.of() : c.priorityGroups();
        if (c.priorityPolicy() != PriorityPolicy.NONE) {
            if (c.isPush()) {
                return ConsumerErrors.CONSUMER_PUSH_WITH_PRIORITY_GROUP;
            }
            if (groups.isEmpty()) {
                return ConsumerErrors.CONSUMER_PRIORITY_POLICY_WITHOUT_GROUP;
            }
            for (String g : groups) {
                if (g.isEmpty()) {
                    return ConsumerErrors.CONSUMER_EMPTY_GROUP_NAME;
                }
                if (!GROUP_NAME.matcher(g).matches()) {
                    return ConsumerErrors.CONSUMER_INVALID_GROUP_NAME;
                }
            }
            return null;
        }
        if (!groups.isEmpty()) {
            return ConsumerErrors.CONSUMER_PRIORITY_GROUP_WITH_POLICY_NONE;
        }
        if (c.pinnedTtlNanos() > 0) {
            return ConsumerErrors.CONSUMER_PINNED_TTL_WITHOUT_PRIORITY_POLICY_NONE;
        }
        return null;
    }

    /**
     * Twin of {@code checkNewConsumerConfig}: what an update may not change.
     *
     * @param old              the current config
     * @param neu              the requested config, defaults applied
     * @param deliverInterest  true if the old deliver subject still has subscribers
     * @return null if allowed, else the error (a plain text error is a 500 10012 create error)
     */
    public static ConsumerError checkUpdate(ConsumerConfig old, ConsumerConfig neu, boolean deliverInterest) {
        if (old.equals(neu)) {
            return null;
        }
        String why = null;
        if (old.deliverPolicy() != neu.deliverPolicy()) {
            why = "deliver policy can not be updated";
        } else if (old.memStorage() != neu.memStorage()) {
            why = "storage type can not be updated";
        } else if (old.direct() != neu.direct()) {
            why = "direct can not be updated";
        } else if (old.sourcing() != neu.sourcing()) {
            why = "sourcing can not be updated";
        } else if (old.optStartSeq() != neu.optStartSeq()) {
            why = "start sequence can not be updated";
        } else if (!Objects.equals(old.optStartTime(), neu.optStartTime())) {
            why = "start time can not be updated";
        } else if (old.ackPolicy() != neu.ackPolicy()) {
            why = "ack policy can not be updated";
        } else if (old.replayPolicy() != neu.replayPolicy()) {
            why = "replay policy can not be updated";
        } else if (old.idleHeartbeatNanos() != neu.idleHeartbeatNanos()) {
            why = "heart beats can not be updated";
        } else if (old.flowControl() != neu.flowControl()) {
            why = "flow control can not be updated";
        } else if (!Objects.equals(nullIfEmpty(old.deliverSubject()), nullIfEmpty(neu.deliverSubject()))) {
            if (!old.isPush()) {
                why = "can not update pull consumer to push based";
            } else if (!neu.isPush()) {
                why = "can not update push consumer to pull based";
            } else if (deliverInterest) {
                return ConsumerErrors.CONSUMER_NAME_EXIST;
            }
        }
        if (why == null && old.maxWaiting() != neu.maxWaiting()) {
            why = "max waiting can not be updated";
        }
        if (why != null) {
            return ConsumerErrors.consumerCreate(why);
        }
        int backoffs = neu.backoffNanos() == null ? 0 : neu.backoffNanos().size();
        if (backoffs > 0 && neu.maxDeliver() != -1 && backoffs > neu.maxDeliver()) {
            return ConsumerErrors.CONSUMER_MAX_DELIVER_BACKOFF;
        }
        return null;
    }

    /**
     * @param name a stream or consumer name
     * @return true if non-empty and free of whitespace, '.', '*', '&gt;', '\' and '/'
     */
    public static boolean isValidAssetName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            switch (name.charAt(i)) {
                case ' ', '\t', '\r', '\n', '\f', '.', '*', '>', '\\', '/' -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return true;
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nullIfEmpty(String s) {
        return isEmpty(s) ? null : s;
    }
}
