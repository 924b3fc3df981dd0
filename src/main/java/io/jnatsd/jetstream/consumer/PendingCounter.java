package io.jnatsd.jetstream.consumer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * A consumer's count of stream messages it has yet to deliver ({@code num_pending}), brought up to date lazily: a
 * publish does not touch it (so a stream with thousands of idle consumers costs nothing per message); the consumer
 * catches up with the messages appended since it last counted when it is about to deliver or answer.
 *
 * <p>Threading: reads are thread-safe; writes happen under the consumer's monitor.
 */
final class PendingCounter {
    private final AtomicLong count = new AtomicLong();
    /** The last stream sequence the count covers. */
    private volatile long countedTo;

    /**
     * @param n       the exact count
     * @param asOfSeq the last stream sequence it covers
     */
    void set(long n, long asOfSeq) {
        count.set(n);
        countedTo = asOfSeq;
    }

    /** @return the count (may lag behind appends until {@link #catchUp}) */
    long get() {
        return count.get();
    }

    /** One message was delivered. */
    void decrement() {
        count.decrementAndGet();
    }

    /**
     * Adds the messages appended after the last counted sequence, up to {@code lastSeq}.
     *
     * @param lastSeq    the stream's last sequence now
     * @param unfiltered true when every message matches (each appended one counts)
     * @param countFrom  for filtered consumers: matching messages from a sequence on
     */
    void catchUp(long lastSeq, boolean unfiltered, LongUnaryOperator countFrom) {
        long done = countedTo;
        if (lastSeq <= done) {
            return;
        }
        long added = unfiltered ? lastSeq - done : countFrom.applyAsLong(done + 1);
        count.addAndGet(added);
        countedTo = lastSeq;
    }

    /**
     * Under the consumer's monitor: counts its pending messages afresh.
     *
     * @param c the consumer
     */
    void recount(Consumer c) {
        long last = c.streamLastSeq();
        set(count(c), last);
    }

    /**
     * Under the consumer's monitor: adds the messages appended since the count was last brought up to date.
     *
     * @param c the consumer
     */
    void catchUp(Consumer c) {
        catchUp(c.streamLastSeq(), c.filters.isEmpty(), from -> countFrom(c, from));
    }

    /**
     * @param c the consumer
     * @return its pending messages: the skip list plus matching messages from its next sequence on
     */
    static long count(Consumer c) {
        long from = c.skipList.isEmpty() ? c.tracker.nextStreamSeq() : c.resumeSeq;
        return c.skipList.size() + countFrom(c, from);
    }

    private static long countFrom(Consumer c, long from) {
        List<String> fs = c.config.filters();
        if (fs.isEmpty()) {
            return c.host.store().numPending(from, ">", false);
        }
        long n = 0;
        for (String f : fs) {
            n += c.host.store().numPending(from, f, false);
        }
        return n;
    }
}
