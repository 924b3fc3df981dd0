package io.jnatsd.compress;

import java.util.zip.CRC32C;

/**
 * Constants and helpers of the framed (stream) format shared by {@link S2FrameWriter} and {@link S2FrameReader}.
 * A stream is a sequence of chunks, each a 1-byte type, a 3-byte little-endian length and that many bytes:
 * <pre>
 *  0xff stream identifier   "S2sTwO" (S2) or "sNaPpY" (Snappy); must come first, may repeat
 *  0x00 compressed data     4-byte masked CRC32C of the uncompressed data, then one S2 block
 *  0x01 uncompressed data   4-byte masked CRC32C, then the data
 *  0xfe padding, 0x80-0xfd  skippable (0x99 is S2's seek index)
 *  0x02-0x7f                reserved, unskippable: an error
 * </pre>
 * The masked CRC is {@code ((c >>> 15) | (c << 17)) + 0xa282ead8} of the Castagnoli CRC.
 */
public final class S2Frames {
    /** Chunk type of compressed data. */
    public static final int CHUNK_COMPRESSED = 0x00;
    /** Chunk type of uncompressed data. */
    public static final int CHUNK_UNCOMPRESSED = 0x01;
    /** Chunk type of padding. */
    public static final int CHUNK_PADDING = 0xFE;
    /** Chunk type of the stream identifier. */
    public static final int CHUNK_STREAM_IDENTIFIER = 0xFF;
    /** First skippable chunk type. */
    public static final int CHUNK_SKIPPABLE_FIRST = 0x80;
    /** Last reserved unskippable chunk type. */
    public static final int CHUNK_RESERVED_LAST = 0x7F;
    /** The S2 stream identifier body. */
    public static final byte[] MAGIC_S2 = {'S', '2', 's', 'T', 'w', 'O'};
    /** The Snappy stream identifier body. */
    public static final byte[] MAGIC_SNAPPY = {'s', 'N', 'a', 'P', 'p', 'Y'};
    /** Largest uncompressed data in one S2 chunk. */
    public static final int MAX_BLOCK_BYTES_S2 = 4 << 20;
    /** Largest uncompressed data in one Snappy chunk. */
    public static final int MAX_BLOCK_BYTES_SNAPPY = 1 << 16;
    /** The S2 writer's default block size. */
    public static final int BLOCK_BYTES_DEFAULT = 1 << 20;
    /** Chunk header bytes. */
    static final int CHUNK_HEADER_BYTES = 4;
    /** Checksum bytes at the start of a data chunk. */
    static final int CHECKSUM_BYTES = 4;
    /** Largest chunk body the 3-byte length allows. */
    static final int MAX_CHUNK_BYTES = (1 << 24) - 1;

    private static final int MASK_DELTA = 0xa282ead8;
    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    private S2Frames() {
    }

    /**
     * @param data the bytes
     * @param off  start
     * @param len  length
     * @return the masked CRC32C of the framing format
     */
    public static int maskedCrc(byte[] data, int off, int len) {
        CRC32C crc = CRC.get();
        crc.reset();
        crc.update(data, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }
}
