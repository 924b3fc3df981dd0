package io.jnatsd.jetstream.consumer;

/**
 * The JetStream API errors the consumer room answers with, with the codes and texts of the reference's
 * {@code server/errors.json}. Stateless.
 */
public final class ConsumerErrors {
    private ConsumerErrors() {
    }

    /** 400 10020. */
    public static final ConsumerError CONSUMER_EPHEMERAL_WITH_DURABLE_NAME = new ConsumerError(400, 10020, "consumer expected to be ephemeral but a durable name was set in request");

    /** 404 10014. */
    public static final ConsumerError CONSUMER_NOT_FOUND = new ConsumerError(404, 10014, "consumer not found");

    /** 400 10026. */
    public static final ConsumerError MAXIMUM_CONSUMERS_LIMIT = new ConsumerError(400, 10026, "maximum consumers limit reached");

    /** @return 500 10012: err */
    public static ConsumerError consumerCreate(Object err) {
        return new ConsumerError(500, 10012, String.valueOf(err));
    }

    /** 400 10016. */
    public static final ConsumerError CONSUMER_DURABLE_NAME_NOT_IN_SUBJECT = new ConsumerError(400, 10016, "consumer expected to be durable but no durable name set in subject");

    /** 400 10013. */
    public static final ConsumerError CONSUMER_NAME_EXIST = new ConsumerError(400, 10013, "consumer name already in use");

    /** 400 10018. */
    public static final ConsumerError CONSUMER_DURABLE_NAME_NOT_SET = new ConsumerError(400, 10018, "consumer expected to be durable but a durable name was not set");

    /** 400 10017. */
    public static final ConsumerError CONSUMER_DURABLE_NAME_NOT_MATCH_SUBJECT = new ConsumerError(400, 10017, "consumer name in subject does not match durable name in request");

    /** 400 10078. */
    public static final ConsumerError CONSUMER_CONFIG_REQUIRED = new ConsumerError(400, 10078, "consumer config required");

    /** 400 10079. */
    public static final ConsumerError CONSUMER_DELIVER_TO_WILDCARDS = new ConsumerError(400, 10079, "consumer deliver subject has wildcards");

    /** 400 10080. */
    public static final ConsumerError CONSUMER_PUSH_MAX_WAITING = new ConsumerError(400, 10080, "consumer in push mode can not set max waiting");

    /** 400 10081. */
    public static final ConsumerError CONSUMER_DELIVER_CYCLE = new ConsumerError(400, 10081, "consumer deliver subject forms a cycle");

    /** 400 10082. */
    public static final ConsumerError CONSUMER_MAX_PENDING_ACK_POLICY_REQUIRED = new ConsumerError(400, 10082, "consumer requires ack policy for max ack pending");

    /** 400 10083. */
    public static final ConsumerError CONSUMER_SMALL_HEARTBEAT = new ConsumerError(400, 10083, "consumer idle heartbeat needs to be >= 100ms");

    /** 400 10084. */
    public static final ConsumerError CONSUMER_PULL_REQUIRES_ACK = new ConsumerError(400, 10084, "consumer in pull mode requires explicit ack policy on workqueue stream");

    /** 400 10086. */
    public static final ConsumerError CONSUMER_PULL_WITH_RATE_LIMIT = new ConsumerError(400, 10086, "consumer in pull mode can not have rate limit set");

    /** 400 10087. */
    public static final ConsumerError CONSUMER_MAX_WAITING_NEGATIVE = new ConsumerError(400, 10087, "consumer max waiting needs to be positive");

    /** 400 10088. */
    public static final ConsumerError CONSUMER_HB_REQUIRES_PUSH = new ConsumerError(400, 10088, "consumer idle heartbeat requires a push based consumer");

    /** 400 10089. */
    public static final ConsumerError CONSUMER_FC_REQUIRES_PUSH = new ConsumerError(400, 10089, "consumer flow control requires a push based consumer");

    /** 400 10090. */
    public static final ConsumerError CONSUMER_DIRECT_REQUIRES_PUSH = new ConsumerError(400, 10090, "consumer direct requires a push based consumer");

    /** 400 10091. */
    public static final ConsumerError CONSUMER_DIRECT_REQUIRES_EPHEMERAL = new ConsumerError(400, 10091, "consumer direct requires an ephemeral consumer");

    /** @return 400 10094: err */
    public static ConsumerError consumerInvalidPolicy(Object err) {
        return new ConsumerError(400, 10094, String.valueOf(err));
    }

    /** @return 400 10095: failed to parse consumer sampling configuration: err */
    public static ConsumerError consumerInvalidSampling(Object err) {
        return new ConsumerError(400, 10095, "failed to parse consumer sampling configuration: " + err);
    }

    /** 400 10098. */
    public static final ConsumerError CONSUMER_WQ_REQUIRES_EXPLICIT_ACK = new ConsumerError(400, 10098, "workqueue stream requires explicit ack");

    /** 400 10099. */
    public static final ConsumerError CONSUMER_WQ_MULTIPLE_UNFILTERED = new ConsumerError(400, 10099, "multiple non-filtered consumers not allowed on workqueue stream");

    /** 400 10100. */
    public static final ConsumerError CONSUMER_WQ_CONSUMER_NOT_UNIQUE = new ConsumerError(400, 10100, "filtered consumer not unique on workqueue stream");

    /** 400 10101. */
    public static final ConsumerError CONSUMER_WQ_CONSUMER_NOT_DELIVER_ALL = new ConsumerError(400, 10101, "consumer must be deliver all on workqueue stream");

    /** @return 400 10102: consumer name is too long, maximum allowed is max */
    public static ConsumerError consumerNameTooLong(Object max) {
        return new ConsumerError(400, 10102, "consumer name is too long, maximum allowed is " + max);
    }

    /** 400 10103. */
    public static final ConsumerError CONSUMER_BAD_DURABLE_NAME = new ConsumerError(400, 10103, "durable name can not contain '.', '*', '>'");

    /** @return 500 10104: error creating store for consumer: err */
    public static ConsumerError consumerStoreFailed(Object err) {
        return new ConsumerError(500, 10104, "error creating store for consumer: " + err);
    }

    /** 400 10105. */
    public static final ConsumerError CONSUMER_EXISTING_ACTIVE = new ConsumerError(400, 10105, "consumer already exists and is still active");

    /** 400 10106. */
    public static final ConsumerError CONSUMER_REPLACEMENT_WITH_DIFFERENT_NAME = new ConsumerError(400, 10106, "consumer replacement durable config not the same");

    /** @return 400 10107: consumer description is too long, maximum allowed is max */
    public static ConsumerError consumerDescriptionTooLong(Object max) {
        return new ConsumerError(400, 10107, "consumer description is too long, maximum allowed is " + max);
    }

    /** 400 10108. */
    public static final ConsumerError CONSUMER_WITH_FLOW_CONTROL_NEEDS_HEARTBEATS = new ConsumerError(400, 10108, "consumer with flow control also needs heartbeats");

    /** 400 10112. */
    public static final ConsumerError CONSUMER_INVALID_DELIVER_SUBJECT = new ConsumerError(400, 10112, "invalid push consumer deliver subject");

    /** 400 10114. */
    public static final ConsumerError CONSUMER_MAX_REQUEST_BATCH_NEGATIVE = new ConsumerError(400, 10114, "consumer max request batch needs to be > 0");

    /** 400 10115. */
    public static final ConsumerError CONSUMER_MAX_REQUEST_EXPIRES_TOO_SMALL = new ConsumerError(400, 10115, "consumer max request expires needs to be >= 1ms");

    /** 400 10116. */
    public static final ConsumerError CONSUMER_MAX_DELIVER_BACKOFF = new ConsumerError(400, 10116, "max deliver is required to be > length of backoff values");

    /** @return 400 10121: consumer max ack pending exceeds system limit of limit */
    public static ConsumerError consumerMaxPendingAckExcess(Object limit) {
        return new ConsumerError(400, 10121, "consumer max ack pending exceeds system limit of " + limit);
    }

    /** @return 400 10125: consumer max request batch exceeds server limit of limit */
    public static ConsumerError consumerMaxRequestBatchExceeded(Object limit) {
        return new ConsumerError(400, 10125, "consumer max request batch exceeds server limit of " + limit);
    }

    /** 400 10126. */
    public static final ConsumerError CONSUMER_REPLICAS_EXCEEDS_STREAM = new ConsumerError(400, 10126, "consumer config replica count exceeds parent stream");

    /** 400 10127. */
    public static final ConsumerError CONSUMER_NAME_CONTAINS_PATH_SEPARATORS = new ConsumerError(400, 10127, "Consumer name can not contain path separators");

    /** 400 10131. */
    public static final ConsumerError CONSUMER_CREATE_FILTER_SUBJECT_MISMATCH = new ConsumerError(400, 10131, "Consumer create request did not match filtered subject from create subject");

    /** 400 10132. */
    public static final ConsumerError CONSUMER_CREATE_DURABLE_AND_NAME_MISMATCH = new ConsumerError(400, 10132, "Consumer Durable and Name have to be equal if both are provided");

    /** 400 10134. */
    public static final ConsumerError CONSUMER_REPLICAS_SHOULD_MATCH_STREAM = new ConsumerError(400, 10134, "consumer config replicas must match interest retention stream's replicas");

    /** @return 400 10135: consumer metadata exceeds maximum size of limit */
    public static ConsumerError consumerMetadataLength(Object limit) {
        return new ConsumerError(400, 10135, "consumer metadata exceeds maximum size of " + limit);
    }

    /** 400 10136. */
    public static final ConsumerError CONSUMER_DUPLICATE_FILTER_SUBJECTS = new ConsumerError(400, 10136, "consumer cannot have both FilterSubject and FilterSubjects specified");

    /** 400 10137. */
    public static final ConsumerError CONSUMER_MULTIPLE_FILTERS_NOT_ALLOWED = new ConsumerError(400, 10137, "consumer with multiple subject filters cannot use subject based API");

    /** 400 10138. */
    public static final ConsumerError CONSUMER_OVERLAPPING_SUBJECT_FILTERS = new ConsumerError(400, 10138, "consumer subject filters cannot overlap");

    /** 400 10139. */
    public static final ConsumerError CONSUMER_EMPTY_FILTER = new ConsumerError(400, 10139, "consumer filter in FilterSubjects cannot be empty");

    /** 400 10148. */
    public static final ConsumerError CONSUMER_ALREADY_EXISTS = new ConsumerError(400, 10148, "consumer already exists");

    /** 400 10149. */
    public static final ConsumerError CONSUMER_DOES_NOT_EXIST = new ConsumerError(400, 10149, "consumer does not exist");

    /** @return 400 10153: consumer inactive threshold exceeds system limit of limit */
    public static ConsumerError consumerInactiveThresholdExcess(Object limit) {
        return new ConsumerError(400, 10153, "consumer inactive threshold exceeds system limit of " + limit);
    }

    /** 400 10159. */
    public static final ConsumerError CONSUMER_PRIORITY_POLICY_WITHOUT_GROUP = new ConsumerError(400, 10159, "Setting PriorityPolicy requires at least one PriorityGroup to be set");

    /** 400 10160. */
    public static final ConsumerError CONSUMER_INVALID_PRIORITY_GROUP = new ConsumerError(400, 10160, "Provided priority group does not exist for this consumer");

    /** 400 10161. */
    public static final ConsumerError CONSUMER_EMPTY_GROUP_NAME = new ConsumerError(400, 10161, "Group name cannot be an empty string");

    /** 400 10162. */
    public static final ConsumerError CONSUMER_INVALID_GROUP_NAME = new ConsumerError(400, 10162, "Valid priority group name must match A-Z, a-z, 0-9, -_/=)+ and may not exceed 16 characters");

    /** 400 10178. */
    public static final ConsumerError CONSUMER_PUSH_WITH_PRIORITY_GROUP = new ConsumerError(400, 10178, "priority groups can not be used with push consumers");

    /** 400 10181. */
    public static final ConsumerError CONSUMER_ACK_POLICY_INVALID = new ConsumerError(400, 10181, "consumer ack policy invalid");

    /** 400 10182. */
    public static final ConsumerError CONSUMER_REPLAY_POLICY_INVALID = new ConsumerError(400, 10182, "consumer replay policy invalid");

    /** 400 10183. */
    public static final ConsumerError CONSUMER_ACK_WAIT_NEGATIVE = new ConsumerError(400, 10183, "consumer ack wait needs to be positive");

    /** 400 10184. */
    public static final ConsumerError CONSUMER_BACK_OFF_NEGATIVE = new ConsumerError(400, 10184, "consumer backoff needs to be positive");

    /** 400 10196. */
    public static final ConsumerError CONSUMER_PRIORITY_GROUP_WITH_POLICY_NONE = new ConsumerError(400, 10196, "consumer can not have priority groups when policy is none");

    /** 400 10197. */
    public static final ConsumerError CONSUMER_PINNED_TTL_WITHOUT_PRIORITY_POLICY_NONE = new ConsumerError(400, 10197, "PinnedTTL cannot be set when PriorityPolicy is none");

    /** 400 10218. */
    public static final ConsumerError CONSUMER_ACK_FC_REQUIRES_PUSH = new ConsumerError(400, 10218, "flow control ack policy requires a push based consumer");

    /** 400 10219. */
    public static final ConsumerError CONSUMER_ACK_FC_REQUIRES_FC = new ConsumerError(400, 10219, "flow control ack policy requires flow control");

    /** 400 10220. */
    public static final ConsumerError CONSUMER_ACK_FC_REQUIRES_MAX_ACK_PENDING = new ConsumerError(400, 10220, "flow control ack policy requires max ack pending");

    /** 400 10221. */
    public static final ConsumerError CONSUMER_ACK_FC_REQUIRES_NO_ACK_WAIT = new ConsumerError(400, 10221, "flow control ack policy requires unset ack wait");

    /** 400 10222. */
    public static final ConsumerError CONSUMER_ACK_FC_REQUIRES_NO_MAX_DELIVER = new ConsumerError(400, 10222, "flow control ack policy requires unset max deliver");

    /** @return 500 10052: err */
    public static ConsumerError streamInvalidConfig(Object err) {
        return new ConsumerError(500, 10052, String.valueOf(err));
    }

    /** 404 10059. */
    public static final ConsumerError STREAM_NOT_FOUND = new ConsumerError(404, 10059, "stream not found");

    /** @return 400 10025: invalid JSON: err */
    public static ConsumerError invalidJSON(Object err) {
        return new ConsumerError(400, 10025, "invalid JSON: " + err);
    }

    /** 400 10056. */
    public static final ConsumerError STREAM_MISMATCH = new ConsumerError(400, 10056, "stream name in subject does not match request");

    /** 400 10133. */
    public static final ConsumerError REPLICAS_COUNT_CANNOT_BE_NEGATIVE = new ConsumerError(400, 10133, "replicas count cannot be negative");

    /** 500 10074. */
    public static final ConsumerError STREAM_REPLICAS_NOT_SUPPORTED = new ConsumerError(500, 10074, "replicas > 1 not supported in non-clustered mode");

    /** 503 10076. */
    public static final ConsumerError NOT_ENABLED = new ConsumerError(503, 10076, "JetStream not enabled");

    /** 400 10003. */
    public static final ConsumerError BAD_REQUEST = new ConsumerError(400, 10003, "bad request");

    /** @return 400 10204: invalid reset: err */
    public static ConsumerError consumerInvalidReset(Object err) {
        return new ConsumerError(400, 10204, "invalid reset: " + err);
    }

    /** 500 10096. */
    public static final ConsumerError STREAM_INVALID = new ConsumerError(500, 10096, "stream not valid");

    /** @return 400 10157: pedantic mode: err */
    public static ConsumerError pedantic(Object err) {
        return new ConsumerError(400, 10157, "pedantic mode: " + err);
    }
}
