package io.jnatsd.jetstream.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Encodes and validates the records of a message block ({@code <first_seq>.blk}); the role of
 * {@code writeMsgRecord} and {@code indexCacheBuf} in {@code server/filestore.go}, with our own layout.
 *
 * <pre>
 *  0        4        8    9               17              25              33     35       39       43
 *  +--------+--------+----+---------------+---------------+---------------+------+--------+--------+------...
 *  | length | crc32c |type| seq           | timestampNanos| aux           | sLen | hLen   | pLen   | subject,
 *  | int    | int    |byte| long          | long          | long          |short | int    | int    | headers,
 *  +--------+--------+----+---------------+---------------+---------------+------+--------+--------+ payload
 * </pre>
 *
 * <ul>
 *   <li>{@code length}: the whole record in bytes, {@link #HEADER_LENGTH} + sLen + hLen + pLen.</li>
 *   <li>{@code crc32c}: CRC32C of bytes {@code [8, length)}, so a torn or flipped record never validates.</li>
 *   <li>{@code type}: {@link #TYPE_MSG}, {@link #TYPE_TOMBSTONE} (seq is the removed message) or
 *       {@link #TYPE_SKIP} (seq is the first skipped sequence, aux the count), or {@link #TYPE_SEALED_MSG}
 *       (a message whose headers and payload are sealed by {@link StoreCipher}: hLen and pLen give the clear
 *       lengths and the sealed body after the subject is {@link StoreCipher#OVERHEAD} bytes longer).</li>
 *   <li>{@code aux}: the TTL in seconds for a message, the count for a skip, 0 for a tombstone.</li>
 * </ul>
 * All integers are big-endian. Records follow each other with no padding.
 *
 * <p>Threading: stateless apart from a per-thread CRC object; thread-safe.
 */
public final class RecordCodec {
    /** Bytes before the subject. */
    public static final int HEADER_LENGTH = 43;
    /** The headers of a record without any: one shared empty array rather than one per read. */
    private static final byte[] NO_BYTES = new byte[0];
    /** A stored message. */
    public static final byte TYPE_MSG = 1;
    /** A removal of the message with this record's sequence, written in the block that holds it. */
    public static final byte TYPE_TOMBSTONE = 2;
    /** Sequences used without a message. */
    public static final byte TYPE_SKIP = 3;
    /** A stored message with encrypted headers and payload. */
    public static final byte TYPE_SEALED_MSG = 4;
    /** Largest record accepted on recovery (a sanity bound for the length field). */
    public static final int MAX_RECORD_LENGTH = 64 * 1024 * 1024;

    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    private RecordCodec() {
    }

    /** @return offset of the length field */
    public static int lengthOffset() {
        return 0;
    }

    /** @return offset of the checksum */
    public static int crcOffset() {
        return 4;
    }

    /** @return offset of the type */
    public static int typeOffset() {
        return 8;
    }

    /** @return offset of the sequence */
    public static int seqOffset() {
        return 9;
    }

    /** @return offset of the timestamp */
    public static int timestampOffset() {
        return 17;
    }

    /** @return offset of the aux field */
    public static int auxOffset() {
        return 25;
    }

    /** @return offset of the subject length */
    public static int subjectLengthOffset() {
        return 33;
    }

    /** @return offset of the header length */
    public static int headerLengthOffset() {
        return 35;
    }

    /** @return offset of the payload length */
    public static int payloadLengthOffset() {
        return 39;
    }

    /**
     * @param subjectBytes subject length in bytes
     * @param hdrLen       header length
     * @param payloadLen   payload length
     * @return the record length
     */
    public static int recordLength(int subjectBytes, int hdrLen, int payloadLen) {
        return HEADER_LENGTH + subjectBytes + hdrLen + payloadLen;
    }

    /**
     * Encodes a record at the buffer's position and advances it.
     *
     * @param dst      a big-endian buffer with room for the record
     * @param type     the record type
     * @param seq      the sequence
     * @param tsNanos  the timestamp
     * @param aux      TTL or count
     * @param subject  subject bytes
     * @param hdr      headers
     * @param payload  payload
     */
    public static void encode(ByteBuffer dst, byte type, long seq, long tsNanos, long aux, byte[] subject, byte[] hdr,
                              byte[] payload) {
        int start = dst.position();
        int len = recordLength(subject.length, hdr.length, payload.length);
        dst.putInt(len).putInt(0).put(type).putLong(seq).putLong(tsNanos).putLong(aux)
            .putShort((short) subject.length).putInt(hdr.length).putInt(payload.length)
            .put(subject).put(hdr).put(payload);
        dst.putInt(start + crcOffset(), crcOf(dst, start + typeOffset(), len - typeOffset()));
    }

    /**
     * Encodes a sealed message record: the length fields give the clear lengths, the body is the sealed bytes.
     *
     * @param seq        the sequence
     * @param tsNanos    the timestamp
     * @param ttl        the TTL
     * @param subject    subject bytes
     * @param hdrLen     clear header length
     * @param payloadLen clear payload length
     * @param sealed     {@link StoreCipher#seal} output
     * @return a new array holding the record
     */
    public static byte[] encodeSealed(long seq, long tsNanos, long ttl, byte[] subject, int hdrLen, int payloadLen,
                                      byte[] sealed) {
        int len = HEADER_LENGTH + subject.length + sealed.length;
        ByteBuffer dst = ByteBuffer.allocate(len);
        dst.putInt(len).putInt(0).put(TYPE_SEALED_MSG).putLong(seq).putLong(tsNanos).putLong(ttl)
            .putShort((short) subject.length).putInt(hdrLen).putInt(payloadLen).put(subject).put(sealed);
        dst.putInt(crcOffset(), crcOf(dst, typeOffset(), len - typeOffset()));
        return dst.array();
    }

    /**
     * @param buf a buffer holding a validated sealed record at {@code pos}
     * @param pos its start
     * @return the sealed body (nonce, ciphertext, tag)
     */
    public static byte[] sealedBody(ByteBuffer buf, int pos) {
        int sLen = Short.toUnsignedInt(buf.getShort(pos + subjectLengthOffset()));
        byte[] out = new byte[buf.getInt(pos) - HEADER_LENGTH - sLen];
        buf.get(pos + HEADER_LENGTH + sLen, out);
        return out;
    }

    /**
     * @param type    the record type
     * @param seq     the sequence
     * @param tsNanos the timestamp
     * @param aux     TTL or count
     * @param subject subject bytes
     * @param hdr     headers
     * @param payload payload
     * @return a new array holding the record
     */
    public static byte[] encode(byte type, long seq, long tsNanos, long aux, byte[] subject, byte[] hdr,
                                byte[] payload) {
        byte[] out = new byte[recordLength(subject.length, hdr.length, payload.length)];
        encode(ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN), type, seq, tsNanos, aux, subject, hdr, payload);
        return out;
    }

    private static int crcOf(ByteBuffer buf, int from, int len) {
        CRC32C crc = CRC.get();
        crc.reset();
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + from, len);
        } else {
            crc.update(buf.slice(from, len));
        }
        return (int) crc.getValue();
    }

    /**
     * Checks whether a valid record starts at {@code pos}.
     *
     * @param buf   the block's bytes (big-endian), limit = end of valid data
     * @param pos   a candidate record start
     * @return the record length if it validates, or -1
     */
    public static int validate(ByteBuffer buf, int pos) {
        int avail = buf.limit() - pos;
        if (avail < HEADER_LENGTH) {
            return -1;
        }
        int len = buf.getInt(pos);
        byte type = buf.get(pos + typeOffset());
        if (len < HEADER_LENGTH || len > MAX_RECORD_LENGTH || len > avail || type < TYPE_MSG
            || type > TYPE_SEALED_MSG) {
            return -1;
        }
        int sLen = Short.toUnsignedInt(buf.getShort(pos + subjectLengthOffset()));
        long body = (long) sLen + buf.getInt(pos + headerLengthOffset()) + buf.getInt(pos + payloadLengthOffset());
        if (buf.getInt(pos + headerLengthOffset()) < 0 || buf.getInt(pos + payloadLengthOffset()) < 0
            || HEADER_LENGTH + body + (type == TYPE_SEALED_MSG ? StoreCipher.OVERHEAD : 0) != len) {
            return -1;
        }
        return crcOf(buf, pos + typeOffset(), len - typeOffset()) == buf.getInt(pos + crcOffset()) ? len : -1;
    }

    /** @return the type of the record at {@code pos} */
    public static byte type(ByteBuffer buf, int pos) {
        return buf.get(pos + typeOffset());
    }

    /** @return the sequence of the record at {@code pos} */
    public static long seq(ByteBuffer buf, int pos) {
        return buf.getLong(pos + seqOffset());
    }

    /** @return the timestamp of the record at {@code pos} */
    public static long timestampNanos(ByteBuffer buf, int pos) {
        return buf.getLong(pos + timestampOffset());
    }

    /** @return the aux field (TTL or count) of the record at {@code pos} */
    public static long aux(ByteBuffer buf, int pos) {
        return buf.getLong(pos + auxOffset());
    }

    /** @return the subject of the record at {@code pos} */
    public static String subject(ByteBuffer buf, int pos) {
        int sLen = Short.toUnsignedInt(buf.getShort(pos + subjectLengthOffset()));
        byte[] s = new byte[sLen];
        buf.get(pos + HEADER_LENGTH, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** @return the header length of the record at {@code pos} */
    public static int headerLength(ByteBuffer buf, int pos) {
        return buf.getInt(pos + headerLengthOffset());
    }

    /** @return the payload length of the record at {@code pos} */
    public static int payloadLength(ByteBuffer buf, int pos) {
        return buf.getInt(pos + payloadLengthOffset());
    }

    /**
     * Decodes a validated message record.
     *
     * @param buf a buffer holding the record
     * @param pos its start
     * @return the message
     */
    public static StoredMsg decodeMsg(ByteBuffer buf, int pos) {
        int sLen = Short.toUnsignedInt(buf.getShort(pos + subjectLengthOffset()));
        int hLen = headerLength(buf, pos);
        int pLen = payloadLength(buf, pos);
        byte[] hdr = hLen == 0 ? NO_BYTES : new byte[hLen];
        byte[] payload = new byte[pLen];
        buf.get(pos + HEADER_LENGTH + sLen, hdr);
        buf.get(pos + HEADER_LENGTH + sLen + hLen, payload);
        return new StoredMsg(subject(buf, pos), hdr, payload, seq(buf, pos), timestampNanos(buf, pos));
    }
}
