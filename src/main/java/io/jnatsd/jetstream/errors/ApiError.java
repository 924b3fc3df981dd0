package io.jnatsd.jetstream.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twin of {@code server/jetstream_errors_generated.go}: every JetStream API error of the reference, with its
 * HTTP-like {@code code}, its {@code err_code} and its description template. Placeholders in braces
 * (such as "err") are filled in order by {@link #describe(Object...)}.
 *
 * <p>Generated from {@code jetstream-errors.json} of the reference; the names drop the {@code JS} prefix and the
 * {@code Err} suffix. Threading: immutable.
 */
public enum ApiError {
    /** JSAccountResourcesExceededErr. */
    ACCOUNT_RESOURCES_EXCEEDED(400, 10002, "resource limits exceeded for account"),
    /** JSBadRequestErr. */
    BAD_REQUEST(400, 10003, "bad request"),
    /** JSClusterIncompleteErr. */
    CLUSTER_INCOMPLETE(503, 10004, "incomplete results"),
    /** JSClusterNoPeersErrF. */
    CLUSTER_NO_PEERS(400, 10005, "{err}"),
    /** JSClusterNotActiveErr. */
    CLUSTER_NOT_ACTIVE(500, 10006, "JetStream not in clustered mode"),
    /** JSClusterNotAssignedErr. */
    CLUSTER_NOT_ASSIGNED(500, 10007, "JetStream cluster not assigned to this server"),
    /** JSClusterNotAvailErr. */
    CLUSTER_NOT_AVAIL(503, 10008, "JetStream system temporarily unavailable"),
    /** JSClusterNotLeaderErr. */
    CLUSTER_NOT_LEADER(500, 10009, "JetStream cluster can not handle request"),
    /** JSClusterRequiredErr. */
    CLUSTER_REQUIRED(503, 10010, "JetStream clustering support required"),
    /** JSClusterTagsErr. */
    CLUSTER_TAGS(400, 10011, "tags placement not supported for operation"),
    /** JSConsumerCreateErrF. */
    CONSUMER_CREATE(500, 10012, "{err}"),
    /** JSConsumerNameExistErr. */
    CONSUMER_NAME_EXIST(400, 10013, "consumer name already in use"),
    /** JSConsumerNotFoundErr. */
    CONSUMER_NOT_FOUND(404, 10014, "consumer not found"),
    /** JSSnapshotDeliverSubjectInvalidErr. */
    SNAPSHOT_DELIVER_SUBJECT_INVALID(400, 10015, "deliver subject not valid"),
    /** JSConsumerDurableNameNotInSubjectErr. */
    CONSUMER_DURABLE_NAME_NOT_IN_SUBJECT(400, 10016, "consumer expected to be durable but no durable name set in subject"),
    /** JSConsumerDurableNameNotMatchSubjectErr. */
    CONSUMER_DURABLE_NAME_NOT_MATCH_SUBJECT(400, 10017, "consumer name in subject does not match durable name in request"),
    /** JSConsumerDurableNameNotSetErr. */
    CONSUMER_DURABLE_NAME_NOT_SET(400, 10018, "consumer expected to be durable but a durable name was not set"),
    /** JSConsumerEphemeralWithDurableInSubjectErr. */
    CONSUMER_EPHEMERAL_WITH_DURABLE_IN_SUBJECT(400, 10019, "consumer expected to be ephemeral but detected a durable name set in subject"),
    /** JSConsumerEphemeralWithDurableNameErr. */
    CONSUMER_EPHEMERAL_WITH_DURABLE_NAME(400, 10020, "consumer expected to be ephemeral but a durable name was set in request"),
    /** JSStreamExternalApiOverlapErrF. */
    STREAM_EXTERNAL_API_OVERLAP(400, 10021, "stream external api prefix {prefix} must not overlap with {subject}"),
    /** JSStreamExternalDelPrefixOverlapsErrF. */
    STREAM_EXTERNAL_DEL_PREFIX_OVERLAPS(400, 10022, "stream external delivery prefix {prefix} overlaps with stream subject {subject}"),
    /** JSInsufficientResourcesErr. */
    INSUFFICIENT_RESOURCES(503, 10023, "insufficient resources"),
    /** JSStreamInvalidExternalDeliverySubjErrF. */
    STREAM_INVALID_EXTERNAL_DELIVERY_SUBJ(400, 10024, "stream external delivery prefix {prefix} must not contain wildcards"),
    /** JSInvalidJSONErr. */
    INVALID_JSON(400, 10025, "invalid JSON: {err}"),
    /** JSMaximumConsumersLimitErr. */
    MAXIMUM_CONSUMERS_LIMIT(400, 10026, "maximum consumers limit reached"),
    /** JSMaximumStreamsLimitErr. */
    MAXIMUM_STREAMS_LIMIT(400, 10027, "maximum number of streams reached"),
    /** JSMemoryResourcesExceededErr. */
    MEMORY_RESOURCES_EXCEEDED(500, 10028, "insufficient memory resources available"),
    /** JSMirrorConsumerSetupFailedErrF. */
    MIRROR_CONSUMER_SETUP_FAILED(500, 10029, "{err}"),
    /** JSMirrorMaxMessageSizeTooBigErr. */
    MIRROR_MAX_MESSAGE_SIZE_TOO_BIG(400, 10030, "stream mirror must have max message size >= source"),
    /** JSMirrorWithSourcesErr. */
    MIRROR_WITH_SOURCES(400, 10031, "stream mirrors can not also contain other sources"),
    /** JSMirrorWithStartSeqAndTimeErr. */
    MIRROR_WITH_START_SEQ_AND_TIME(400, 10032, "stream mirrors can not have both start seq and start time configured"),
    /** JSMirrorWithSubjectFiltersErr. */
    MIRROR_WITH_SUBJECT_FILTERS(400, 10033, "stream mirrors can not contain filtered subjects"),
    /** JSMirrorWithSubjectsErr. */
    MIRROR_WITH_SUBJECTS(400, 10034, "stream mirrors can not contain subjects"),
    /** JSNoAccountErr. */
    NO_ACCOUNT(503, 10035, "account not found"),
    /** JSClusterUnSupportFeatureErr. */
    CLUSTER_UN_SUPPORT_FEATURE(503, 10036, "not currently supported in clustered mode"),
    /** JSNoMessageFoundErr. */
    NO_MESSAGE_FOUND(404, 10037, "no message found"),
    /** JSNotEmptyRequestErr. */
    NOT_EMPTY_REQUEST(400, 10038, "expected an empty request payload"),
    /** JSNotEnabledForAccountErr. */
    NOT_ENABLED_FOR_ACCOUNT(503, 10039, "JetStream not enabled for account"),
    /** JSClusterPeerNotMemberErr. */
    CLUSTER_PEER_NOT_MEMBER(400, 10040, "peer not a member"),
    /** JSRaftGeneralErrF. */
    RAFT_GENERAL(500, 10041, "{err}"),
    /** JSRestoreSubscribeFailedErrF. */
    RESTORE_SUBSCRIBE_FAILED(500, 10042, "JetStream unable to subscribe to restore snapshot {subject}: {err}"),
    /** JSSequenceNotFoundErrF. */
    SEQUENCE_NOT_FOUND(400, 10043, "sequence {seq} not found"),
    /** JSClusterServerNotMemberErr. */
    CLUSTER_SERVER_NOT_MEMBER(400, 10044, "server is not a member of the cluster"),
    /** JSSourceConsumerSetupFailedErrF. */
    SOURCE_CONSUMER_SETUP_FAILED(500, 10045, "{err}"),
    /** JSSourceMaxMessageSizeTooBigErr. */
    SOURCE_MAX_MESSAGE_SIZE_TOO_BIG(400, 10046, "stream source must have max message size >= target"),
    /** JSStorageResourcesExceededErr. */
    STORAGE_RESOURCES_EXCEEDED(500, 10047, "insufficient storage resources available"),
    /** JSStreamAssignmentErrF. */
    STREAM_ASSIGNMENT(500, 10048, "{err}"),
    /** JSStreamCreateErrF. */
    STREAM_CREATE(500, 10049, "{err}"),
    /** JSStreamDeleteErrF. */
    STREAM_DELETE(500, 10050, "{err}"),
    /** JSStreamGeneralErrorF. */
    STREAM_GENERAL_ERROR_F(500, 10051, "{err}"),
    /** JSStreamInvalidConfigF. */
    STREAM_INVALID_CONFIG_F(500, 10052, "{err}"),
    /** JSStreamLimitsErrF. */
    STREAM_LIMITS(500, 10053, "{err}"),
    /** JSStreamMessageExceedsMaximumErr. */
    STREAM_MESSAGE_EXCEEDS_MAXIMUM(400, 10054, "message size exceeds maximum allowed"),
    /** JSStreamMirrorNotUpdatableErr. */
    STREAM_MIRROR_NOT_UPDATABLE(400, 10055, "stream mirror configuration can not be updated"),
    /** JSStreamMismatchErr. */
    STREAM_MISMATCH(400, 10056, "stream name in subject does not match request"),
    /** JSStreamMsgDeleteFailedF. */
    STREAM_MSG_DELETE_FAILED_F(500, 10057, "{err}"),
    /** JSStreamNameExistErr. */
    STREAM_NAME_EXIST(400, 10058, "stream name already in use with a different configuration"),
    /** JSStreamNotFoundErr. */
    STREAM_NOT_FOUND(404, 10059, "stream not found"),
    /** JSStreamNotMatchErr. */
    STREAM_NOT_MATCH(400, 10060, "expected stream does not match"),
    /** JSStreamReplicasNotUpdatableErr. */
    STREAM_REPLICAS_NOT_UPDATABLE(400, 10061, "Replicas configuration can not be updated"),
    /** JSStreamRestoreErrF. */
    STREAM_RESTORE(500, 10062, "restore failed: {err}"),
    /** JSStreamSequenceNotMatchErr. */
    STREAM_SEQUENCE_NOT_MATCH(503, 10063, "expected stream sequence does not match"),
    /** JSStreamSnapshotErrF. */
    STREAM_SNAPSHOT(500, 10064, "snapshot failed: {err}"),
    /** JSStreamSubjectOverlapErr. */
    STREAM_SUBJECT_OVERLAP(400, 10065, "subjects overlap with an existing stream"),
    /** JSStreamTemplateCreateErrF. */
    STREAM_TEMPLATE_CREATE(500, 10066, "{err}"),
    /** JSStreamTemplateDeleteErrF. */
    STREAM_TEMPLATE_DELETE(500, 10067, "{err}"),
    /** JSStreamTemplateNotFoundErr. */
    STREAM_TEMPLATE_NOT_FOUND(404, 10068, "template not found"),
    /** JSStreamUpdateErrF. */
    STREAM_UPDATE(500, 10069, "{err}"),
    /** JSStreamWrongLastMsgIDErrF. */
    STREAM_WRONG_LAST_MSG_ID(400, 10070, "wrong last msg ID: {id}"),
    /** JSStreamWrongLastSequenceErrF. */
    STREAM_WRONG_LAST_SEQUENCE(400, 10071, "wrong last sequence: {seq}"),
    /** JSTempStorageFailedErr. */
    TEMP_STORAGE_FAILED(500, 10072, "JetStream unable to open temp storage for restore"),
    /** JSTemplateNameNotMatchSubjectErr. */
    TEMPLATE_NAME_NOT_MATCH_SUBJECT(400, 10073, "template name in subject does not match request"),
    /** JSStreamReplicasNotSupportedErr. */
    STREAM_REPLICAS_NOT_SUPPORTED(500, 10074, "replicas > 1 not supported in non-clustered mode"),
    /** JSPeerRemapErr. */
    PEER_REMAP(503, 10075, "peer remap failed"),
    /** JSNotEnabledErr. */
    NOT_ENABLED(503, 10076, "JetStream not enabled"),
    /** JSStreamStoreFailedF. */
    STREAM_STORE_FAILED_F(503, 10077, "{err}"),
    /** JSConsumerConfigRequiredErr. */
    CONSUMER_CONFIG_REQUIRED(400, 10078, "consumer config required"),
    /** JSConsumerDeliverToWildcardsErr. */
    CONSUMER_DELIVER_TO_WILDCARDS(400, 10079, "consumer deliver subject has wildcards"),
    /** JSConsumerPushMaxWaitingErr. */
    CONSUMER_PUSH_MAX_WAITING(400, 10080, "consumer in push mode can not set max waiting"),
    /** JSConsumerDeliverCycleErr. */
    CONSUMER_DELIVER_CYCLE(400, 10081, "consumer deliver subject forms a cycle"),
    /** JSConsumerMaxPendingAckPolicyRequiredErr. */
    CONSUMER_MAX_PENDING_ACK_POLICY_REQUIRED(400, 10082, "consumer requires ack policy for max ack pending"),
    /** JSConsumerSmallHeartbeatErr. */
    CONSUMER_SMALL_HEARTBEAT(400, 10083, "consumer idle heartbeat needs to be >= 100ms"),
    /** JSConsumerPullRequiresAckErr. */
    CONSUMER_PULL_REQUIRES_ACK(400, 10084, "consumer in pull mode requires explicit ack policy on workqueue stream"),
    /** JSConsumerPullNotDurableErr. */
    CONSUMER_PULL_NOT_DURABLE(400, 10085, "consumer in pull mode requires a durable name"),
    /** JSConsumerPullWithRateLimitErr. */
    CONSUMER_PULL_WITH_RATE_LIMIT(400, 10086, "consumer in pull mode can not have rate limit set"),
    /** JSConsumerMaxWaitingNegativeErr. */
    CONSUMER_MAX_WAITING_NEGATIVE(400, 10087, "consumer max waiting needs to be positive"),
    /** JSConsumerHBRequiresPushErr. */
    CONSUMER_HB_REQUIRES_PUSH(400, 10088, "consumer idle heartbeat requires a push based consumer"),
    /** JSConsumerFCRequiresPushErr. */
    CONSUMER_FC_REQUIRES_PUSH(400, 10089, "consumer flow control requires a push based consumer"),
    /** JSConsumerDirectRequiresPushErr. */
    CONSUMER_DIRECT_REQUIRES_PUSH(400, 10090, "consumer direct requires a push based consumer"),
    /** JSConsumerDirectRequiresEphemeralErr. */
    CONSUMER_DIRECT_REQUIRES_EPHEMERAL(400, 10091, "consumer direct requires an ephemeral consumer"),
    /** JSConsumerOnMappedErr. */
    CONSUMER_ON_MAPPED(400, 10092, "consumer direct on a mapped consumer"),
    /** JSConsumerFilterNotSubsetErr. */
    CONSUMER_FILTER_NOT_SUBSET(400, 10093, "consumer filter subject is not a valid subset of the interest subjects"),
    /** JSConsumerInvalidPolicyErrF. */
    CONSUMER_INVALID_POLICY(400, 10094, "{err}"),
    /** JSConsumerInvalidSamplingErrF. */
    CONSUMER_INVALID_SAMPLING(400, 10095, "failed to parse consumer sampling configuration: {err}"),
    /** JSStreamInvalidErr. */
    STREAM_INVALID(500, 10096, "stream not valid"),
    /** JSStreamHeaderExceedsMaximumErr. */
    STREAM_HEADER_EXCEEDS_MAXIMUM(400, 10097, "header size exceeds maximum allowed of 64k"),
    /** JSConsumerWQRequiresExplicitAckErr. */
    CONSUMER_WQ_REQUIRES_EXPLICIT_ACK(400, 10098, "workqueue stream requires explicit ack"),
    /** JSConsumerWQMultipleUnfilteredErr. */
    CONSUMER_WQ_MULTIPLE_UNFILTERED(400, 10099, "multiple non-filtered consumers not allowed on workqueue stream"),
    /** JSConsumerWQConsumerNotUniqueErr. */
    CONSUMER_WQ_CONSUMER_NOT_UNIQUE(400, 10100, "filtered consumer not unique on workqueue stream"),
    /** JSConsumerWQConsumerNotDeliverAllErr. */
    CONSUMER_WQ_CONSUMER_NOT_DELIVER_ALL(400, 10101, "consumer must be deliver all on workqueue stream"),
    /** JSConsumerNameTooLongErrF. */
    CONSUMER_NAME_TOO_LONG(400, 10102, "consumer name is too long, maximum allowed is {max}"),
    /** JSConsumerBadDurableNameErr. */
    CONSUMER_BAD_DURABLE_NAME(400, 10103, "durable name can not contain '.', '*', '>'"),
    /** JSConsumerStoreFailedErrF. */
    CONSUMER_STORE_FAILED(500, 10104, "error creating store for consumer: {err}"),
    /** JSConsumerExistingActiveErr. */
    CONSUMER_EXISTING_ACTIVE(400, 10105, "consumer already exists and is still active"),
    /** JSConsumerReplacementWithDifferentNameErr. */
    CONSUMER_REPLACEMENT_WITH_DIFFERENT_NAME(400, 10106, "consumer replacement durable config not the same"),
    /** JSConsumerDescriptionTooLongErrF. */
    CONSUMER_DESCRIPTION_TOO_LONG(400, 10107, "consumer description is too long, maximum allowed is {max}"),
    /** JSConsumerWithFlowControlNeedsHeartbeats. */
    CONSUMER_WITH_FLOW_CONTROL_NEEDS_HEARTBEATS(400, 10108, "consumer with flow control also needs heartbeats"),
    /** JSStreamSealedErr. */
    STREAM_SEALED(400, 10109, "invalid operation on sealed stream"),
    /** JSStreamPurgeFailedF. */
    STREAM_PURGE_FAILED_F(500, 10110, "{err}"),
    /** JSStreamRollupFailedF. */
    STREAM_ROLLUP_FAILED_F(500, 10111, "{err}"),
    /** JSConsumerInvalidDeliverSubject. */
    CONSUMER_INVALID_DELIVER_SUBJECT(400, 10112, "invalid push consumer deliver subject"),
    /** JSStreamMaxBytesRequired. */
    STREAM_MAX_BYTES_REQUIRED(400, 10113, "account requires a stream config to have max bytes set"),
    /** JSConsumerMaxRequestBatchNegativeErr. */
    CONSUMER_MAX_REQUEST_BATCH_NEGATIVE(400, 10114, "consumer max request batch needs to be > 0"),
    /** JSConsumerMaxRequestExpiresTooSmall. */
    CONSUMER_MAX_REQUEST_EXPIRES_TOO_SMALL(400, 10115, "consumer max request expires needs to be >= 1ms"),
    /** JSConsumerMaxDeliverBackoffErr. */
    CONSUMER_MAX_DELIVER_BACKOFF(400, 10116, "max deliver is required to be > length of backoff values"),
    /** JSStreamInfoMaxSubjectsErr. */
    STREAM_INFO_MAX_SUBJECTS(500, 10117, "subject details would exceed maximum allowed"),
    /** JSStreamOfflineErr. */
    STREAM_OFFLINE(500, 10118, "stream is offline"),
    /** JSConsumerOfflineErr. */
    CONSUMER_OFFLINE(500, 10119, "consumer is offline"),
    /** JSNoLimitsErr. */
    NO_LIMITS(400, 10120, "no JetStream default or applicable tiered limit present"),
    /** JSConsumerMaxPendingAckExcessErrF. */
    CONSUMER_MAX_PENDING_ACK_EXCESS(400, 10121, "consumer max ack pending exceeds system limit of {limit}"),
    /** JSStreamMaxStreamBytesExceeded. */
    STREAM_MAX_STREAM_BYTES_EXCEEDED(400, 10122, "stream max bytes exceeds account limit max stream bytes"),
    /** JSStreamMoveAndScaleErr. */
    STREAM_MOVE_AND_SCALE(400, 10123, "can not move and scale a stream in a single update"),
    /** JSStreamMoveInProgressErr. */
    STREAM_MOVE_IN_PROGRESS(400, 10124, "stream move already in progress"),
    /** JSConsumerMaxRequestBatchExceededF. */
    CONSUMER_MAX_REQUEST_BATCH_EXCEEDED_F(400, 10125, "consumer max request batch exceeds server limit of {limit}"),
    /** JSConsumerReplicasExceedsStream. */
    CONSUMER_REPLICAS_EXCEEDS_STREAM(400, 10126, "consumer config replica count exceeds parent stream"),
    /** JSConsumerNameContainsPathSeparatorsErr. */
    CONSUMER_NAME_CONTAINS_PATH_SEPARATORS(400, 10127, "Consumer name can not contain path separators"),
    /** JSStreamNameContainsPathSeparatorsErr. */
    STREAM_NAME_CONTAINS_PATH_SEPARATORS(400, 10128, "Stream name can not contain path separators"),
    /** JSStreamReconfigureNotInProgressErr. */
    STREAM_RECONFIGURE_NOT_IN_PROGRESS(400, 10129, "stream reconfiguration not in progress"),
    /** JSStreamNameExistRestoreFailedErr. */
    STREAM_NAME_EXIST_RESTORE_FAILED(400, 10130, "stream name already in use, cannot restore"),
    /** JSConsumerCreateFilterSubjectMismatchErr. */
    CONSUMER_CREATE_FILTER_SUBJECT_MISMATCH(400, 10131, "Consumer create request did not match filtered subject from create subject"),
    /** JSConsumerCreateDurableAndNameMismatch. */
    CONSUMER_CREATE_DURABLE_AND_NAME_MISMATCH(400, 10132, "Consumer Durable and Name have to be equal if both are provided"),
    /** JSReplicasCountCannotBeNegative. */
    REPLICAS_COUNT_CANNOT_BE_NEGATIVE(400, 10133, "replicas count cannot be negative"),
    /** JSConsumerReplicasShouldMatchStream. */
    CONSUMER_REPLICAS_SHOULD_MATCH_STREAM(400, 10134, "consumer config replicas must match interest retention stream's replicas"),
    /** JSConsumerMetadataLengthErrF. */
    CONSUMER_METADATA_LENGTH(400, 10135, "consumer metadata exceeds maximum size of {limit}"),
    /** JSConsumerDuplicateFilterSubjects. */
    CONSUMER_DUPLICATE_FILTER_SUBJECTS(400, 10136, "consumer cannot have both FilterSubject and FilterSubjects specified"),
    /** JSConsumerMultipleFiltersNotAllowed. */
    CONSUMER_MULTIPLE_FILTERS_NOT_ALLOWED(400, 10137, "consumer with multiple subject filters cannot use subject based API"),
    /** JSConsumerOverlappingSubjectFilters. */
    CONSUMER_OVERLAPPING_SUBJECT_FILTERS(400, 10138, "consumer subject filters cannot overlap"),
    /** JSConsumerEmptyFilter. */
    CONSUMER_EMPTY_FILTER(400, 10139, "consumer filter in FilterSubjects cannot be empty"),
    /** JSSourceDuplicateDetected. */
    SOURCE_DUPLICATE_DETECTED(400, 10140, "duplicate source configuration detected"),
    /** JSSourceInvalidStreamName. */
    SOURCE_INVALID_STREAM_NAME(400, 10141, "sourced stream name is invalid"),
    /** JSMirrorInvalidStreamName. */
    MIRROR_INVALID_STREAM_NAME(400, 10142, "mirrored stream name is invalid"),
    /** JSMirrorWithFirstSeqErr. */
    MIRROR_WITH_FIRST_SEQ(400, 10143, "stream mirrors can not have first sequence configured"),
    /** JSSourceMultipleFiltersNotAllowed. */
    SOURCE_MULTIPLE_FILTERS_NOT_ALLOWED(400, 10144, "source with multiple subject transforms cannot also have a single subject filter"),
    /** JSSourceInvalidSubjectFilter. */
    SOURCE_INVALID_SUBJECT_FILTER(400, 10145, "source transform source: {err}"),
    /** JSSourceInvalidTransformDestination. */
    SOURCE_INVALID_TRANSFORM_DESTINATION(400, 10146, "source transform: {err}"),
    /** JSSourceOverlappingSubjectFilters. */
    SOURCE_OVERLAPPING_SUBJECT_FILTERS(400, 10147, "source filters can not overlap"),
    /** JSConsumerAlreadyExists. */
    CONSUMER_ALREADY_EXISTS(400, 10148, "consumer already exists"),
    /** JSConsumerDoesNotExist. */
    CONSUMER_DOES_NOT_EXIST(400, 10149, "consumer does not exist"),
    /** JSMirrorMultipleFiltersNotAllowed. */
    MIRROR_MULTIPLE_FILTERS_NOT_ALLOWED(400, 10150, "mirror with multiple subject transforms cannot also have a single subject filter"),
    /** JSMirrorInvalidSubjectFilter. */
    MIRROR_INVALID_SUBJECT_FILTER(400, 10151, "mirror transform source: {err}"),
    /** JSMirrorOverlappingSubjectFilters. */
    MIRROR_OVERLAPPING_SUBJECT_FILTERS(400, 10152, "mirror subject filters can not overlap"),
    /** JSConsumerInactiveThresholdExcess. */
    CONSUMER_INACTIVE_THRESHOLD_EXCESS(400, 10153, "consumer inactive threshold exceeds system limit of {limit}"),
    /** JSMirrorInvalidTransformDestination. */
    MIRROR_INVALID_TRANSFORM_DESTINATION(400, 10154, "mirror transform: {err}"),
    /** JSStreamTransformInvalidSource. */
    STREAM_TRANSFORM_INVALID_SOURCE(400, 10155, "stream transform source: {err}"),
    /** JSStreamTransformInvalidDestination. */
    STREAM_TRANSFORM_INVALID_DESTINATION(400, 10156, "stream transform: {err}"),
    /** JSPedanticErrF. */
    PEDANTIC(400, 10157, "pedantic mode: {err}"),
    /** JSStreamDuplicateMessageConflict. */
    STREAM_DUPLICATE_MESSAGE_CONFLICT(409, 10158, "duplicate message id is in process"),
    /** JSConsumerPriorityPolicyWithoutGroup. */
    CONSUMER_PRIORITY_POLICY_WITHOUT_GROUP(400, 10159, "Setting PriorityPolicy requires at least one PriorityGroup to be set"),
    /** JSConsumerInvalidPriorityGroupErr. */
    CONSUMER_INVALID_PRIORITY_GROUP(400, 10160, "Provided priority group does not exist for this consumer"),
    /** JSConsumerEmptyGroupName. */
    CONSUMER_EMPTY_GROUP_NAME(400, 10161, "Group name cannot be an empty string"),
    /** JSConsumerInvalidGroupNameErr. */
    CONSUMER_INVALID_GROUP_NAME(400, 10162, "Valid priority group name must match A-Z, a-z, 0-9, -_/=)+ and may not exceed 16 characters"),
    /** JSStreamExpectedLastSeqPerSubjectNotReady. */
    STREAM_EXPECTED_LAST_SEQ_PER_SUBJECT_NOT_READY(503, 10163, "expected last sequence per subject temporarily unavailable"),
    /** JSStreamWrongLastSequenceConstantErr. */
    STREAM_WRONG_LAST_SEQUENCE_CONSTANT(400, 10164, "wrong last sequence"),
    /** JSMessageTTLInvalidErr. */
    MESSAGE_TTL_INVALID(400, 10165, "invalid per-message TTL"),
    /** JSMessageTTLDisabledErr. */
    MESSAGE_TTL_DISABLED(400, 10166, "per-message TTL is disabled"),
    /** JSStreamTooManyRequests. */
    STREAM_TOO_MANY_REQUESTS(429, 10167, "too many requests"),
    /** JSMessageIncrDisabledErr. */
    MESSAGE_INCR_DISABLED(400, 10168, "message counters is disabled"),
    /** JSMessageIncrMissingErr. */
    MESSAGE_INCR_MISSING(400, 10169, "message counter increment is missing"),
    /** JSMessageIncrPayloadErr. */
    MESSAGE_INCR_PAYLOAD(400, 10170, "message counter has payload"),
    /** JSMessageIncrInvalidErr. */
    MESSAGE_INCR_INVALID(400, 10171, "message counter increment is invalid"),
    /** JSMessageCounterBrokenErr. */
    MESSAGE_COUNTER_BROKEN(400, 10172, "message counter is broken"),
    /** JSMirrorWithCountersErr. */
    MIRROR_WITH_COUNTERS(400, 10173, "stream mirrors can not also calculate counters"),
    /** JSAtomicPublishDisabledErr. */
    ATOMIC_PUBLISH_DISABLED(400, 10174, "atomic publish is disabled"),
    /** JSAtomicPublishMissingSeqErr. */
    ATOMIC_PUBLISH_MISSING_SEQ(400, 10175, "atomic publish sequence is missing"),
    /** JSAtomicPublishIncompleteBatchErr. */
    ATOMIC_PUBLISH_INCOMPLETE_BATCH(400, 10176, "atomic publish batch is incomplete"),
    /** JSAtomicPublishUnsupportedHeaderBatchErr. */
    ATOMIC_PUBLISH_UNSUPPORTED_HEADER_BATCH(400, 10177, "atomic publish unsupported header used: {header}"),
    /** JSConsumerPushWithPriorityGroupErr. */
    CONSUMER_PUSH_WITH_PRIORITY_GROUP(400, 10178, "priority groups can not be used with push consumers"),
    /** JSAtomicPublishInvalidBatchIDErr. */
    ATOMIC_PUBLISH_INVALID_BATCH_ID(400, 10179, "atomic publish batch ID is invalid"),
    /** JSStreamMinLastSeqErr. */
    STREAM_MIN_LAST_SEQ(412, 10180, "min last sequence"),
    /** JSConsumerAckPolicyInvalidErr. */
    CONSUMER_ACK_POLICY_INVALID(400, 10181, "consumer ack policy invalid"),
    /** JSConsumerReplayPolicyInvalidErr. */
    CONSUMER_REPLAY_POLICY_INVALID(400, 10182, "consumer replay policy invalid"),
    /** JSConsumerAckWaitNegativeErr. */
    CONSUMER_ACK_WAIT_NEGATIVE(400, 10183, "consumer ack wait needs to be positive"),
    /** JSConsumerBackOffNegativeErr. */
    CONSUMER_BACK_OFF_NEGATIVE(400, 10184, "consumer backoff needs to be positive"),
    /** JSRequiredApiLevelErr. */
    REQUIRED_API_LEVEL(412, 10185, "JetStream minimum api level required"),
    /** JSMirrorWithMsgSchedulesErr. */
    MIRROR_WITH_MSG_SCHEDULES(400, 10186, "stream mirrors can not also schedule messages"),
    /** JSSourceWithMsgSchedulesErr. */
    SOURCE_WITH_MSG_SCHEDULES(400, 10187, "stream source can not also schedule messages"),
    /** JSMessageSchedulesDisabledErr. */
    MESSAGE_SCHEDULES_DISABLED(400, 10188, "message schedules is disabled"),
    /** JSMessageSchedulesPatternInvalidErr. */
    MESSAGE_SCHEDULES_PATTERN_INVALID(400, 10189, "message schedules pattern is invalid"),
    /** JSMessageSchedulesTargetInvalidErr. */
    MESSAGE_SCHEDULES_TARGET_INVALID(400, 10190, "message schedules target is invalid"),
    /** JSMessageSchedulesTTLInvalidErr. */
    MESSAGE_SCHEDULES_TTL_INVALID(400, 10191, "message schedules invalid per-message TTL"),
    /** JSMessageSchedulesRollupInvalidErr. */
    MESSAGE_SCHEDULES_ROLLUP_INVALID(400, 10192, "message schedules invalid rollup"),
    /** JSStreamExpectedLastSeqPerSubjectInvalid. */
    STREAM_EXPECTED_LAST_SEQ_PER_SUBJECT_INVALID(400, 10193, "missing sequence for expected last sequence per subject"),
    /** JSStreamOfflineReasonErrF. */
    STREAM_OFFLINE_REASON(500, 10194, "stream is offline: {err}"),
    /** JSConsumerOfflineReasonErrF. */
    CONSUMER_OFFLINE_REASON(500, 10195, "consumer is offline: {err}"),
    /** JSConsumerPriorityGroupWithPolicyNone. */
    CONSUMER_PRIORITY_GROUP_WITH_POLICY_NONE(400, 10196, "consumer can not have priority groups when policy is none"),
    /** JSConsumerPinnedTTLWithoutPriorityPolicyNone. */
    CONSUMER_PINNED_TTL_WITHOUT_PRIORITY_POLICY_NONE(400, 10197, "PinnedTTL cannot be set when PriorityPolicy is none"),
    /** JSMirrorWithAtomicPublishErr. */
    MIRROR_WITH_ATOMIC_PUBLISH(400, 10198, "stream mirrors can not also use atomic publishing"),
    /** JSAtomicPublishTooLargeBatchErrF. */
    ATOMIC_PUBLISH_TOO_LARGE_BATCH(400, 10199, "atomic publish batch is too large: {size}"),
    /** JSAtomicPublishInvalidBatchCommitErr. */
    ATOMIC_PUBLISH_INVALID_BATCH_COMMIT(400, 10200, "atomic publish batch commit is invalid"),
    /** JSAtomicPublishContainsDuplicateMessageErr. */
    ATOMIC_PUBLISH_CONTAINS_DUPLICATE_MESSAGE(400, 10201, "atomic publish batch contains duplicate message id"),
    /** JSClusterServerMemberChangeInflightErr. */
    CLUSTER_SERVER_MEMBER_CHANGE_INFLIGHT(400, 10202, "cluster member change is in progress"),
    /** JSMessageSchedulesSourceInvalidErr. */
    MESSAGE_SCHEDULES_SOURCE_INVALID(400, 10203, "message schedules source is invalid"),
    /** JSConsumerInvalidResetErr. */
    CONSUMER_INVALID_RESET(400, 10204, "invalid reset: {err}"),
    /** JSBatchPublishDisabledErr. */
    BATCH_PUBLISH_DISABLED(400, 10205, "batch publish is disabled"),
    /** JSBatchPublishInvalidPatternErr. */
    BATCH_PUBLISH_INVALID_PATTERN(400, 10206, "batch publish pattern is invalid"),
    /** JSBatchPublishInvalidBatchIDErr. */
    BATCH_PUBLISH_INVALID_BATCH_ID(400, 10207, "batch publish ID is invalid"),
    /** JSBatchPublishUnknownBatchIDErr. */
    BATCH_PUBLISH_UNKNOWN_BATCH_ID(400, 10208, "batch publish ID unknown"),
    /** JSMirrorWithBatchPublishErr. */
    MIRROR_WITH_BATCH_PUBLISH(400, 10209, "stream mirrors can not also use batch publishing"),
    /** JSAtomicPublishTooManyInflight. */
    ATOMIC_PUBLISH_TOO_MANY_INFLIGHT(429, 10210, "atomic publish too many inflight"),
    /** JSBatchPublishTooManyInflight. */
    BATCH_PUBLISH_TOO_MANY_INFLIGHT(429, 10211, "batch publish too many inflight"),
    /** JSMessageSchedulesSchedulerInvalidErr. */
    MESSAGE_SCHEDULES_SCHEDULER_INVALID(400, 10212, "message schedules invalid scheduler"),
    /** JSMirrorDurableConsumerCfgInvalid. */
    MIRROR_DURABLE_CONSUMER_CFG_INVALID(400, 10213, "stream mirror consumer config is invalid"),
    /** JSMirrorConsumerRequiresAckFCErr. */
    MIRROR_CONSUMER_REQUIRES_ACK_FC(400, 10214, "stream mirror consumer requires flow control ack policy"),
    /** JSSourceDurableConsumerCfgInvalid. */
    SOURCE_DURABLE_CONSUMER_CFG_INVALID(400, 10215, "stream source consumer config is invalid"),
    /** JSSourceDurableConsumerDuplicateDetected. */
    SOURCE_DURABLE_CONSUMER_DUPLICATE_DETECTED(400, 10216, "duplicate stream source consumer detected"),
    /** JSSourceConsumerRequiresAckFCErr. */
    SOURCE_CONSUMER_REQUIRES_ACK_FC(400, 10217, "stream source consumer requires flow control ack policy"),
    /** JSConsumerAckFCRequiresPushErr. */
    CONSUMER_ACK_FC_REQUIRES_PUSH(400, 10218, "flow control ack policy requires a push based consumer"),
    /** JSConsumerAckFCRequiresFCErr. */
    CONSUMER_ACK_FC_REQUIRES_FC(400, 10219, "flow control ack policy requires flow control"),
    /** JSConsumerAckFCRequiresMaxAckPendingErr. */
    CONSUMER_ACK_FC_REQUIRES_MAX_ACK_PENDING(400, 10220, "flow control ack policy requires max ack pending"),
    /** JSConsumerAckFCRequiresNoAckWaitErr. */
    CONSUMER_ACK_FC_REQUIRES_NO_ACK_WAIT(400, 10221, "flow control ack policy requires unset ack wait"),
    /** JSConsumerAckFCRequiresNoMaxDeliverErr. */
    CONSUMER_ACK_FC_REQUIRES_NO_MAX_DELIVER(400, 10222, "flow control ack policy requires unset max deliver"),
    /** JSMessageSchedulesTimeZoneInvalidErr. */
    MESSAGE_SCHEDULES_TIME_ZONE_INVALID(400, 10223, "message schedules time zone is invalid"),
    /** JSClusterRescueErr. */
    CLUSTER_RESCUE(400, 10224, "JetStream system rescue not applied: {err}"),
    /** JSConsumerStreamIdentityMismatchF. */
    CONSUMER_STREAM_IDENTITY_MISMATCH_F(400, 10225, "consumer's stream identity does not match: {msg}"),
    /** JSStreamReconfigureInProgressErr. */
    STREAM_RECONFIGURE_IN_PROGRESS(400, 10226, "stream reconfiguration already in progress"),
    /** JSMessageSourceHdrNotAllowedErr. */
    MESSAGE_SOURCE_HDR_NOT_ALLOWED(400, 10227, "message stream source header is not allowed");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z_]+\\}");

    private final int code;
    private final int errCode;
    private final String template;

    ApiError(int code, int errCode, String template) {
        this.code = code;
        this.errCode = errCode;
        this.template = template;
    }

    /** @return the HTTP-like status, as {@code code} */
    public int code() {
        return code;
    }

    /** @return the JetStream error number, as {@code err_code} */
    public int errCode() {
        return errCode;
    }

    /** @return the description with its placeholders */
    public String template() {
        return template;
    }

    /**
     * @param args the placeholder values, in order of appearance
     * @return the description with the placeholders filled
     */
    public String describe(Object... args) {
        if (args.length == 0) {
            return template;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (m.find()) {
            String v = i < args.length ? String.valueOf(args[i++]) : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * @param args the placeholder values
     * @return an exception carrying this error
     */
    public ApiException toException(Object... args) {
        return new ApiException(this, describe(args));
    }
}
