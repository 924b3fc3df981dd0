package io.jnatsd.jetstream.consumer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AckTrackerTest {

    private static final long SEC = 1_000_000_000L;

    private static AckTracker tracker(AckPolicy policy, int maxDeliver, List<Long> backoff) {
        ConsumerConfig.Builder b = ConsumerConfig.builder();
        b.ackPolicy = policy;
        b.maxDeliver = maxDeliver;
        b.backoffNanos = backoff;
        b.durable = "d";
        return new AckTracker(ConsumerConfigRules.withDefaults(b.build(),
            new StreamFacts("S", "limits", 1, List.of("foo"), 0, 0)));
    }

    @Test
    void shouldMoveAckFloor_whenExplicitAcksArriveOutOfOrder() {
        AckTracker t = tracker(AckPolicy.EXPLICIT, -1, null);
        for (long s = 1; s <= 3; s++) {
            t.deliverNew(s, 0);
        }
        assertThat(t.ack(2, 2)).containsExactly(2L);
        assertThat(t.ackFloorStreamSeq()).isZero();
        assertThat(t.numAckPending()).isEqualTo(2);
        assertThat(t.ack(1, 1)).containsExactly(1L);
        assertThat(t.ackFloorStreamSeq()).isEqualTo(2);
        assertThat(t.ackFloorConsumerSeq()).isEqualTo(2);
        t.ack(3, 3);
        assertThat(t.ackFloorStreamSeq()).isEqualTo(3);
        assertThat(t.numAckPending()).isZero();
    }

    @Test
    void shouldReleaseEverythingBelow_whenAckAll() {
        AckTracker t = tracker(AckPolicy.ALL, -1, null);
        for (long s = 1; s <= 5; s++) {
            t.deliverNew(s, 0);
        }
        assertThat(t.ack(4, 4)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(t.ackFloorStreamSeq()).isEqualTo(4);
        assertThat(t.numAckPending()).isEqualTo(1);
        assertThat(t.ack(2, 2)).isEmpty();
    }

    @Test
    void shouldForgetRedeliveriesBelowOnly_whenAckAllCoversSome() {
        AckTracker t = tracker(AckPolicy.ALL, -1, null);
        for (long s = 1; s <= 4; s++) {
            t.deliverNew(s, 0);
        }
        t.checkPending(30 * SEC, 1);
        assertThat(t.redeliveryCount()).isEqualTo(4);
        assertThat(t.pollRedelivery()).isEqualTo(1);
        assertThat(t.deliverAgain(1, 31 * SEC)).isEqualTo(5);
        assertThat(t.ack(2, 2)).containsExactly(1L, 2L);
        assertThat(t.numRedelivered()).isZero();
        assertThat(t.numAckPending()).isEqualTo(2);
        assertThat(t.pollRedelivery()).isEqualTo(3);
        assertThat(t.pollRedelivery()).isEqualTo(4);
        assertThat(t.pollRedelivery()).isZero();
    }

    @Test
    void shouldMoveFloorOnDelivery_whenAckNone() {
        AckTracker t = tracker(AckPolicy.NONE, -1, null);
        t.deliverNew(7, 0);
        assertThat(t.ackFloorStreamSeq()).isEqualTo(7);
        assertThat(t.numAckPending()).isZero();
    }

    @Test
    void shouldQueueRedelivery_whenAckWaitPasses() {
        AckTracker t = tracker(AckPolicy.EXPLICIT, -1, null);
        t.deliverNew(1, 0);
        assertThat(t.checkPending(29 * SEC, 1)).isEqualTo(SEC);
        assertThat(t.hasRedeliveries()).isFalse();
        t.checkPending(30 * SEC, 1);
        assertThat(t.pollRedelivery()).isEqualTo(1);
        long dseq = t.deliverAgain(1, 31 * SEC);
        assertThat(dseq).isEqualTo(2);
        assertThat(t.deliveryCount(1)).isEqualTo(2);
        assertThat(t.numRedelivered()).isEqualTo(1);
        t.ack(1, dseq);
        assertThat(t.numRedelivered()).isZero();
        assertThat(t.ackFloorStreamSeq()).isEqualTo(1);
        assertThat(t.ackFloorConsumerSeq()).isEqualTo(2);
    }

    @Test
    void shouldFollowBackoff_whenSet() {
        AckTracker t = tracker(AckPolicy.EXPLICIT, 5, List.of(SEC, 5 * SEC));
        t.deliverNew(1, 0);
        t.checkPending(SEC, 1);
        assertThat(t.pollRedelivery()).isEqualTo(1);
        t.deliverAgain(1, SEC);
        t.checkPending(5 * SEC, 1);
        assertThat(t.hasRedeliveries()).isFalse();
        t.checkPending(6 * SEC, 1);
        assertThat(t.pollRedelivery()).isEqualTo(1);
    }

    @Test
    void shouldStopAndReport_whenMaxDeliverReached() {
        AckTracker t = tracker(AckPolicy.EXPLICIT, 2, null);
        List<long[]> maxed = new ArrayList<>();
        t.setMaxDeliveriesListener((s, d) -> maxed.add(new long[]{s, d}));
        t.deliverNew(1, 0);
        t.checkPending(30 * SEC, 1);
        t.deliverAgain(t.pollRedelivery(), 30 * SEC);
        assertThat(t.checkPending(60 * SEC, 1)).isEqualTo(-1);
        assertThat(maxed).hasSize(1);
        assertThat(maxed.get(0)).containsExactly(1, 2);
        assertThat(t.numAckPending()).isZero();
        assertThat(t.ackFloorStreamSeq()).isEqualTo(1);
    }

    @Test
    void shouldDelayRedelivery_whenNakHasDelay() {
        AckTracker t = tracker(AckPolicy.EXPLICIT, -1, null);
        t.deliverNew(1, 0);
        assertThat(t.nak(1, 1, 2 * SEC, 10 * SEC)).isTrue();
        t.checkPending(11 * SEC, 1);
        assertThat(t.hasRedeliveries()).isFalse();
        t.checkPending(12 * SEC, 1);
        assertThat(t.pollRedelivery()).isEqualTo(1);
        assertThat(t.nak(1, 1, -1, 12 * SEC)).isTrue();
        assertThat(t.pollRedelivery()).isEqualTo(1);
    }

    @Test
    void shouldRestartWait_whenProgress() {
        AckTracker t = tracker(AckPolicy.EXPLICIT, -1, null);
        t.deliverNew(1, 0);
        t.progress(1, 20 * SEC);
        t.checkPending(30 * SEC, 1);
        assertThat(t.hasRedeliveries()).isFalse();
    }

    @Test
    void shouldRestoreSameState_whenSnapshotRoundTrips() {
        AckTracker t = tracker(AckPolicy.EXPLICIT, -1, null);
        for (long s = 1; s <= 4; s++) {
            t.deliverNew(s, s);
        }
        t.ack(1, 1);
        t.checkPending(40 * SEC, 1);
        t.deliverAgain(t.pollRedelivery(), 40 * SEC);
        AckTracker u = tracker(AckPolicy.EXPLICIT, -1, null);
        u.restore(t.snapshot());
        assertThat(u.snapshot()).isEqualTo(t.snapshot());
        assertThat(u.numAckPending()).isEqualTo(3);
        assertThat(u.numRedelivered()).isEqualTo(1);
        assertThat(u.nextStreamSeq()).isEqualTo(5);
    }

    @Test
    void shouldDropGoneMessages_whenBelowStreamFirstSeq() {
        AckTracker t = tracker(AckPolicy.EXPLICIT, -1, null);
        t.deliverNew(1, 0);
        t.deliverNew(2, 0);
        t.checkPending(SEC, 2);
        assertThat(t.numAckPending()).isEqualTo(1);
        assertThat(t.ackFloorStreamSeq()).isEqualTo(1);
    }

    @Test
    void shouldKeepFloorAndRedeliveries_whenThousandsAreAckedOutOfOrder() {
        AckTracker t = tracker(AckPolicy.EXPLICIT, 3, null);
        for (long s = 1; s <= 5000; s++) {
            t.deliverNew(s, 0);
        }
        for (long s = 2; s <= 5000; s += 2) {
            assertThat(t.ack(s, s, null)).isEqualTo(1);
        }
        assertThat(t.ackFloorStreamSeq()).isZero();
        assertThat(t.numAckPending()).isEqualTo(2500);
        assertThat(t.ack(1, 1, null)).isEqualTo(1);
        assertThat(t.ackFloorStreamSeq()).isEqualTo(2);
        assertThat(t.ackFloorConsumerSeq()).isEqualTo(2);
        t.checkPending(30 * SEC, 1);
        assertThat(t.redeliveryCount()).isEqualTo(2499);
        assertThat(t.pollRedelivery()).isEqualTo(3);
        long d = t.deliverAgain(3, 30 * SEC);
        assertThat(t.deliveryCount(3)).isEqualTo(2);
        assertThat(t.pendingTimestampNanos(3)).isEqualTo(30 * SEC);
        assertThat(t.pendingDeliverSeq(3)).isEqualTo(3);
        t.ack(3, d, null);
        assertThat(t.ackFloorStreamSeq()).isEqualTo(4);
        assertThat(t.isPending(3)).isFalse();
        assertThat(t.isPending(5)).isTrue();
        assertThat(t.pollRedelivery()).isEqualTo(5);
    }

    @Test
    void shouldTellNoSink_whenLimitsRetentionNeedsNoReleasedList() {
        AckTracker t = tracker(AckPolicy.ALL, -1, null);
        for (long s = 1; s <= 10; s++) {
            t.deliverNew(s, 0);
        }
        assertThat(t.ack(7, 7, null)).isEqualTo(7);
        assertThat(t.numAckPending()).isEqualTo(3);
        List<Long> got = new ArrayList<>();
        assertThat(t.ack(10, 10, got::add)).isEqualTo(3);
        assertThat(got).containsExactly(8L, 9L, 10L);
        assertThat(t.hasPending()).isFalse();
    }

    @Test
    void shouldTermAndNakWithDelay_whenPendingInRing() {
        AckTracker t = tracker(AckPolicy.EXPLICIT, -1, null);
        for (long s = 1; s <= 3; s++) {
            t.deliverNew(s, 0);
        }
        assertThat(t.nak(2, 2, 5 * SEC, SEC)).isTrue();
        assertThat(t.pendingTimestampNanos(2)).isEqualTo(SEC - 30 * SEC + 5 * SEC);
        t.checkPending(6 * SEC + 1, 1);
        assertThat(t.pollRedelivery()).isEqualTo(2);
        assertThat(t.ack(1, 1, null)).isEqualTo(1);
        assertThat(t.ackFloorStreamSeq()).isEqualTo(1);
        assertThat(t.nak(3, 3, -1, SEC)).isTrue();
        assertThat(t.ack(3, 3, null)).isEqualTo(1);
        assertThat(t.hasRedeliveries()).isFalse();
        assertThat(t.numAckPending()).isEqualTo(1);
    }
}
