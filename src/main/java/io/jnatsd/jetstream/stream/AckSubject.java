package io.jnatsd.jetstream.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Twin of {@code ackReply} and {@code ackReplyInfo} in {@code server/consumer.go}: the reply subject a delivered
 * message carries, which its ack is published to.
 *
 * <pre>
 * v1: $JS.ACK.&lt;stream&gt;.&lt;consumer&gt;.&lt;delivered&gt;.&lt;sseq&gt;.&lt;cseq&gt;.&lt;ts&gt;.&lt;pending&gt;                 (9 tokens)
 * v2: $JS.ACK.&lt;domain|_&gt;.&lt;acc hash&gt;.&lt;stream&gt;.&lt;consumer&gt;.&lt;delivered&gt;.&lt;sseq&gt;.&lt;cseq&gt;.&lt;ts&gt;.&lt;pending&gt;[.more] (11+)
 * </pre>
 *
 * <p>Parsing never allocates beyond the result record and returns null for anything that is not an ack
 * subject. Stateless and thread-safe.
 *
 * @param stream         the stream name
 * @param consumer       the consumer name
 * @param deliveryCount  how many times this message was delivered
 * @param streamSeq      its stream sequence
 * @param consumerSeq    its consumer (delivery) sequence
 * @param timestampNanos its store time
 * @param pending        messages pending after it when it was sent
 */
public record AckSubject(String stream, String consumer, long deliveryCount, long streamSeq, long consumerSeq,
                         long timestampNanos, long pending) {

    /** Every ack subject starts with this. */
    public static final String PREFIX = "$JS.ACK.";
    private static final int V1_TOKENS = 9;
    private static final int V2_TOKENS = 11;
    private static final int MAX_TOKENS = 16;
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int ACCOUNT_HASH_LENGTH = 8;

    /**
     * @param stream   the stream
     * @param consumer the consumer
     * @return the v1 prefix {@code $JS.ACK.<stream>.<consumer>.}, to which {@link #appendTail} adds the numbers
     */
    public static String v1Prefix(String stream, String consumer) {
        return PREFIX + stream + "." + consumer + ".";
    }

    /**
     * @param domain   the JetStream domain, or null/empty for none ("_")
     * @param account  the account name
     * @param stream   the stream
     * @param consumer the consumer
     * @return the v2 prefix
     */
    public static String v2Prefix(String domain, String account, String stream, String consumer) {
        String d = domain == null || domain.isEmpty() ? "_" : domain;
        return PREFIX + d + "." + accountHash(account) + "." + stream + "." + consumer + ".";
    }

    /**
     * Builds the whole subject from a prefix.
     *
     * @param prefix         from {@link #v1Prefix} or {@link #v2Prefix}
     * @param deliveryCount  delivery count
     * @param streamSeq      stream sequence
     * @param consumerSeq    consumer sequence
     * @param timestampNanos store time
     * @param pending        pending count
     * @return the reply subject
     */
    public static String format(String prefix, long deliveryCount, long streamSeq, long consumerSeq,
                                long timestampNanos, long pending) {
        StringBuilder sb = new StringBuilder(prefix.length() + 64).append(prefix);
        return appendTail(sb, deliveryCount, streamSeq, consumerSeq, timestampNanos, pending).toString();
    }

    /**
     * Appends {@code <delivered>.<sseq>.<cseq>.<ts>.<pending>}.
     *
     * @param sb             the builder holding the prefix
     * @param deliveryCount  delivery count
     * @param streamSeq      stream sequence
     * @param consumerSeq    consumer sequence
     * @param timestampNanos store time
     * @param pending        pending count
     * @return {@code sb}
     */
    public static StringBuilder appendTail(StringBuilder sb, long deliveryCount, long streamSeq, long consumerSeq,
                                           long timestampNanos, long pending) {
        return sb.append(deliveryCount).append('.').append(streamSeq).append('.').append(consumerSeq).append('.')
            .append(timestampNanos).append('.').append(pending);
    }

    /**
     * @param subject a subject
     * @return its decoded fields, or null if it is not an ack subject of either form (numbers that do not
     *     parse come back as -1, as the reference's parser returns)
     */
    public static AckSubject parse(String subject) {
        if (subject == null || !subject.startsWith(PREFIX)) {
            return null;
        }
        int[] starts = new int[MAX_TOKENS + 1];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < subject.length(); i++) {
            if (subject.charAt(i) == '.') {
                if (n == MAX_TOKENS) {
                    return null;
                }
                starts[n++] = i + 1;
            }
        }
        starts[n] = subject.length() + 1;
        if (n != V1_TOKENS && n < V2_TOKENS) {
            return null;
        }
        int off = n >= V2_TOKENS ? 4 : 2;
        return new AckSubject(token(subject, starts, off), token(subject, starts, off + 1),
            num(subject, starts, off + 2), num(subject, starts, off + 3), num(subject, starts, off + 4),
            num(subject, starts, off + 5), num(subject, starts, off + 6));
    }

    /**
     * Parses a v1 ack subject whose prefix ({@link #v1Prefix}) the caller knows, reading only the five numbers
     * after it; no substring, no scratch array. A consumer's ack subscription is {@code <prefix>*.*.*.*.*}, so its
     * subjects always have this form.
     *
     * @param subject  a subject
     * @param prefix   {@code v1Prefix(stream, consumer)}
     * @param stream   the stream name in that prefix
     * @param consumer the consumer name in that prefix
     * @return the decoded fields (numbers that do not parse come back as -1), or null if the subject does not
     *     start with the prefix or does not have exactly five tokens after it
     */
    public static AckSubject parseV1(String subject, String prefix, String stream, String consumer) {
        if (subject == null || !subject.startsWith(prefix)) {
            return null;
        }
        int from = prefix.length();
        int end0 = subject.indexOf('.', from);
        int end1 = end0 < 0 ? -1 : subject.indexOf('.', end0 + 1);
        int end2 = end1 < 0 ? -1 : subject.indexOf('.', end1 + 1);
        int end3 = end2 < 0 ? -1 : subject.indexOf('.', end2 + 1);
        if (end3 < 0 || subject.indexOf('.', end3 + 1) >= 0) {
            return null;
        }
        return new AckSubject(stream, consumer, digits(subject, from, end0), digits(subject, end0 + 1, end1),
            digits(subject, end1 + 1, end2), digits(subject, end2 + 1, end3),
            digits(subject, end3 + 1, subject.length()));
    }

    /**
     * Twin of {@code getHash} in {@code server/events.go}: 8 base-62 characters from the SHA-256 of the name.
     *
     * @param account an account name
     * @return its hash
     */
    public static String accountHash(String account) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[ACCOUNT_HASH_LENGTH];
            for (int i = 0; i < out.length; i++) {
                out[i] = DIGITS.charAt((sha[i] & 0xff) % DIGITS.length());
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    private static String token(String s, int[] starts, int i) {
        return s.substring(starts[i], starts[i + 1] - 1);
    }

    private static long num(String s, int[] starts, int i) {
        return digits(s, starts[i], starts[i + 1] - 1);
    }

    private static long digits(String s, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long v = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
