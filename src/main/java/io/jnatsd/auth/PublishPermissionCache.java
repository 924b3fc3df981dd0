package io.jnatsd.auth;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A connection's cache of static publish decisions (the reference's {@code perms.pcache}),
 * keyed by the subject's bytes so that a publisher that sends to subjects it used before
 * neither builds a String nor walks the allow and deny sublists. A decision that only a
 * reply grant allowed is never cached, as in the reference.
 *
 * <p>Event loop only: confined to its connection.
 */
public final class PublishPermissionCache {

    /** Decisions kept before the table is cleared (the reference's maxPermCacheSize). */
    static final int MAX_ENTRIES = 128;
    private static final int CAPACITY = MAX_ENTRIES * 4;
    private static final int MASK = CAPACITY - 1;

    private final ClientPermissions permissions;
    private final byte[][] keys = new byte[CAPACITY][];
    private final boolean[] allowed = new boolean[CAPACITY];
    private byte[] scratch = new byte[128];
    private int size;

    public PublishPermissionCache(ClientPermissions permissions) {
        this.permissions = permissions;
    }

    /** Whether the client may publish to the subject at {@code buf[offset, offset+length)}. */
    public boolean allowed(ByteBuf buf, int offset, int length) {
        byte[] key = scratch;
        if (key.length < length) {
            key = new byte[Math.max(length, key.length * 2)];
            scratch = key;
        }
        buf.getBytes(offset, key, 0, length);
        int slot = hash(key, length) & MASK;
        for (byte[] k = keys[slot]; k != null; k = keys[slot]) {
            if (Arrays.equals(k, 0, k.length, key, 0, length)) {
                return allowed[slot] || permissions.responseAllowed(subject(key, length));
            }
            slot = (slot + 1) & MASK;
        }
        String subject = subject(key, length);
        boolean decision = permissions.publishAllowedStatically(subject);
        if (size >= MAX_ENTRIES) {
            Arrays.fill(keys, null);
            size = 0;
            slot = hash(key, length) & MASK;
        }
        keys[slot] = Arrays.copyOf(key, length);
        allowed[slot] = decision;
        size++;
        return decision || permissions.responseAllowed(subject);
    }

    private static String subject(byte[] key, int length) {
        return new String(key, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static int hash(byte[] key, int length) {
        int h = 0x811C9DC5;
        for (int i = 0; i < length; i++) {
            h = (h ^ key[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
