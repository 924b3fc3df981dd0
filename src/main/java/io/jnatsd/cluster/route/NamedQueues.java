package io.jnatsd.cluster.route;

import io.jnatsd.account.Subscription;
import io.jnatsd.subject.SublistResult;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The queue groups an RMSG names (the reference's {@code pa.queues}), as indices into the local match result.
 * A peer names the same groups message after message, so the last answer is kept: a message whose names and
 * local result are those of the one before costs one bulk copy and one compare.
 *
 * <p>Not thread-safe: one per route connection, used on its event loop.
 */
final class NamedQueues {

    private byte[] names = new byte[64];
    private int namesLength = -1;
    private SublistResult<Subscription> forMatches;
    private int[] groups = new int[4];
    private int groupCount;
    private byte[] scratch = new byte[64];

    /**
     * Resolves the names at {@code buf[offset, offset+length)} (separated by spaces or tabs) against
     * {@code matches}; read the answer with {@link #count()} and {@link #group(int)}.
     */
    void resolve(SublistResult<Subscription> matches, ByteBuf buf, int offset, int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        buf.getBytes(offset, scratch, 0, length);
        if (matches == forMatches && length == namesLength && Arrays.equals(scratch, 0, length, names, 0, length)) {
            return;
        }
        groupCount = 0;
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || scratch[i] == ' ' || scratch[i] == '\t') {
                if (i > start) {
                    int g = groupIndex(matches, scratch, start, i - start);
                    if (g >= 0) {
                        addGroup(g);
                    }
                }
                start = i + 1;
            }
        }
        byte[] kept = scratch;
        scratch = names;
        names = kept;
        namesLength = length;
        forMatches = matches;
    }

    int count() {
        return groupCount;
    }

    int group(int i) {
        return groups[i];
    }

    private void addGroup(int g) {
        if (groupCount == groups.length) {
            groups = Arrays.copyOf(groups, groupCount * 2);
        }
        groups[groupCount++] = g;
    }

    /** The local group named by {@code bytes[offset, offset+length)}, or -1. */
    private static int groupIndex(SublistResult<Subscription> matches, byte[] bytes, int offset, int length) {
        for (int g = 0; g < matches.queueGroupCount(); g++) {
            String name = matches.queueName(g);
            if (name.length() == length && Arrays.equals(name.getBytes(StandardCharsets.ISO_8859_1), 0, length,
                    bytes, offset, offset + length)) {
                return g;
            }
        }
        return -1;
    }
}
