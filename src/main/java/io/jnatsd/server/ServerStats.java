package io.jnatsd.server;

import io.jnatsd.account.Account;

import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide message counters, the totals that /varz reports. Bumped on publishers'
 * threads with striped adders, summed only when read. Thread-safe.
 */
public final class ServerStats {

    private final LongAdder inMsgs = new LongAdder();
    private final LongAdder inBytes = new LongAdder();
    private final LongAdder outMsgs = new LongAdder();
    private final LongAdder outBytes = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();
    private final LongAdder totalConnections = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final LatencyHistogram readBatchLatency = new LatencyHistogram();

    /** Adds one read batch's totals (messages in, the deliveries they made) to the server and the account. */
    void recordInbound(Account account, long msgs, long bytes, long deliveries, long deliveredBytes) {
        account.traffic().recordInbound(msgs, bytes, deliveries, deliveredBytes);
        inMsgs.add(msgs);
        inBytes.add(bytes);
        if (deliveries > 0) {
            outMsgs.add(deliveries);
            outBytes.add(deliveredBytes);
        }
    }

    void recordSlowConsumer(Account account) {
        account.traffic().recordSlowConsumer();
        slowConsumers.increment();
    }

    void recordAuthFailure() {
        authFailures.increment();
    }

    /** Connections refused for bad or missing credentials or an auth timeout. */
    public long authFailures() {
        return authFailures.sum();
    }

    void recordConnection() {
        totalConnections.increment();
    }

    public long inMsgs() {
        return inMsgs.sum();
    }

    public long inBytes() {
        return inBytes.sum();
    }

    public long outMsgs() {
        return outMsgs.sum();
    }

    public long outBytes() {
        return outBytes.sum();
    }

    public long slowConsumers() {
        return slowConsumers.sum();
    }

    public long totalConnections() {
        return totalConnections.sum();
    }

    /**
     * Time from the first bytes of a client read batch to the flush of the deliveries it
     * made: how long a published message spends inside the server before it is handed to its
     * subscribers' sockets (the whole batch is one observation).
     */
    public LatencyHistogram readBatchLatency() {
        return readBatchLatency;
    }
}
