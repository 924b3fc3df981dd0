package io.jnatsd.jetstream.consumer;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerConfigRulesTest {

    private static final StreamFacts LIMITS = new StreamFacts("S", "limits", 1, List.of("foo.>"), 0, 0);
    private static final StreamFacts WQ = new StreamFacts("S", "workqueue", 1, List.of("foo.>"), 0, 0);

    private static ConsumerConfig.Builder pull() {
        ConsumerConfig.Builder b = ConsumerConfig.builder();
        b.durable = "d";
        b.ackPolicy = AckPolicy.EXPLICIT;
        return b;
    }

    private static ConsumerError check(ConsumerConfig.Builder b, StreamFacts s) {
        return ConsumerConfigRules.check(ConsumerConfigRules.withDefaults(b.build(), s), s);
    }

    @Test
    void shouldApplyReferenceDefaults_whenPullExplicit() {
        ConsumerConfig c = ConsumerConfigRules.withDefaults(pull().build(), LIMITS);
        assertThat(c.maxDeliver()).isEqualTo(-1);
        assertThat(c.maxWaiting()).isEqualTo(512);
        assertThat(c.ackWaitNanos()).isEqualTo(30_000_000_000L);
        assertThat(c.maxAckPending()).isEqualTo(1000);
        assertThat(ConsumerConfigRules.check(c, LIMITS)).isNull();
    }

    @Test
    void shouldTakeFirstBackoff_whenBackoffSet() {
        ConsumerConfig.Builder b = pull();
        b.backoffNanos = List.of(5L, 10L);
        b.maxDeliver = 3;
        assertThat(ConsumerConfigRules.withDefaults(b.build(), LIMITS).ackWaitNanos()).isEqualTo(5L);
        b.maxDeliver = 1;
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_MAX_DELIVER_BACKOFF);
    }

    @Test
    void shouldRefusePushOnlyOptions_whenPull() {
        ConsumerConfig.Builder b = pull();
        b.idleHeartbeatNanos = 1_000_000_000L;
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_HB_REQUIRES_PUSH);
        b = pull();
        b.flowControl = true;
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_FC_REQUIRES_PUSH);
        b = pull();
        b.rateLimitBps = 10;
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_PULL_WITH_RATE_LIMIT);
    }

    @Test
    void shouldRefuseBadPush_whenWildcardOrCycleOrSmallHeartbeat() {
        ConsumerConfig.Builder b = pull();
        b.deliverSubject = "out.*";
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_DELIVER_TO_WILDCARDS);
        b.deliverSubject = "foo.bar";
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_DELIVER_CYCLE);
        b.deliverSubject = "out";
        b.idleHeartbeatNanos = 50_000_000L;
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_SMALL_HEARTBEAT);
        b.idleHeartbeatNanos = 0;
        b.flowControl = true;
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_WITH_FLOW_CONTROL_NEEDS_HEARTBEATS);
    }

    @Test
    void shouldRefuseStartConflicts_whenPolicyAndOptionDisagree() {
        ConsumerConfig.Builder b = pull();
        b.optStartSeq = 5;
        assertThat(check(b, LIMITS).description())
            .isEqualTo("consumer delivery policy is deliver all, but optional start sequence is also set");
        b = pull();
        b.deliverPolicy = DeliverPolicy.BY_START_TIME;
        assertThat(check(b, LIMITS).description())
            .isEqualTo("consumer delivery policy is deliver by start time, but optional start time is not set");
        b.optStartTime = Instant.now();
        assertThat(check(b, LIMITS)).isNull();
        b = pull();
        b.deliverPolicy = DeliverPolicy.LAST_PER_SUBJECT;
        assertThat(check(b, LIMITS).errCode()).isEqualTo(10094);
    }

    @Test
    void shouldRefuseFilterProblems_whenDuplicateOrOverlapOrEmpty() {
        ConsumerConfig.Builder b = pull();
        b.filterSubject = "foo.a";
        b.filterSubjects = List.of("foo.b");
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_DUPLICATE_FILTER_SUBJECTS);
        b.filterSubject = null;
        b.filterSubjects = List.of("foo.*", "foo.a");
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_OVERLAPPING_SUBJECT_FILTERS);
        b.filterSubjects = List.of("");
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_EMPTY_FILTER);
    }

    @Test
    void shouldRequireAck_whenPullOnWorkQueue() {
        ConsumerConfig.Builder b = pull();
        b.ackPolicy = AckPolicy.NONE;
        assertThat(check(b, WQ)).isEqualTo(ConsumerErrors.CONSUMER_PULL_REQUIRES_ACK);
    }

    @Test
    void shouldCheckPriorityGroups_whenPolicySet() {
        ConsumerConfig.Builder b = pull();
        b.priorityPolicy = PriorityPolicy.PINNED_CLIENT;
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_PRIORITY_POLICY_WITHOUT_GROUP);
        b.priorityGroups = List.of("bad name!");
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_INVALID_GROUP_NAME);
        b.priorityGroups = List.of("jobs");
        assertThat(check(b, LIMITS)).isNull();
        assertThat(ConsumerConfigRules.withDefaults(b.build(), LIMITS).pinnedTtlNanos()).isEqualTo(120_000_000_000L);
        b.priorityPolicy = PriorityPolicy.NONE;
        assertThat(check(b, LIMITS)).isEqualTo(ConsumerErrors.CONSUMER_PRIORITY_GROUP_WITH_POLICY_NONE);
    }

    @Test
    void shouldAllowOnlyMutableFields_whenUpdating() {
        ConsumerConfig old = ConsumerConfigRules.withDefaults(pull().build(), LIMITS);
        ConsumerConfig.Builder b = old.toBuilder();
        b.description = "new";
        b.maxAckPending = 5;
        assertThat(ConsumerConfigRules.checkUpdate(old, b.build(), false)).isNull();
        b.ackPolicy = AckPolicy.ALL;
        assertThat(ConsumerConfigRules.checkUpdate(old, b.build(), false))
            .isEqualTo(new ConsumerError(500, 10012, "ack policy can not be updated"));
        b = old.toBuilder();
        b.deliverSubject = "x";
        assertThat(ConsumerConfigRules.checkUpdate(old, b.build(), false).description())
            .isEqualTo("can not update pull consumer to push based");
    }

    @Test
    void shouldRefuseBadNames_whenSeparatorsPresent() {
        assertThat(ConsumerConfigRules.isValidAssetName("a.b")).isFalse();
        assertThat(ConsumerConfigRules.isValidAssetName("a/b")).isFalse();
        assertThat(ConsumerConfigRules.isValidAssetName("ok-name_1")).isTrue();
        ConsumerConfig.Builder b = pull();
        b.durable = "a.b";
        assertThat(check(b, LIMITS).errCode()).isEqualTo(10052);
    }
}
