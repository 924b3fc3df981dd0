package io.jnatsd.server;

import io.jnatsd.subject.Sublist;
import io.jnatsd.subject.SublistResult;
import io.netty.buffer.ByteBuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A connection's own first-level cache of sublist matches (the reference's {@code c.in.results}),
 * keyed by the subject's bytes, so that a publisher sending to subjects it used before neither
 * builds a String nor touches a shared structure. It is cleared whenever the sublist's
 * generation moves, so it never serves a stale result.
 *
 * <p>Design note: an open-addressing table of byte[] keys rather than a HashMap of Strings,
 * because the key would otherwise be a fresh String per message. A miss pays for the String
 * once.
 *
 * <p>Event loop only: confined to its connection (or to one event loop thread).
 *
 * @param <T> the subscription type of the sublist
 */
public final class SubjectMatchCache<T> {

    /** Slots in the table; it is cleared when half of them are used, which keeps probes short. */
    static final int CAPACITY = 1024;
    private static final int MASK = CAPACITY - 1;
    private static final int MAX_ENTRIES = CAPACITY / 2;

    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Sublist<T> sublist;
    private final byte[][] keys = new byte[CAPACITY][];
    private final int[] hashes = new int[CAPACITY];
    @SuppressWarnings("unchecked")
    private final SublistResult<T>[] results = new SublistResult[CAPACITY];
    private byte[] scratch = new byte[128];
    private int size;
    private long generation = -1;

    /** The sublist this cache answers for. */
    public Sublist<T> sublist() {
        return sublist;
    }

    public SubjectMatchCache(Sublist<T> sublist) {
        this.sublist = sublist;
    }

    /** The subscriptions matching the subject at {@code buf[offset, offset+length)}. */
    public SublistResult<T> match(ByteBuf buf, int offset, int length) {
        long current = sublist.generation();
        if (current != generation) {
            clear();
            generation = current;
        }
        byte[] key = scratch;
        if (key.length < length) {
            key = new byte[Math.max(length, key.length * 2)];
            scratch = key;
        }
        buf.getBytes(offset, key, 0, length);
        int hash = hash(key, length);
        int slot = hash & MASK;
        byte[][] table = keys;
        for (byte[] k = table[slot]; k != null; k = table[slot]) {
            if (hashes[slot] == hash && Arrays.equals(k, 0, k.length, key, 0, length)) {
                return results[slot];
            }
            slot = (slot + 1) & MASK;
        }
        return fill(slot, key, length, hash);
    }

    private SublistResult<T> fill(int slot, byte[] key, int length, int hash) {
        String subject = new String(key, 0, length, StandardCharsets.ISO_8859_1);
        SublistResult<T> result = sublist.match(subject);
        if (Sublist.isOneShot(subject)) {
            return result;
        }
        if (size >= MAX_ENTRIES) {
            clear();
            slot = hash & MASK;
        }
        keys[slot] = Arrays.copyOf(key, length);
        hashes[slot] = hash;
        results[slot] = result;
        size++;
        return result;
    }

    private void clear() {
        if (size > 0) {
            Arrays.fill(keys, null);
            Arrays.fill(results, null);
            size = 0;
        }
    }

    /** Mixes eight bytes at a time; subjects are short, so this is a few multiplies. */
    private static int hash(byte[] key, int length) {
        long h = length * MIX;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h = Long.rotateLeft(h ^ (long) LONGS.get(key, i) * MIX, 29) * MIX;
        }
        long tail = 0;
        for (; i < length; i++) {
            tail = (tail << 8) | (key[i] & 0xff);
        }
        h = (h ^ tail * MIX) * MIX;
        return (int) (h ^ (h >>> 32));
    }
}
