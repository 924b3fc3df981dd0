package io.jnatsd.cluster.route;

import io.jnatsd.protocol.PubArgs;
import io.netty.buffer.ByteBuf;

/**
 * Twin of {@code jsAckDeliverIdx} and of the remap in {@code processMsgResults} ({@code server/client.go}): a
 * JetStream delivery under another subject than it carries (a push consumer's deliver subject, a pull request's
 * inbox) crosses a route as {@code RMSG <deliver subject> $JS.ACK....@<stored subject>}; the receiving server matches
 * the deliver subject and shows its clients the stored subject and the bare ack reply.
 *
 * <p>Stateless; {@link #remap} allocates only for such replies.
 */
final class JsAckDeliver {

    private static final String ACK_PREFIX = "$JS.ACK.";
    /** The dots of {@code $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<tm>.<pending>}. */
    private static final int ACK_DOTS = 8;

    private JsAckDeliver() {
    }

    /**
     * @param msg a routed message
     * @return the message as local clients must see it: {@code msg} itself, or a view with the stored subject and
     *         the bare ack reply when its reply carries {@code @<subject>}
     */
    static PubArgs remap(PubArgs msg) {
        int at = deliverIndex(msg.argBuf(), msg.replyOffset(), msg.replyLength());
        if (at < 0) {
            return msg;
        }
        String reply = msg.reply();
        int split = at - msg.replyOffset();
        return PubArgs.withSubjectAndReply(msg, reply.substring(split + 1), reply.substring(0, split));
    }

    /** @return the buffer index of the {@code @} after the eight dots of a {@code $JS.ACK.} reply, or -1 */
    static int deliverIndex(ByteBuf buf, int offset, int length) {
        if (length <= ACK_PREFIX.length()) {
            return -1;
        }
        for (int i = 0; i < ACK_PREFIX.length(); i++) {
            if (buf.getByte(offset + i) != ACK_PREFIX.charAt(i)) {
                return -1;
            }
        }
        int dots = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = buf.getByte(i);
            if (b == '.') {
                dots++;
            } else if (b == '@' && dots >= ACK_DOTS) {
                return i < offset + length - 1 ? i : -1;
            }
        }
        return -1;
    }
}
