package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * The arguments of one PUB or HPUB, as views into buffers the parser owns. A flyweight:
 * valid only during {@link ProtocolHandler#onPub(PubArgs)}, reused for the next message.
 * Twin of {@code pubArg} in {@code server/parser.go}.
 */
public final class PubArgs {

    ByteBuf argBuf;
    int subjectOffset;
    int subjectLength;
    int replyOffset;
    int replyLength;
    int headerSize = -1;
    int headerSizeOffset;
    int headerSizeLength;
    int totalSize;
    int totalSizeOffset;
    int totalSizeLength;
    /** Routed messages only: the account and the queue names ({@code q1 q2 ...}), length 0 when absent. */
    int accountOffset;
    int accountLength;
    int queuesOffset;
    int queuesLength;
    ByteBuf payloadBuf;
    int payloadOffset;
    /** The handler whose parser made this view (the publishing connection), or null for the server's own. */
    Object origin;
    /** A JetStream delivery's deliver subject, when receivers see another subject; else null. */
    String deliverSubject;
    /** The message trace this message carries while it is delivered (the reference's {@code pa.trace}), or null. */
    private Object trace;

    /**
     * A message the server itself publishes, laid out as a parsed PUB/HPUB would be, so that
     * it travels the same delivery path.
     *
     * @param reply   the reply subject, or null
     * @param headers the header block (starting {@code NATS/1.0}), or null for none
     */
    public static PubArgs forInternalPublish(String subject, String reply, byte[] headers, byte[] payload) {
        int headerSize = headers == null ? -1 : headers.length;
        int totalSize = (headers == null ? 0 : headers.length) + payload.length;
        byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
        byte[] replyBytes = reply == null || reply.isEmpty() ? null : reply.getBytes(StandardCharsets.UTF_8);
        int headerDigits = headerSize >= 0 ? decimalDigits(headerSize) : 0;
        int totalDigits = decimalDigits(totalSize);
        int replyPart = replyBytes == null ? 0 : 1 + replyBytes.length;
        int headerPart = headerSize >= 0 ? 1 + headerDigits : 0;
        // One pass into one array: <subject>[ <reply>][ <hdr>] <total>
        byte[] line = new byte[subjectBytes.length + replyPart + headerPart + 1 + totalDigits];
        System.arraycopy(subjectBytes, 0, line, 0, subjectBytes.length);
        int at = subjectBytes.length;
        if (replyBytes != null) {
            line[at++] = ' ';
            System.arraycopy(replyBytes, 0, line, at, replyBytes.length);
            at += replyBytes.length;
        }
        PubArgs pa = new PubArgs();
        if (headerSize >= 0) {
            line[at++] = ' ';
            pa.headerSizeOffset = at;
            at = putDecimal(line, at, headerSize, headerDigits);
        } else {
            pa.headerSizeOffset = at + 1;
        }
        line[at++] = ' ';
        pa.totalSizeOffset = at;
        putDecimal(line, at, totalSize, totalDigits);
        pa.argBuf = Unpooled.wrappedBuffer(line);
        pa.subjectOffset = 0;
        pa.subjectLength = subjectBytes.length;
        pa.replyOffset = pa.subjectLength + 1;
        pa.replyLength = replyBytes == null ? 0 : replyBytes.length;
        pa.headerSize = headerSize;
        pa.headerSizeLength = headerDigits;
        pa.totalSize = totalSize;
        pa.totalSizeLength = totalDigits;
        if (headers == null) {
            // The payload is not copied: receivers copy it out (Outbound, internal handlers) and nobody writes it.
            pa.payloadBuf = Unpooled.wrappedBuffer(payload);
        } else {
            byte[] message = new byte[totalSize];
            System.arraycopy(headers, 0, message, 0, headers.length);
            System.arraycopy(payload, 0, message, headers.length, payload.length);
            pa.payloadBuf = Unpooled.wrappedBuffer(message);
        }
        pa.payloadOffset = 0;
        return pa;
    }

    /** @return the subject this JetStream delivery was published to, when receivers see another; else null */
    public String deliverSubject() {
        return deliverSubject;
    }

    /**
     * Marks a server-made message as a JetStream delivery to {@code subject}, which an import must follow.
     *
     * @param subject the deliver subject
     * @return this
     */
    public PubArgs deliveredTo(String subject) {
        this.deliverSubject = subject;
        return this;
    }

    private static int decimalDigits(int n) {
        int d = 1;
        for (int v = n; v >= 10; v /= 10) {
            d++;
        }
        return d;
    }

    /** Writes {@code n} (non-negative, {@code digits} long) at {@code at}; returns the index after it. */
    private static int putDecimal(byte[] out, int at, int n, int digits) {
        int v = n;
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }

    /** The publishing connection (the handler of the parser that made this view), or null. */
    public Object origin() {
        return origin;
    }

    /** The message trace this message carries while it is delivered, or null (almost always). */
    public Object trace() {
        return trace;
    }

    /** Attaches a message trace for the time of one delivery; the caller clears it after. */
    public void trace(Object messageTrace) {
        this.trace = messageTrace;
    }

    /**
     * A view of {@code original} published to {@code subject} instead (an account mapping or
     * an import): new subject line, same payload buffer. Valid as long as {@code original} is.
     */
    public static PubArgs withSubject(PubArgs original, String subject) {
        return withSubjectAndReply(original, subject, original.reply());
    }

    /**
     * A view of {@code original} with another subject and reply (a JetStream delivery that crossed a route as
     * {@code <deliver subject> <ack>@<subject>}): new subject line, same payload buffer. Valid as long as
     * {@code original} is.
     *
     * @param reply the reply, or null
     */
    public static PubArgs withSubjectAndReply(PubArgs original, String subject, String reply) {
        int headerSize = original.headerSize;
        StringBuilder line = new StringBuilder(subject);
        if (reply != null) {
            line.append(' ').append(reply);
        }
        int headerSizeOffset = line.length() + 1;
        if (headerSize >= 0) {
            line.append(' ').append(headerSize);
        }
        int totalSizeOffset = line.length() + 1;
        line.append(' ').append(original.totalSize);
        PubArgs pa = new PubArgs();
        pa.origin = original.origin;
        pa.trace = original.trace;
        pa.argBuf = Unpooled.wrappedBuffer(line.toString().getBytes(StandardCharsets.ISO_8859_1));
        pa.subjectLength = subject.length();
        pa.replyOffset = pa.subjectLength + 1;
        pa.replyLength = reply == null ? 0 : reply.length();
        pa.headerSize = headerSize;
        pa.headerSizeOffset = headerSizeOffset;
        pa.headerSizeLength = original.headerSizeLength;
        pa.totalSize = original.totalSize;
        pa.totalSizeOffset = totalSizeOffset;
        pa.totalSizeLength = original.totalSizeLength;
        pa.payloadBuf = original.payloadBuf;
        pa.payloadOffset = original.payloadOffset;
        return pa;
    }

    /** The buffer that holds the subject and reply bytes. */
    public ByteBuf argBuf() {
        return argBuf;
    }

    public int subjectOffset() {
        return subjectOffset;
    }

    public int subjectLength() {
        return subjectLength;
    }

    /** Offset of the reply subject in {@link #argBuf()}; meaningful only when {@link #hasReply()}. */
    public int replyOffset() {
        return replyOffset;
    }

    public int replyLength() {
        return replyLength;
    }

    public boolean hasReply() {
        return replyLength > 0;
    }

    /** Size of the header block, or -1 for a PUB without headers. */
    public int headerSize() {
        return headerSize;
    }

    /** Where the header size's digits stand in {@link #argBuf()}, to copy them as sent. */
    public int headerSizeOffset() {
        return headerSizeOffset;
    }

    public int headerSizeLength() {
        return headerSizeLength;
    }

    /** Where the total size's digits stand in {@link #argBuf()}, to copy them as sent. */
    public int totalSizeOffset() {
        return totalSizeOffset;
    }

    public int totalSizeLength() {
        return totalSizeLength;
    }

    /** Headers plus payload, in bytes, as declared on the control line. */
    public int totalSize() {
        return totalSize;
    }

    /** The buffer holding {@link #totalSize()} message bytes at {@link #payloadOffset()}. */
    public ByteBuf payloadBuf() {
        return payloadBuf;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    /** Routed messages: where the account name stands in {@link #argBuf()}; length 0 on a PUB. */
    public int accountOffset() {
        return accountOffset;
    }

    public int accountLength() {
        return accountLength;
    }

    /** Routed messages: the queue names the sender chose ({@code q1 q2}), length 0 when none. */
    public int queuesOffset() {
        return queuesOffset;
    }

    public int queuesLength() {
        return queuesLength;
    }

    /** The account of a routed message (allocates; control plane). */
    public String account() {
        return argBuf.toString(accountOffset, accountLength, StandardCharsets.ISO_8859_1);
    }

    /** The subject as a String (allocates; for the control plane and caches). */
    public String subject() {
        return argBuf.toString(subjectOffset, subjectLength, StandardCharsets.ISO_8859_1);
    }

    /** The reply subject as a String, or {@code null}. */
    public String reply() {
        return replyLength == 0 ? null : argBuf.toString(replyOffset, replyLength, StandardCharsets.ISO_8859_1);
    }
}
