package io.jnatsd.compress;

/**
 * Encodes one S2 block with a greedy hash-table matcher (the Snappy scheme): 4-byte hashes into a table of
 * recent positions, a match extended forward, literals between matches. In S2 mode it also tries the last
 * offset first at each position and emits repeat codes (a match that reuses the previous offset, or the rest of a
 * match longer than one copy can hold); in Snappy mode it never does, so its output decodes with any Snappy
 * decoder.
 *
 * <p>Design note: speed over ratio, as S2's default level: one table of {@link #TABLE_BITS} bits, reset per call,
 * and a lookup stride that grows while no match is found so incompressible input passes quickly.
 *
 * <p>Threading: stateless; thread-safe (each call allocates its own table).
 */
public final class S2BlockEncoder {
    /** Hash table size in bits. */
    static final int TABLE_BITS = 14;
    /** Inputs shorter than this are stored as one literal. */
    static final int MIN_INPUT_BYTES = 17;
    /** Bytes at the end where no match starts, so the 4-byte loads stay inside the input. */
    static final int INPUT_MARGIN_BYTES = 8;
    /**
     * Farthest match looked for: within a copy2's reach, so that every match of at least 4 bytes costs at most 3,
     * which keeps the output within {@link #maxEncodedLength(int)}.
     */
    static final int MAX_OFFSET = (1 << 16) - 1;

    private S2BlockEncoder() {
    }

    /**
     * @param srcLen input length
     * @return an upper bound of an encoded block's length
     */
    public static int maxEncodedLength(int srcLen) {
        return 32 + srcLen + srcLen / 6;
    }

    /**
     * @param src the input
     * @return an S2 block (may use repeat codes)
     */
    public static byte[] encode(byte[] src) {
        return encode(src, 0, src.length, true);
    }

    /**
     * @param src the input
     * @return a Snappy-compatible block (no repeat codes), which is also valid S2
     */
    public static byte[] encodeSnappy(byte[] src) {
        return encode(src, 0, src.length, false);
    }

    /**
     * @param src     the input
     * @param offset  where it starts
     * @param length  its length
     * @param repeats true to use S2 repeat codes, false for Snappy-compatible output
     * @return the block
     */
    public static byte[] encode(byte[] src, int offset, int length, boolean repeats) {
        Sink out = new Sink(maxEncodedLength(length));
        out.varint(length);
        if (length < MIN_INPUT_BYTES) {
            out.literal(src, offset, length);
            return out.toArray();
        }
        new Matcher(src, offset, length, repeats, out).run();
        return out.toArray();
    }

    /** One encoding pass. */
    private static final class Matcher {
        private final byte[] src;
        private final int base;
        private final int end;
        private final boolean repeats;
        private final Sink out;
        private final int[] table = new int[1 << TABLE_BITS];
        private int lastOffset;

        Matcher(byte[] src, int base, int length, boolean repeats, Sink out) {
            this.src = src;
            this.base = base;
            this.end = base + length;
            this.repeats = repeats;
            this.out = out;
        }

        void run() {
            int s = base + 1;
            int nextEmit = base;
            int limit = end - INPUT_MARGIN_BYTES;
            while (s < limit) {
                int word = load32(src, s);
                int cand = -1;
                if (repeats && lastOffset > 0 && s - lastOffset >= base && load32(src, s - lastOffset) == word) {
                    cand = s - lastOffset;
                }
                int h = hash(word);
                int prev = table[h] - 1 + base;
                table[h] = s - base + 1;
                if (cand < 0 && prev >= base && s - prev <= MAX_OFFSET && load32(src, prev) == word) {
                    cand = prev;
                }
                if (cand < 0) {
                    s += 1 + ((s - nextEmit) >>> 5);
                    continue;
                }
                while (s > nextEmit && cand > base && src[s - 1] == src[cand - 1]) {
                    s--;
                    cand--;
                }
                int len = 4;
                while (s + len < end && src[cand + len] == src[s + len]) {
                    len++;
                }
                out.literal(src, nextEmit, s - nextEmit);
                emitMatch(s - cand, len);
                s += len;
                nextEmit = s;
                if (s - 2 >= base && s - 2 + 4 <= end) {
                    table[hash(load32(src, s - 2))] = s - 2 - base + 1;
                }
            }
            out.literal(src, nextEmit, end - nextEmit);
        }

        private void emitMatch(int offset, int length) {
            if (repeats && offset == lastOffset) {
                out.repeat(length);
                return;
            }
            int len = length;
            if (repeats) {
                int first = Math.min(len, S2Tags.COPY_MAX_LENGTH);
                if (len - first > 0 && len - first < S2Tags.REPEAT_MIN_LENGTH) {
                    first = S2Tags.COPY_MAX_LENGTH - S2Tags.REPEAT_MIN_LENGTH;
                }
                out.copy(offset, first);
                if (len > first) {
                    out.repeat(len - first);
                }
            } else {
                while (len >= S2Tags.COPY_MAX_LENGTH + 4) {
                    out.copy(offset, S2Tags.COPY_MAX_LENGTH);
                    len -= S2Tags.COPY_MAX_LENGTH;
                }
                if (len > S2Tags.COPY_MAX_LENGTH) {
                    out.copy(offset, S2Tags.COPY_MAX_LENGTH - 4);
                    len -= S2Tags.COPY_MAX_LENGTH - 4;
                }
                out.copy(offset, len);
            }
            lastOffset = offset;
        }
    }

    private static int hash(int word) {
        return (word * 0x1E35A7BD) >>> (32 - TABLE_BITS);
    }

    private static int load32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    /** The output buffer and the element writers. */
    static final class Sink {
        private final byte[] buf;
        private int pos;

        Sink(int capacity) {
            this.buf = new byte[capacity];
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(buf, pos);
        }

        void varint(int v) {
            int x = v;
            while ((x & ~0x7F) != 0) {
                buf[pos++] = (byte) ((x & 0x7F) | 0x80);
                x >>>= 7;
            }
            buf[pos++] = (byte) x;
        }

        private void le(long v, int bytes) {
            for (int i = 0; i < bytes; i++) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }

        void literal(byte[] src, int from, int len) {
            if (len == 0) {
                return;
            }
            int n = len - 1;
            if (n < S2Tags.LITERAL_INLINE_LIMIT) {
                buf[pos++] = (byte) (n << 2);
            } else {
                int extra = n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4;
                buf[pos++] = (byte) ((S2Tags.LITERAL_INLINE_LIMIT - 1 + extra) << 2);
                le(n, extra);
            }
            System.arraycopy(src, from, buf, pos, len);
            pos += len;
        }

        /** A copy of 1..64 bytes (4..11 for the short form). */
        void copy(int offset, int len) {
            if (offset <= S2Tags.COPY1_MAX_OFFSET && len >= 4 && len <= 11) {
                buf[pos++] = (byte) (((offset >>> 8) << 5) | ((len - 4) << 2) | S2Tags.COPY1);
                buf[pos++] = (byte) offset;
            } else if (offset < 1 << 16) {
                buf[pos++] = (byte) (((len - 1) << 2) | S2Tags.COPY2);
                le(offset, 2);
            } else {
                buf[pos++] = (byte) (((len - 1) << 2) | S2Tags.COPY4);
                le(offset, 4);
            }
        }

        /** A repeat of the last offset, {@code len >= 4}; longer than one element holds, several. */
        void repeat(int len) {
            int left = len;
            while (left > S2Tags.REPEAT_MAX_LENGTH) {
                int chunk = left - S2Tags.REPEAT_MAX_LENGTH < S2Tags.REPEAT_MIN_LENGTH
                    ? S2Tags.REPEAT_MAX_LENGTH - S2Tags.REPEAT_MIN_LENGTH : S2Tags.REPEAT_MAX_LENGTH;
                repeatOne(chunk);
                left -= chunk;
            }
            repeatOne(left);
        }

        private void repeatOne(int len) {
            if (len <= S2Tags.REPEAT_BASE1) {
                buf[pos++] = (byte) (((len - 4) << 2) | S2Tags.COPY1);
                buf[pos++] = 0;
            } else if (len < S2Tags.REPEAT_BASE2) {
                buf[pos++] = (byte) ((5 << 2) | S2Tags.COPY1);
                buf[pos++] = 0;
                le(len - S2Tags.REPEAT_BASE1, 1);
            } else if (len < S2Tags.REPEAT_BASE3) {
                buf[pos++] = (byte) ((6 << 2) | S2Tags.COPY1);
                buf[pos++] = 0;
                le(len - S2Tags.REPEAT_BASE2, 2);
            } else {
                buf[pos++] = (byte) ((7 << 2) | S2Tags.COPY1);
                buf[pos++] = 0;
                le(len - S2Tags.REPEAT_BASE3, 3);
            }
        }
    }
}
