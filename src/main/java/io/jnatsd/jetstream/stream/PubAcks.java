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
