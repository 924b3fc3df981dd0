package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Splits a control line's arguments into (start, length) pairs without allocating. PUB and
 * HPUB split on spaces and tabs only (the reference's unrolled loops in {@code processPub});
 * SUB and UNSUB also split on CR and LF, as its {@code splitArg} does. At most
 * {@link #MAX_ARGS} are kept; the count says how many there really were. Arguments are
 * byte strings: {@link #string} maps each byte to one char (ISO-8859-1), so subjects and sids
 * go back on the wire byte for byte. Not thread-safe: one per parser.
 */
final class ArgSplitter {

    /** HMSG/RMSG carry the most arguments of any op (MAX_RMSG_ARGS + 1 in the reference). */
    static final int MAX_ARGS = 8;

    private final int[] starts = new int[MAX_ARGS];
    private final int[] lengths = new int[MAX_ARGS];
    /** The last three arguments, whatever the count: routed messages end with their sizes. */
    private final int[] tailStarts = new int[3];
    private final int[] tailLengths = new int[3];

    /** Returns the number of space- or tab-separated arguments in {@code buf[offset, offset+length)} (PUB, HPUB). */
    int split(ByteBuf buf, int offset, int length) {
        return split(buf, offset, length, false);
    }

    /** As {@link #split}, with CR and LF separating arguments too (SUB, UNSUB). */
    int splitWithLineBreaks(ByteBuf buf, int offset, int length) {
        return split(buf, offset, length, true);
    }

    private int split(ByteBuf buf, int offset, int length, boolean lineBreaksSeparate) {
        int count = 0;
        int start = -1;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = buf.getByte(i);
            if (b == ' ' || b == '\t' || lineBreaksSeparate && (b == '\r' || b == '\n')) {
                if (start >= 0) {
                    count = add(count, start, i);
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            count = add(count, start, end);
        }
        return count;
    }

    private int add(int count, int start, int end) {
        tailStarts[0] = tailStarts[1];
        tailLengths[0] = tailLengths[1];
        tailStarts[1] = tailStarts[2];
        tailLengths[1] = tailLengths[2];
        tailStarts[2] = start;
        tailLengths[2] = end - start;
        if (count < MAX_ARGS) {
            starts[count] = start;
            lengths[count] = end - start;
        }
        return count + 1;
    }

    /** Start of the argument {@code back} places from the end (0 is the last), {@code back < 3}. */
    int startFromEnd(int back) {
        return tailStarts[2 - back];
    }

    int lengthFromEnd(int back) {
        return tailLengths[2 - back];
    }

    int start(int index) {
        return starts[index];
    }

    int length(int index) {
        return lengths[index];
    }

    String string(ByteBuf buf, int index) {
        return buf.toString(starts[index], lengths[index], StandardCharsets.ISO_8859_1);
    }
}
