package io.jnatsd.jetstream.consumer;

/**
 * Twin of {@code infoWithSnapAndReply} and {@code resetStartingSeqLocked} in {@code server/consumer.go}: the
 * consumer info snapshot and the reset of a consumer's position.
 *
 * <p>Threading: each call takes the consumer's monitor.
 */
final class ConsumerControl {
    private ConsumerControl() {
    }

    static ConsumerInfo info(Consumer c) {
        synchronized (c) {
            return build(c);
        }
    }

    private static ConsumerInfo build(Consumer x) {
        long now = x.host.nowNanos();
        x.numPendingCounter.recount(x);
        long np = x.numPendingCounter.get();
        int numWaiting = 0;
        if (x.waiting != null) {
            x.waiting.process(false, now, x.host::hasInterest, x.lastDelivered(), x::sendStatus);
            numWaiting = x.waiting.size();
        }
        ConsumerConfig cfg = x.config;
        boolean paused = x.isPaused(now);
        long pauseLeft = paused ? Consumer.toNanos(cfg.pauseUntil()) - now : 0;
        return new ConsumerInfo(x.stream, x.name, x.created, cfg,
            new ConsumerInfo.SequenceInfo(x.tracker.deliveredConsumerSeq(), x.tracker.deliveredStreamSeq(),
                x.lastDeliveredNanos == 0 ? null : Consumer.toInstant(x.lastDeliveredNanos)),
            new ConsumerInfo.SequenceInfo(x.tracker.ackFloorConsumerSeq(), x.tracker.ackFloorStreamSeq(),
                x.lastAckNanos == 0 ? null : Consumer.toInstant(x.lastAckNanos)),
            x.tracker.numAckPending(), x.tracker.numRedelivered(), numWaiting, np,
            cfg.isPush() && x.push.active, paused, pauseLeft, Consumer.toInstant(now), x.priority.states());
    }

    /**
     * Twin of {@code resetStartingSeq}: moves the consumer back (or forward) to a stream sequence, forgetting
     * pending acks; 0 means back to the ack floor.
     *
     * @param seq the sequence, or 0
     * @return the sequence reset to
     * @throws ConsumerException when the deliver policy does not allow it
     */
    static long reset(Consumer x, long seq) {
        long to;
        synchronized (x) {
            ConsumerConfig c = x.config;
            if (seq == 0) {
                to = x.tracker.ackFloorStreamSeq() + 1;
            } else if (c.deliverPolicy() == DeliverPolicy.ALL) {
                to = seq;
            } else if (c.deliverPolicy() == DeliverPolicy.BY_START_SEQUENCE) {
                if (seq < c.optStartSeq()) {
                    throw new ConsumerException(ConsumerErrors.consumerInvalidReset("below start seq"));
                }
                to = seq;
            } else if (c.deliverPolicy() == DeliverPolicy.BY_START_TIME) {
                if (seq < x.host.store().seqFromTime(Consumer.toNanos(c.optStartTime()))) {
                    throw new ConsumerException(ConsumerErrors.consumerInvalidReset("below start time"));
                }
                to = seq;
            } else {
                throw new ConsumerException(ConsumerErrors.consumerInvalidReset("not allowed"));
            }
            to = Math.max(1, to);
            x.tracker.reset(to);
            x.skipList.clear();
            x.lastDeliveredNanos = 0;
            x.lastAckNanos = 0;
            x.numPendingCounter.recount(x);
            x.markDirty();
        }
        return to;
    }
}
