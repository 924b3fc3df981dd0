package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;

/** Parses and writes ASCII decimal numbers in place, with no String on the way. */
public final class AsciiNumbers {

    /** Sizes past this many digits would overflow, and are refused as the reference does. */
    private static final int MAX_SIZE_DIGITS = 9;

    private AsciiNumbers() {
    }

    /**
     * Twin of {@code parseSize} in {@code server/util.go}: a non-negative decimal of at most
     * nine digits, or -1 for anything else (empty, a sign, a letter, too long).
     */
    public static int parseSize(ByteBuf buf, int offset, int length) {
        if (length == 0 || length > MAX_SIZE_DIGITS) {
            return -1;
        }
        int n = 0;
        for (int i = offset; i < offset + length; i++) {
            int d = buf.getByte(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** Writes {@code value} (non-negative) in decimal. */
    public static void writeDecimal(ByteBuf out, long value) {
        if (value < 10) {
            out.writeByte((int) ('0' + value));
            return;
        }
        int digits = 0;
        for (long v = value; v > 0; v /= 10) {
            digits++;
        }
        int at = out.writerIndex() + digits;
        out.ensureWritable(digits);
        for (long v = value; v > 0; v /= 10) {
            out.setByte(--at, (int) ('0' + v % 10));
        }
        out.writerIndex(out.writerIndex() + digits);
    }
}
