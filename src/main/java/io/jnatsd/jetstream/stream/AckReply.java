package io.jnatsd.jetstream.stream;

/**
 * Twin of {@code ackReplyInfo} in {@code server/stream.go}: what a follower reads from the {@code $JS.ACK} reply of
 * a message its consumer pushed, in the short form ({@code $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.
 * <ts>.<pending>}) or the long one with domain and account hash in front.
 *
 * @param deliveries     how many times the message was delivered
 * @param streamSeq      its sequence in the origin stream
 * @param consumerSeq    the consumer's delivery sequence
 * @param timestampNanos its time in the origin
 * @param pending        messages the consumer still has to deliver
 */
record AckReply(long deliveries, long streamSeq, long consumerSeq, long timestampNanos, long pending) {
    private static final int SHORT_TOKENS = 9;
    private static final int LONG_TOKENS = 11;

    /** @return the fields, or null when {@code reply} is not an ack reply or a number does not parse */
    static AckReply parse(String reply) {
        if (reply == null || !reply.startsWith("$JS.ACK.")) {
            return null;
        }
        String[] t = reply.split("\\.", -1);
        int off;
        if (t.length == SHORT_TOKENS) {
            off = 4;
        } else if (t.length >= LONG_TOKENS) {
            off = 6;
        } else {
            return null;
        }
        try {
            return new AckReply(Long.parseLong(t[off]), Long.parseLong(t[off + 1]), Long.parseLong(t[off + 2]),
                Long.parseLong(t[off + 3]), Long.parseLong(t[off + 4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
