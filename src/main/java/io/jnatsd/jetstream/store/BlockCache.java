package io.jnatsd.jetstream.store;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of recently read sealed blocks, least recently used first out, bounded in bytes; the role of
 * the reference's per-block cache ({@code mb.cache}) with one global bound per store.
 *
 * <p>Threading: caller holds the store lock.
 */
final class BlockCache {
    /** Default memory bound per store. */
    static final long MAX_BYTES_DEFAULT = 32L * 1024 * 1024;

    private final long maxBytes;
    private final LinkedHashMap<MessageBlock, ByteBuffer> blocks = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

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
        return blocks.get(b);
    }

    /** Caches a block's content, evicting the least recently used. */
    void put(MessageBlock b, ByteBuffer content) {
        invalidate(b);
        blocks.put(b, content);
        bytes += content.capacity();
        Iterator<Map.Entry<MessageBlock, ByteBuffer>> it = blocks.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<MessageBlock, ByteBuffer> e = it.next();
            if (e.getKey() == b) {
                continue;
            }
            bytes -= e.getValue().capacity();
            it.remove();
        }
    }

    /** Drops a block (rewritten, erased into, or deleted). */
    void invalidate(MessageBlock b) {
        ByteBuffer old = blocks.remove(b);
        if (old != null) {
            bytes -= old.capacity();
        }
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
