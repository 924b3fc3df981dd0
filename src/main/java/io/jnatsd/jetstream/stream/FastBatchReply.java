package io.jnatsd.jetstream.stream;

/**
 * Twin of {@code getFastBatch} in {@code server/stream.go}: a fast batch publish is told by its reply subject,
 * {@code <prefix>.<batch id>.<initial flow>.<gap mode>.<batch seq>.<operation>.$FI}.
 *
 * <p>Not read here: the reference also finds the original reply in the client-info header of a request that came
 * through a service import; jnatsd's service imports do not add that header.
 *
 * @param valid   false when the reply ends in {@code .$FI} but does not follow the pattern
 * @param id      the batch id
 * @param flow    the most messages per flow ack the client allows (10 when unset, at most 65535)
 * @param gapOk   {@code gap: ok} rather than {@code fail}
 * @param seq     the message's sequence in the batch, from 1
 * @param op      the operation
 */
record FastBatchReply(boolean valid, String id, int flow, boolean gapOk, long seq, Op op) {
    /** The reply subjects' suffix. */
    static final String SUFFIX = ".$FI";
    private static final int MAX_FLOW = 65_535;
    private static final int DEFAULT_FLOW = 10;
    private static final FastBatchReply INVALID = new FastBatchReply(false, null, 0, false, 0, null);

    /** The operations, numbered as on the wire. */
    enum Op { START, APPEND, COMMIT, COMMIT_EOB, PING }

    /** @return true for a commit, with or without end-of-batch */
    boolean commit() {
        return op == Op.COMMIT || op == Op.COMMIT_EOB;
    }

    /**
     * @param reply a published message's reply subject, or null
     * @return null when it is not a fast batch reply, an invalid one when it ends in {@code .$FI} but breaks the
     *     pattern, else its fields
     */
    static FastBatchReply parse(String reply) {
        if (reply == null || reply.length() <= SUFFIX.length() || !reply.endsWith(SUFFIX)) {
            return null;
        }
        String[] t = reply.substring(0, reply.length() - SUFFIX.length()).split("\\.", -1);
        if (t.length < 6) {
            return INVALID;
        }
        int n = t.length;
        long opNumber = number(t[n - 1]);
        long seq = number(t[n - 2]);
        String gap = t[n - 3];
        long flow = number(t[n - 4]);
        String id = t[n - 5];
        if (opNumber < 0 || opNumber >= Op.values().length || seq <= 0 || seq == Long.MAX_VALUE) {
            return INVALID;
        }
        Op op = Op.values()[(int) opNumber];
        if ((seq == 1 && op == Op.COMMIT_EOB) || (op == Op.START && seq != 1) || (op == Op.APPEND && seq <= 1)) {
            return INVALID;
        }
        if (!gap.equals("ok") && !gap.equals("fail")) {
            return INVALID;
        }
        int ackFlow = flow <= 0 ? DEFAULT_FLOW : (int) Math.min(flow, MAX_FLOW);
        return new FastBatchReply(true, id, ackFlow, gap.equals("ok"), seq, op);
    }

    private static long number(String token) {
        if (token.isEmpty() || token.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
