package io.jnatsd.jetstream.store;

import java.util.TreeSet;

/**
 * Messages with a per-message TTL, ordered by expiry time, so that the next expiry is found in O(log n);
 * the role of the reference's timed hash wheel ({@code server/thw}).
 *
 * <p>Threading: not thread-safe; the owning store's lock guards it.
 */
final class TtlIndex {
    private record Expiry(long atNanos, long seq) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            int c = Long.compare(atNanos, o.atNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final TreeSet<Expiry> byTime = new TreeSet<>();

    /**
     * @param timestampNanos the message's store time
     * @param ttlSeconds     its TTL
     * @return when it expires
     */
    static long expiresAtNanos(long timestampNanos, long ttlSeconds) {
        return timestampNanos + ttlSeconds * 1_000_000_000L;
    }

    /** @param e an entry; tracked only if its TTL is positive */
    void add(MsgEntry e) {
        if (e.ttlSeconds() > 0) {
            byTime.add(new Expiry(expiresAtNanos(e.timestampNanos(), e.ttlSeconds()), e.seq()));
        }
    }

    /** @param e a removed entry */
    void remove(MsgEntry e) {
        if (e.ttlSeconds() > 0) {
            byTime.remove(new Expiry(expiresAtNanos(e.timestampNanos(), e.ttlSeconds()), e.seq()));
        }
    }

    /** @return the earliest expiry time, or {@link Long#MAX_VALUE} */
    long nextAtNanos() {
        return byTime.isEmpty() ? Long.MAX_VALUE : byTime.first().atNanos();
    }

    /**
     * @param nowNanos the current time
     * @return the sequence of the earliest message due at {@code nowNanos}, or -1
     */
    long firstDue(long nowNanos) {
        if (byTime.isEmpty()) {
            return -1;
        }
        Expiry e = byTime.first();
        return e.atNanos() - nowNanos <= 0 ? e.seq() : -1;
    }

    /** Forgets everything. */
    void clear() {
        byTime.clear();
    }
}
