package io.jnatsd.jetstream.stream;

import java.nio.charset.StandardCharsets;

/**
 * The JetStream publish headers of one message ({@code Nats-Msg-Id}, {@code Nats-Expected-*},
 * {@code Nats-Rollup}, {@code Nats-TTL}, {@code Nats-Incr}, {@code Nats-Batch-*}; whether any {@code Nats-Schedule*}
 * header is present), picked out of a NATS/1.0 header block in one pass. Twin of the
 * {@code getMsgId}, {@code getExpected*}, {@code getRollup} and {@code getMessageTTL} helpers of
 * {@code server/stream.go}. Lines whose name does not start with {@code Nats-} are skipped without a String.
 *
 * <p>Threading: a value, confined to the thread that parsed it.
 */
public final class JsHeaders {
    /** Deduplication id. */
    public static final String MSG_ID = "Nats-Msg-Id";
    /** Expected stream name. */
    public static final String EXPECTED_STREAM = "Nats-Expected-Stream";
    /** Expected last stream sequence. */
    public static final String EXPECTED_LAST_SEQ = "Nats-Expected-Last-Sequence";
    /** Expected last sequence of the subject. */
    public static final String EXPECTED_LAST_SUBJ_SEQ = "Nats-Expected-Last-Subject-Sequence";
    /** The subject the expected last subject sequence is about, when not the message's own. */
    public static final String EXPECTED_LAST_SUBJ_SEQ_SUBJ = "Nats-Expected-Last-Subject-Sequence-Subject";
    /** Expected last message id. */
    public static final String EXPECTED_LAST_MSG_ID = "Nats-Expected-Last-Msg-Id";
    /** Rollup: sub or all. */
    public static final String ROLLUP = "Nats-Rollup";
    /** Per-message TTL. */
    public static final String TTL = "Nats-TTL";
    /** Counter increment (2.12 counters). */
    public static final String INCR = "Nats-Incr";
    /** Atomic batch id. */
    public static final String BATCH_ID = "Nats-Batch-Id";
    /** Position of a message in its atomic batch, from 1. */
    public static final String BATCH_SEQ = "Nats-Batch-Sequence";
    /** Marks the last message of an atomic batch: "1", or "eob" for an end marker that is not stored. */
    public static final String BATCH_COMMIT = "Nats-Batch-Commit";
    /** Prefix of the message schedule headers (Nats-Schedule, Nats-Schedule-*, Nats-Scheduler). */
    public static final String SCHEDULE_PREFIX = "Nats-Schedule";
    /** Marks an absent value among the numeric fields. */
    public static final long ABSENT = -1;

    private static final byte[] PREFIX = "Nats-".getBytes(StandardCharsets.US_ASCII);

    private String msgId;
    private String expectedStream;
    private long expectedLastSeq = ABSENT;
    private long expectedLastSubjSeq = ABSENT;
    private String expectedLastSubjSeqSubject;
    private String expectedLastMsgId;
    private String rollup;
    private String ttl;
    private String incr;
    private String batchId;
    private String batchSeq;
    private String batchCommit;
    private boolean badNumber;
    private boolean scheduleHeaders;

    private JsHeaders() {
    }

    /**
     * @param hdr a header block, or null
     * @return its JetStream headers, or null when the block has none
     */
    public static JsHeaders parse(byte[] hdr) {
        if (hdr == null || hdr.length == 0) {
            return null;
        }
        JsHeaders h = null;
        int i = lineEnd(hdr, 0);
        while (i >= 0 && i + 2 < hdr.length) {
            int start = i + 2;
            int end = lineEnd(hdr, start);
            if (end < 0) {
                end = hdr.length;
            }
            if (end > start && startsWithPrefix(hdr, start, end)) {
                int colon = indexOf(hdr, start, end, (byte) ':');
                if (colon > 0) {
                    if (h == null) {
                        h = new JsHeaders();
                    }
                    String name = new String(hdr, start, colon - start, StandardCharsets.US_ASCII);
                    String value = new String(hdr, colon + 1, end - colon - 1, StandardCharsets.UTF_8).trim();
                    h.set(name, value);
                }
            }
            i = end;
        }
        return h;
    }

    private void set(String name, String value) {
        switch (name) {
            case MSG_ID -> msgId = value;
            case EXPECTED_STREAM -> expectedStream = value;
            case EXPECTED_LAST_SEQ -> expectedLastSeq = number(value);
            case EXPECTED_LAST_SUBJ_SEQ -> expectedLastSubjSeq = number(value);
            case EXPECTED_LAST_SUBJ_SEQ_SUBJ -> expectedLastSubjSeqSubject = value;
            case EXPECTED_LAST_MSG_ID -> expectedLastMsgId = value;
            case ROLLUP -> rollup = value;
            case TTL -> ttl = value;
            case INCR -> incr = value;
            case BATCH_ID -> batchId = value;
            case BATCH_SEQ -> batchSeq = value;
            case BATCH_COMMIT -> batchCommit = value;
            default -> {
                // Other Nats- headers are not publish controls, but schedule headers are looked at as a block.
                if (name.startsWith(SCHEDULE_PREFIX)) {
                    scheduleHeaders = true;
                }
            }
        }
    }

    private long number(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            badNumber = true;
            return ABSENT;
        }
    }

    private static boolean startsWithPrefix(byte[] b, int start, int end) {
        if (end - start < PREFIX.length) {
            return false;
        }
        for (int k = 0; k < PREFIX.length; k++) {
            if (b[start + k] != PREFIX[k]) {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(byte[] b, int from) {
        for (int k = from; k + 1 < b.length; k++) {
            if (b[k] == '\r' && b[k + 1] == '\n') {
                return k;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int k = from; k < to; k++) {
            if (b[k] == c) {
                return k;
            }
        }
        return -1;
    }

    /** @return Nats-Msg-Id or null */
    public String msgId() {
        return msgId;
    }

    /** @return Nats-Expected-Stream or null */
    public String expectedStream() {
        return expectedStream;
    }

    /** @return Nats-Expected-Last-Sequence or {@link #ABSENT} */
    public long expectedLastSeq() {
        return expectedLastSeq;
    }

    /** @return Nats-Expected-Last-Subject-Sequence or {@link #ABSENT} */
    public long expectedLastSubjSeq() {
        return expectedLastSubjSeq;
    }

    /** @return Nats-Expected-Last-Subject-Sequence-Subject or null */
    public String expectedLastSubjSeqSubject() {
        return expectedLastSubjSeqSubject;
    }

    /** @return Nats-Expected-Last-Msg-Id or null */
    public String expectedLastMsgId() {
        return expectedLastMsgId;
    }

    /** @return Nats-Rollup or null */
    public String rollup() {
        return rollup;
    }

    /** @return Nats-TTL or null */
    public String ttl() {
        return ttl;
    }

    /** @return Nats-Incr or null */
    public String incr() {
        return incr;
    }

    /** @return Nats-Batch-Id or null */
    public String batchId() {
        return batchId;
    }

    /** @return Nats-Batch-Sequence or null */
    public String batchSeq() {
        return batchSeq;
    }

    /** @return Nats-Batch-Commit or null */
    public String batchCommit() {
        return batchCommit;
    }

    /** @return true when a header other than Nats-Msg-Id and Nats-TTL asks for a publish condition or a rollup */
    public boolean hasConditions() {
        return expectedStream != null || expectedLastSeq != ABSENT || expectedLastSubjSeq != ABSENT
            || expectedLastSubjSeqSubject != null || expectedLastMsgId != null || rollup != null || badNumber;
    }

    /** @return true when a Nats-Schedule, Nats-Schedule-* or Nats-Scheduler header is present */
    public boolean hasScheduleHeaders() {
        return scheduleHeaders;
    }

    /** @return true when a numeric header did not parse */
    public boolean badNumber() {
        return badNumber;
    }
}
