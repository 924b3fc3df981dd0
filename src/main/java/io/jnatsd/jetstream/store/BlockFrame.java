package io.jnatsd.jetstream.store;

import io.jnatsd.compress.CorruptInputException;
import io.jnatsd.compress.S2BlockDecoder;
import io.jnatsd.compress.S2BlockEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The compressed (and optionally encrypted) form of a sealed block's records: compress, then encrypt. A block
 * file that starts with a frame holds the frame, then plain {@link RecordCodec} records appended after sealing
 * (tombstones):
 * <pre>
 *  0        4    5    6        10       14       18
 *  +--------+----+----+--------+--------+--------+---------- body ----------+ tail records ...
 *  | magic  |alg |flg | rawLen | bodyLen| crc32c | S2 block of the records, |
 *  | "JNZB" |byte|byte| int    | int    | int    | sealed if flg bit 0 set  |
 *  +--------+----+----+--------+--------+--------+--------------------------+
 * </pre>
 * {@code alg} 1 is S2 ({@link io.jnatsd.compress.S2BlockEncoder}); {@code rawLen} is the records' length before
 * compression; {@code crc32c} covers the stored body, so corruption is told apart from a wrong key. An encrypted
 * body is {@link StoreCipher#seal} of the compressed bytes with the block's first sequence and
 * {@link #AAD_SUBJECT} as associated data. The magic read as a big-endian int exceeds
 * {@link RecordCodec#MAX_RECORD_LENGTH}, so no plain block starts with it. Integers are big-endian.
 *
 * <p>Design note: a frame is written once, by a rewrite ({@link BlockCompactor}), never appended to; the
 * records inside keep their own CRCs, so a frame is validated twice.
 *
 * <p>Threading: stateless; the cipher is used under the store lock.
 */
final class BlockFrame {
    /** Frame header bytes. */
    static final int HEADER_BYTES = 18;
    /** "JNZB". */
    static final int MAGIC = 0x4A4E5A42;
    /** Algorithm id of S2. */
    static final byte ALG_S2 = 1;
    /** Flag: the body is sealed by the store cipher. */
    static final byte FLAG_ENCRYPTED = 1;
    /** Associated data beside the first sequence for an encrypted body. */
    static final byte[] AAD_SUBJECT = "$BLOCK".getBytes(StandardCharsets.US_ASCII);

    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    /**
     * @param rawLength  records' length before compression
     * @param fileBytes  header plus body
     * @param encrypted  whether the body is sealed
     */
    record Header(int rawLength, int fileBytes, boolean encrypted) { }

    private BlockFrame() {
    }

    /**
     * @param firstSeq the block's first sequence
     * @param records  the records
     * @param cipher   the store cipher or null
     * @return header and body
     */
    static byte[] encode(long firstSeq, byte[] records, StoreCipher cipher) {
        byte[] body = S2BlockEncoder.encode(records);
        if (cipher != null) {
            body = cipher.seal(firstSeq, AAD_SUBJECT, new byte[0], body);
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + body.length);
        out.putInt(MAGIC).put(ALG_S2).put(cipher != null ? FLAG_ENCRYPTED : 0).putInt(records.length)
            .putInt(body.length).putInt(crc(body, 0, body.length)).put(body);
        return out.array();
    }

    /**
     * @param start the first bytes of a block file (at least {@link #HEADER_BYTES}, or the whole file)
     * @param fileSize the file's size
     * @return the frame header, or null if the file does not start with one (a plain block)
     */
    static Header header(ByteBuffer start, long fileSize) {
        if (start.limit() < HEADER_BYTES || start.getInt(0) != MAGIC) {
            return null;
        }
        int bodyLen = start.getInt(10);
        int rawLen = start.getInt(6);
        if (start.get(4) != ALG_S2 || bodyLen < 0 || rawLen < 0 || HEADER_BYTES + (long) bodyLen > fileSize) {
            return new Header(-1, (int) Math.min(fileSize, Integer.MAX_VALUE), false);
        }
        return new Header(rawLen, HEADER_BYTES + bodyLen, (start.get(5) & FLAG_ENCRYPTED) != 0);
    }

    /**
     * @param file     the frame bytes from position 0 (header and body)
     * @param firstSeq the block's first sequence
     * @param cipher   the store cipher or null
     * @return the records
     * @throws CorruptInputException if the header, checksum or compressed data is bad
     * @throws StoreException IO if the body is intact but does not decrypt (wrong or missing key)
     */
    static byte[] decode(ByteBuffer file, long firstSeq, StoreCipher cipher) throws CorruptInputException {
        Header h = header(file, file.limit());
        if (h == null || h.rawLength() < 0) {
            throw new CorruptInputException("bad block frame header");
        }
        int bodyLen = h.fileBytes() - HEADER_BYTES;
        byte[] body = new byte[bodyLen];
        file.get(HEADER_BYTES, body);
        if (crc(body, 0, bodyLen) != file.getInt(14)) {
            throw new CorruptInputException("block frame checksum mismatch");
        }
        if (h.encrypted()) {
            if (cipher == null) {
                throw new StoreException(StoreError.IO, new java.io.IOException(
                    "block of first seq " + firstSeq + " is encrypted and no cipher is set"));
            }
            body = cipher.open(firstSeq, AAD_SUBJECT, body);
        }
        byte[] records = S2BlockDecoder.decode(body, 0, body.length, h.rawLength());
        if (records.length != h.rawLength()) {
            throw new CorruptInputException("block frame holds " + records.length + " bytes, header says "
                + h.rawLength());
        }
        return records;
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32C c = CRC.get();
        c.reset();
        c.update(b, off, len);
        return (int) c.getValue();
    }
}
