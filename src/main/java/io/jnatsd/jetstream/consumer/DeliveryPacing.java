package io.jnatsd.jetstream.consumer;

/**
 * Twin of the replay-original and rate-limit delays of {@code loopAndGatherMsgs} in {@code server/consumer.go}:
 * how long the next delivery must wait. Replay original keeps the original gaps between the messages stored before
 * the consumer started (redeliveries are not held back); a rate limit spaces deliveries so that
 * {@code rate_limit_bps} bits per second are not passed.
 *
 * <p>Threading: not thread-safe; guarded by its consumer's monitor.
 */
final class DeliveryPacing {
    /** Gaps below this are not waited for. */
    private static final long MIN_REPLAY_GAP_NANOS = 1_000_000L;

    private boolean replaying;
    private long replayLastTimestampNanos;
    private long replayUpToSeq;
    private long replayReadyNanos;
    private long rateNextNanos;

    /**
     * Starts replay original: messages up to {@code upToSeq} keep their original gaps.
     *
     * @param upToSeq the stream's last sequence when the consumer started
     */
    void startReplay(long upToSeq) {
        replaying = true;
        replayUpToSeq = upToSeq;
    }

    /**
     * @param redelivery     true for a redelivery
     * @param seq            the message's stream sequence
     * @param timestampNanos when it was stored
     * @param rateLimitBps   the consumer's rate limit, 0 for none
     * @param nowNanos       wall-clock now
     * @return nanoseconds to wait before sending it, 0 to send now
     */
    long holdBackNanos(boolean redelivery, long seq, long timestampNanos, long rateLimitBps, long nowNanos) {
        if (replaying && !redelivery) {
            if (seq > replayUpToSeq) {
                replaying = false;
            } else if (replayLastTimestampNanos != 0 && nowNanos < replayReadyNanos) {
                return replayReadyNanos - nowNanos;
            } else if (replayLastTimestampNanos != 0 && replayReadyNanos == 0) {
                long gap = timestampNanos - replayLastTimestampNanos;
                if (gap > MIN_REPLAY_GAP_NANOS) {
                    replayReadyNanos = nowNanos + gap;
                    return gap;
                }
            }
        }
        if (rateLimitBps > 0 && rateNextNanos - nowNanos > 0) {
            return rateNextNanos - nowNanos;
        }
        return 0;
    }

    /**
     * A message went out.
     *
     * @param timestampNanos when it was stored
     * @param sizeBytes      its size as the reference counts it
     * @param rateLimitBps   the consumer's rate limit, 0 for none
     * @param nowNanos       wall-clock now
     */
    void sent(long timestampNanos, int sizeBytes, long rateLimitBps, long nowNanos) {
        if (replaying) {
            replayLastTimestampNanos = timestampNanos;
            replayReadyNanos = 0;
        }
        if (rateLimitBps > 0) {
            rateNextNanos = Math.max(rateNextNanos, nowNanos) + sizeBytes * 8L * 1_000_000_000L / rateLimitBps;
        }
    }
}
