package io.jnatsd.server;

import io.jnatsd.account.Subscription;
import io.jnatsd.subject.Sublist;
import io.jnatsd.subject.SublistResult;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * A connection's own first-level cache of sublist matches (the reference's {@code c.in.results}),
 * so that a publisher sending to the same subjects again touches no shared structure. It is
 * cleared whenever the sublist's generation moves, so it never serves a stale result.
 *
 * <p>Event loop only: confined to its connection.
 */
final class SubjectMatchCache {

    /** Beyond this many subjects the cache is dropped and refilled; a publisher this varied gains little from it. */
    static final int MAX_ENTRIES = 1024;

    private final Sublist<Subscription> sublist;
    private final HashMap<String, SublistResult<Subscription>> results = new HashMap<>();
    private long generation = -1;

    SubjectMatchCache(Sublist<Subscription> sublist) {
        this.sublist = sublist;
    }

    /** The subscriptions matching the subject at {@code buf[offset, offset+length)}. */
    SublistResult<Subscription> match(ByteBuf buf, int offset, int length) {
        String subject = buf.toString(offset, length, StandardCharsets.ISO_8859_1);
        long current = sublist.generation();
        if (current != generation) {
            results.clear();
            generation = current;
        }
        SublistResult<Subscription> hit = results.get(subject);
        if (hit != null) {
            return hit;
        }
        SublistResult<Subscription> result = sublist.match(subject);
        if (results.size() >= MAX_ENTRIES) {
            results.clear();
        }
        results.put(subject, result);
        return result;
    }
}
