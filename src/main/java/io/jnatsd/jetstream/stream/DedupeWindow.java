package io.jnatsd.jetstream.stream;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Twin of the {@code ddmap}/{@code ddarr} of {@code server/stream.go}: the {@code Nats-Msg-Id}s stored within the
 * duplicate window, oldest first, so that expiry walks from the head.
 *
 * <p>Threading: confined to the stream's ingest thread.
 */
final class DedupeWindow {
    private record Entry(long seq, long timeNanos) {
    }

    private final Map<String, Entry> ids = new LinkedHashMap<>();

    /**
     * @param msgId   a message id
     * @param nowNanos the current time
     * @param windowNanos the window
     * @return the sequence it was stored under, or 0 when not within the window
     */
    long lookup(String msgId, long nowNanos, long windowNanos) {
        expire(nowNanos, windowNanos);
        Entry e = ids.get(msgId);
        return e == null ? 0 : e.seq();
    }

    void record(String msgId, long seq, long nowNanos) {
        ids.put(msgId, new Entry(seq, nowNanos));
    }

    void clear() {
        ids.clear();
    }

    private void expire(long nowNanos, long windowNanos) {
        if (windowNanos <= 0) {
            ids.clear();
            return;
        }
        Iterator<Entry> it = ids.values().iterator();
        while (it.hasNext()) {
            if (nowNanos - it.next().timeNanos() < windowNanos) {
                return;
            }
            it.remove();
        }
    }
}
