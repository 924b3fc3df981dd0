package io.jnatsd.jetstream.store;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of recently read sealed blocks, least recently used first out, bounded in bytes and dropped once
 * idle for {@link #IDLE_EXPIRY_NANOS}; the role of the reference's per-block cache ({@code mb.cache}, expired after
 * {@code defaultCacheBufferExpiration}) with one global bound per store.
 *
 * <p>Threading: caller holds the store lock, except for {@link #isEmpty}, which may be read without it.
 */
final class BlockCache {
    /** Default memory bound per store. */
    static final long MAX_BYTES_DEFAULT = 32L * 1024 * 1024;
    /** The reference's {@code defaultCacheBufferExpiration}. */
    static final long IDLE_EXPIRY_NANOS = 10_000_000_000L;

    /**
     * A cached block's content and when it was last seen in use (monotonic nanos). A read only sets {@code used};
     * the sweep turns that into a time, so that reading a message costs no clock call.
     */
    private static final class Entry {
        final ByteBuffer content;
        long lastUsedNanos;
        boolean used;

        Entry(ByteBuffer content, long lastUsedNanos) {
            this.content = content;
            this.lastUsedNanos = lastUsedNanos;
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<MessageBlock, Entry> blocks = new LinkedHashMap<>(16, 0.75f, true);
    /** Written under the store lock; volatile so that the idle sweep can skip an empty cache without the lock. */
    private volatile long bytes;

    /** @param maxBytes the memory bound */
    BlockCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** @return true if a block of this size may be cached at all */
    boolean fits(long size) {
        return size <= maxBytes;
    }

    /** @return the cached content or null */
    ByteBuffer get(MessageBlock b) {
        Entry e = blocks.get(b);
        if (e == null) {
            return null;
        }
        e.used = true;
        return e.content;
    }

    /** Caches a block's content read at {@code nowNanos}, evicting the least recently used. */
    void put(MessageBlock b, ByteBuffer content, long nowNanos) {
        invalidate(b);
        blocks.put(b, new Entry(content, nowNanos));
        long held = bytes + content.capacity();
        Iterator<Map.Entry<MessageBlock, Entry>> it = blocks.entrySet().iterator();
        while (held > maxBytes && it.hasNext()) {
            Map.Entry<MessageBlock, Entry> e = it.next();
            if (e.getKey() == b) {
                continue;
            }
            held -= e.getValue().content.capacity();
            it.remove();
        }
        bytes = held;
    }

    /** Drops a block (rewritten, erased into, or deleted). */
    void invalidate(MessageBlock b) {
        Entry old = blocks.remove(b);
        if (old != null) {
            bytes -= old.content.capacity();
        }
    }

    /**
     * Drops every block not read for {@link #IDLE_EXPIRY_NANOS}, so that a stream nobody reads holds no block
     * memory; a block read since the last sweep counts as read now. Run about once a second: the expiry is as
     * exact as the sweeps are frequent.
     *
     * @param nowNanos monotonic time now
     * @return blocks dropped
     */
    int expireIdle(long nowNanos) {
        int dropped = 0;
        Iterator<Map.Entry<MessageBlock, Entry>> it = blocks.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.used) {
                e.used = false;
                e.lastUsedNanos = nowNanos;
            } else if (nowNanos - e.lastUsedNanos >= IDLE_EXPIRY_NANOS) {
                bytes -= e.content.capacity();
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    /** @return true if nothing is cached; safe without the store lock (a stale answer only delays a sweep) */
    boolean isEmpty() {
        return bytes == 0;
    }

    /** @return bytes held */
    long bytes() {
        return bytes;
    }

    void clear() {
        blocks.clear();
        bytes = 0;
    }
}
