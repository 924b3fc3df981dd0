package io.jnatsd.server;

import io.jnatsd.protocol.Ops;
import io.jnatsd.protocol.PubArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A message encoded once for a fan-out: the MSG line of {@link Outbound#writeMsg} (or of
 * {@link Outbound#writeMsgWithoutHeaders}) as the bytes before the sid and the bytes after it, so that each
 * subscriber costs three array copies instead of a walk through the message's pieces.
 *
 * <p>Design note: the parser hands every message in the same {@link PubArgs} flyweight, so the encoding is known
 * by what it was made from: the flyweight, its buffers and the offsets and sizes of its pieces. Within one read two
 * messages never share a payload position, and {@link #forget()} runs when the read ends, before a buffer can be
 * reused for another read.
 *
 * <p>Event loop only: owned by one staging {@link PendingFlushes}.
 */
final class FanoutEncoder {

    private static final byte[] NO_SID = new byte[0];

    /** Heap bytes of the last encoding: {@code [0, headLength)} before the sid, the rest after it. */
    private final ByteBuf encoded = Unpooled.buffer(256);
    private int headLength;

    private PubArgs msg;
    private boolean withoutHeaders;
    private ByteBuf argBuf;
    private ByteBuf payloadBuf;
    private int payloadOffset;
    private int subjectOffset;
    private int subjectLength;
    private int replyOffset;
    private int replyLength;
    private int headerSize;
    private int totalSize;

    /** Encodes {@code message} unless it is the one encoded last. */
    void encode(PubArgs message, boolean leaveHeadersOut) {
        if (isEncoded(message, leaveHeadersOut)) {
            return;
        }
        ByteBuf out = encoded;
        out.clear();
        if (leaveHeadersOut) {
            out.ensureWritable(Outbound.msgWithoutHeadersSize(message, NO_SID));
            Outbound.writeMsgWithoutHeaders(out, message, NO_SID);
        } else {
            out.ensureWritable(Outbound.msgSize(message, NO_SID));
            Outbound.writeMsg(out, message, NO_SID);
        }
        // Written with an empty sid: "MSG <subject> " | " [reply] [hdr] <size>\r\n<message>\r\n".
        byte[] prefix = !leaveHeadersOut && message.headerSize() >= 0 ? Ops.HMSG_PREFIX : Ops.MSG_PREFIX;
        headLength = prefix.length + message.subjectLength() + 1;
        remember(message, leaveHeadersOut);
    }

    private boolean isEncoded(PubArgs m, boolean leaveHeadersOut) {
        return m == msg && leaveHeadersOut == withoutHeaders && m.payloadBuf() == payloadBuf
                && m.payloadOffset() == payloadOffset && m.argBuf() == argBuf && m.subjectOffset() == subjectOffset
                && m.subjectLength() == subjectLength && m.replyOffset() == replyOffset
                && m.replyLength() == replyLength && m.headerSize() == headerSize && m.totalSize() == totalSize;
    }

    private void remember(PubArgs m, boolean leaveHeadersOut) {
        msg = m;
        withoutHeaders = leaveHeadersOut;
        payloadBuf = m.payloadBuf();
        payloadOffset = m.payloadOffset();
        argBuf = m.argBuf();
        subjectOffset = m.subjectOffset();
        subjectLength = m.subjectLength();
        replyOffset = m.replyOffset();
        replyLength = m.replyLength();
        headerSize = m.headerSize();
        totalSize = m.totalSize();
    }

    /** The bytes the encoded message takes with {@code sid}. */
    int size(byte[] sid) {
        return encoded.writerIndex() + sid.length;
    }

    /** Writes the encoded message with {@code sid} into {@code out}, a heap buffer with {@link #size} writable. */
    void writeTo(ByteBuf out, byte[] sid) {
        byte[] src = encoded.array();
        int srcBase = encoded.arrayOffset();
        byte[] dst = out.array();
        int w = out.writerIndex();
        int at = out.arrayOffset() + w;
        int head = headLength;
        int tail = encoded.writerIndex() - head;
        System.arraycopy(src, srcBase, dst, at, head);
        System.arraycopy(sid, 0, dst, at + head, sid.length);
        System.arraycopy(src, srcBase + head, dst, at + head + sid.length, tail);
        out.writerIndex(w + head + sid.length + tail);
    }

    /** The read ended: its buffers may be reused, so nothing encoded from them may be taken for a new message. */
    void forget() {
        msg = null;
        argBuf = null;
        payloadBuf = null;
    }
}
