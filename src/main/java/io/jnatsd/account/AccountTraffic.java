package io.jnatsd.account;

import java.util.concurrent.atomic.LongAdder;

/**
 * Twin of the {@code stats} of an {@code Account} in {@code server/accounts.go}: messages and
 * bytes its clients published ({@code received}), the deliveries those publishes made
 * ({@code sent}, counted on the publisher's side as the reference does), and its clients cut
 * as slow consumers. Bumped once per read batch with striped adders, summed only when read.
 *
 * <p>Thread-safe.
 */
public final class AccountTraffic {

    private final LongAdder inMsgs = new LongAdder();
    private final LongAdder inBytes = new LongAdder();
    private final LongAdder outMsgs = new LongAdder();
    private final LongAdder outBytes = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();

    /**
     * Adds one read batch of one client.
     *
     * @param msgs           messages published
     * @param bytes          their bytes
     * @param deliveries     deliveries they made
     * @param deliveredBytes the bytes of those deliveries
     */
    public void recordInbound(long msgs, long bytes, long deliveries, long deliveredBytes) {
        inMsgs.add(msgs);
        inBytes.add(bytes);
        if (deliveries > 0) {
            outMsgs.add(deliveries);
            outBytes.add(deliveredBytes);
        }
    }

    /** Counts a client of the account cut as a slow consumer. */
    public void recordSlowConsumer() {
        slowConsumers.increment();
    }

    /** @return messages published by the account's clients */
    public long inMsgs() {
        return inMsgs.sum();
    }

    /** @return bytes published by the account's clients */
    public long inBytes() {
        return inBytes.sum();
    }

    /** @return deliveries made by the account's publishes */
    public long outMsgs() {
        return outMsgs.sum();
    }

    /** @return bytes delivered by the account's publishes */
    public long outBytes() {
        return outBytes.sum();
    }

    /** @return the account's clients cut as slow consumers */
    public long slowConsumers() {
        return slowConsumers.sum();
    }
}
