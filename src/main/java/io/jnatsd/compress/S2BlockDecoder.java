package io.jnatsd.compress;

/**
 * Decodes one S2 block (and therefore one Snappy block): every tag of {@link S2Tags}, repeat offsets included.
 *
 * <p>Design note: a block is decoded whole into an array of the length its header declares; every element is
 * bounds-checked against both the input and the declared length, so no input can make it read or write out of
 * range or allocate more than the declared length (which callers bound with {@code maxDecodedBytes}).
 *
 * <p>Threading: stateless; thread-safe.
 */
public final class S2BlockDecoder {
    private S2BlockDecoder() {
    }

    /**
     * @param src a whole block
     * @return its uncompressed length as declared by the header
     * @throws CorruptInputException if the header is not a valid varint or exceeds {@link Integer#MAX_VALUE}
     */
    public static int decodedLength(byte[] src) throws CorruptInputException {
        return (int) readHeader(src, 0, src.length);
    }

    /** @return the declared length in the low 32 bits and the header length in the high 32 bits */
    private static long readHeader(byte[] src, int from, int to) throws CorruptInputException {
        long v = 0;
        for (int i = 0; i < 5; i++) {
            if (from + i >= to) {
                throw new CorruptInputException("S2 block header cut short");
            }
            int b = src[from + i] & 0xFF;
            v |= (long) (b & 0x7F) << (7 * i);
            if (b < 0x80) {
                if (v > Integer.MAX_VALUE) {
                    throw new CorruptInputException("S2 block declared length " + v + " too large");
                }
                return v | ((long) (i + 1) << 32);
            }
        }
        throw new CorruptInputException("S2 block header varint too long");
    }

    /**
     * @param src a whole block
     * @return the uncompressed bytes
     * @throws CorruptInputException if it is not a valid block
     */
    public static byte[] decode(byte[] src) throws CorruptInputException {
        return decode(src, 0, src.length, Integer.MAX_VALUE);
    }

    /**
     * @param src             the input
     * @param offset          where the block starts
     * @param length          its length
     * @param maxDecodedBytes largest declared length accepted
     * @return the uncompressed bytes
     * @throws CorruptInputException if it is not a valid block or declares more than {@code maxDecodedBytes}
     */
    public static byte[] decode(byte[] src, int offset, int length, int maxDecodedBytes)
        throws CorruptInputException {
        int end = offset + length;
        long h = readHeader(src, offset, end);
        int n = (int) h;
        if (n > maxDecodedBytes) {
            throw new CorruptInputException("S2 block declared length " + n + " exceeds " + maxDecodedBytes);
        }
        byte[] dst = new byte[n];
        int d = decodeElements(src, offset + (int) (h >>> 32), end, dst);
        if (d != n) {
            throw new CorruptInputException("corrupt S2 block: decoded " + d + " bytes, header said " + n);
        }
        return dst;
    }

    private static int decodeElements(byte[] src, int start, int end, byte[] dst) throws CorruptInputException {
        int s = start;
        int d = 0;
        int offset = 0;
        while (s < end) {
            int tag = src[s] & 0xFF;
            int len;
            switch (tag & 3) {
                case S2Tags.LITERAL -> {
                    int x = tag >>> 2;
                    if (x >= S2Tags.LITERAL_INLINE_LIMIT) {
                        int extra = x - S2Tags.LITERAL_INLINE_LIMIT + 1;
                        need(s + 1 + extra <= end, s, "literal length");
                        x = (int) readLe(src, s + 1, extra);
                        s += extra;
                    }
                    s++;
                    long litLen = (x & 0xFFFFFFFFL) + 1;
                    need(litLen <= end - s && litLen <= dst.length - d, s, "literal of " + litLen + " bytes");
                    System.arraycopy(src, s, dst, d, (int) litLen);
                    s += (int) litLen;
                    d += (int) litLen;
                    continue;
                }
                case S2Tags.COPY1 -> {
                    need(s + 2 <= end, s, "copy1");
                    int o = ((tag & 0xE0) << 3) | (src[s + 1] & 0xFF);
                    len = ((tag >>> 2) & 7) + 4;
                    s += 2;
                    if (o != 0) {
                        offset = o;
                    } else {
                        int code = (tag >>> 2) & 7;
                        int extra = code == 5 ? 1 : code == 6 ? 2 : code == 7 ? 3 : 0;
                        need(s + extra <= end, s, "repeat length");
                        if (extra > 0) {
                            int base = code == 5 ? S2Tags.REPEAT_BASE1
                                : code == 6 ? S2Tags.REPEAT_BASE2 : S2Tags.REPEAT_BASE3;
                            len = base + (int) readLe(src, s, extra);
                            s += extra;
                        }
                    }
                }
                case S2Tags.COPY2 -> {
                    need(s + 3 <= end, s, "copy2");
                    offset = (int) readLe(src, s + 1, 2);
                    len = (tag >>> 2) + 1;
                    s += 3;
                }
                default -> {
                    need(s + 5 <= end, s, "copy4");
                    long o = readLe(src, s + 1, 4);
                    need(o <= Integer.MAX_VALUE, s, "copy4 offset");
                    offset = (int) o;
                    len = (tag >>> 2) + 1;
                    s += 5;
                }
            }
            need(offset > 0 && offset <= d && len <= dst.length - d, s,
                "copy of " + len + " at offset " + offset + " with " + d + " bytes decoded");
            copy(dst, d, offset, len);
            d += len;
        }
        return d;
    }

    private static void copy(byte[] dst, int d, int offset, int len) {
        if (offset >= len) {
            System.arraycopy(dst, d - offset, dst, d, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            dst[d + i] = dst[d - offset + i];
        }
    }

    private static long readLe(byte[] src, int at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) (src[at + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    private static void need(boolean ok, int at, String what) throws CorruptInputException {
        if (!ok) {
            throw new CorruptInputException("corrupt S2 block at byte " + at + ": " + what);
        }
    }
}
