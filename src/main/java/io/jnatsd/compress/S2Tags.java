package io.jnatsd.compress;

/**
 * The element tags of an S2 block. A block is the uncompressed length as a varint, then elements; the low two
 * bits of an element's first byte are its tag:
 * <pre>
 *  tag 00 literal   upper 6 bits = len-1 if &lt; 60; 60..63 = len-1 follows in 1..4 little-endian bytes
 *  tag 01 copy1     bits 2-4 = len-4 (4..11), bits 5-7 = offset bits 8-10, next byte = offset bits 0-7
 *                   offset 0 = S2 repeat of the last offset; bits 2-4 then say:
 *                   0..4 -&gt; len 4..8, 5 -&gt; 8 + 1 byte, 6 -&gt; 260 + 2 bytes, 7 -&gt; 65540 + 3 bytes
 *  tag 10 copy2     upper 6 bits = len-1 (1..64), 2 bytes little-endian offset
 *  tag 11 copy4     upper 6 bits = len-1 (1..64), 4 bytes little-endian offset
 * </pre>
 * The first copy of a block cannot be a repeat.
 */
final class S2Tags {
    static final int LITERAL = 0;
    static final int COPY1 = 1;
    static final int COPY2 = 2;
    static final int COPY4 = 3;
    /** Literal length-1 values from here on are followed by extra length bytes. */
    static final int LITERAL_INLINE_LIMIT = 60;
    /** Largest offset a copy1 can hold. */
    static final int COPY1_MAX_OFFSET = (1 << 11) - 1;
    /** Largest length of a copy2 or copy4. */
    static final int COPY_MAX_LENGTH = 64;
    /** Smallest length of a repeat. */
    static final int REPEAT_MIN_LENGTH = 4;
    /** Repeat lengths from here use one extra byte. */
    static final int REPEAT_BASE1 = 8;
    /** Repeat lengths from here use two extra bytes. */
    static final int REPEAT_BASE2 = 260;
    /** Repeat lengths from here use three extra bytes. */
    static final int REPEAT_BASE3 = 65540;
    /** Longest repeat one element can hold. */
    static final int REPEAT_MAX_LENGTH = REPEAT_BASE3 + (1 << 24) - 1;

    private S2Tags() {
    }
}
