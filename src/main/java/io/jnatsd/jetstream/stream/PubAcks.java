package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.errors.ApiError;

import java.nio.charset.StandardCharsets;

/**
 * Twin of {@code JSPubAckResponse} in {@code server/stream.go}: the publish acknowledgement, written by hand so
 * that the publish path runs no JSON library: {@code {"stream":"S","seq":N}} with {@code domain} and
 * {@code duplicate} when set, or {@code {"error":{...},"stream":"S","seq":0}}.
 *
 * <p>Threading: stateless.
 */
public final class PubAcks {
    private PubAcks() {
    }

    /**
     * The plain ack of one stream and domain, {@code {"stream":"S","seq":N[,"domain":"D"]}}, as the bytes before
     * and after the sequence, so that an ack is one array with the sequence's digits written in.
     *
     * @param stream the stream name
     * @param domain the domain, "" or null for none
     * @param prefix the bytes up to the sequence
     * @param suffix the bytes after it
     */
    record OkTemplate(String stream, String domain, byte[] prefix, byte[] suffix) {
        static OkTemplate of(String stream, String domain) {
            StringBuilder sb = new StringBuilder(48).append("{\"stream\":");
            quote(sb, stream).append(",\"seq\":");
            StringBuilder tail = new StringBuilder(32);
            if (domain != null && !domain.isEmpty()) {
                quote(tail.append(",\"domain\":"), domain);
            }
            tail.append('}');
            return new OkTemplate(stream, domain, sb.toString().getBytes(StandardCharsets.UTF_8),
                tail.toString().getBytes(StandardCharsets.UTF_8));
        }

        boolean isFor(String stream, String domain) {
            return this.stream.equals(stream) && java.util.Objects.equals(this.domain, domain);
        }

        /** @return the ack of {@code seq} (not negative): the same bytes as {@link PubAcks#ok} without a duplicate */
        byte[] ok(long seq) {
            int digits = 1;
            for (long v = seq; v >= 10; v /= 10) {
                digits++;
            }
            byte[] out = new byte[prefix.length + digits + suffix.length];
            System.arraycopy(prefix, 0, out, 0, prefix.length);
            long v = seq;
            for (int i = prefix.length + digits - 1; i >= prefix.length; i--) {
                out[i] = (byte) ('0' + (int) (v % 10));
                v /= 10;
            }
            System.arraycopy(suffix, 0, out, prefix.length + digits, suffix.length);
            return out;
        }
    }

    /**
     * @param stream    the stream name
     * @param seq       the sequence
     * @param domain    the domain or null
     * @param duplicate true for a duplicate
     * @return the ack JSON
     */
    public static byte[] ok(String stream, long seq, String domain, boolean duplicate) {
        StringBuilder sb = new StringBuilder(48).append("{\"stream\":");
        quote(sb, stream).append(",\"seq\":").append(seq);
        if (domain != null && !domain.isEmpty()) {
            quote(sb.append(",\"domain\":"), domain);
        }
        if (duplicate) {
            sb.append(",\"duplicate\":true");
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param stream the stream name
     * @param seq    the sequence
     * @param domain the domain or null
     * @param value  the counter's new total
     * @return the ack JSON of a counter stream, with {@code val}
     */
    public static byte[] counter(String stream, long seq, String domain, String value) {
        byte[] ok = ok(stream, seq, domain, false);
        String json = new String(ok, 0, ok.length - 1, StandardCharsets.UTF_8);
        return (json + ",\"val\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param stream  the stream name
     * @param seq     the sequence of the batch's last message
     * @param domain  the domain or null
     * @param batchId the batch id
     * @param count   how many messages the batch stored
     * @return the ack JSON of an atomic batch's commit, with {@code batch} and {@code count}
     */
    public static byte[] batch(String stream, long seq, String domain, String batchId, int count) {
        byte[] ok = ok(stream, seq, domain, false);
        StringBuilder sb = new StringBuilder(new String(ok, 0, ok.length - 1, StandardCharsets.UTF_8));
        quote(sb.append(",\"batch\":"), batchId).append(",\"count\":").append(count).append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param stream      the stream name
     * @param error       the error
     * @param description its description
     * @return the error ack JSON
     */
    public static byte[] error(String stream, ApiError error, String description) {
        StringBuilder sb = new StringBuilder(128).append("{\"error\":{\"code\":").append(error.code())
            .append(",\"err_code\":").append(error.errCode()).append(",\"description\":");
        quote(sb, description).append("},\"stream\":");
        return quote(sb, stream).append(",\"seq\":0}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
