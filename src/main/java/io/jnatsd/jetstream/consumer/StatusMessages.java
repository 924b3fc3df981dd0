package io.jnatsd.jetstream.consumer;

import java.nio.charset.StandardCharsets;

/**
 * The header-only status messages a consumer sends, byte for byte as {@code server/consumer.go} writes them.
 * Stateless.
 */
public final class StatusMessages {

    /** Header of pull status messages: messages left in the request. */
    public static final String PENDING_MESSAGES = "Nats-Pending-Messages";
    /** Header of pull status messages: bytes left in the request. */
    public static final String PENDING_BYTES = "Nats-Pending-Bytes";
    /** Heartbeat header: last consumer sequence. */
    public static final String LAST_CONSUMER = "Nats-Last-Consumer";
    /** Heartbeat header: last stream sequence. */
    public static final String LAST_STREAM = "Nats-Last-Stream";
    /** Heartbeat header: the flow control reply the consumer waits for. */
    public static final String CONSUMER_STALLED = "Nats-Consumer-Stalled";
    /** Headers-only delivery: the payload size. */
    public static final String MSG_SIZE = "Nats-Msg-Size";

    /** 404 for a no_wait request with nothing to deliver. */
    public static final byte[] NO_MESSAGES = bytes("NATS/1.0 404 No Messages\r\n\r\n");
    /** 409 for a pull request to a push consumer. */
    public static final byte[] PUSH_BASED = bytes("NATS/1.0 409 Consumer is push based\r\n\r\n");
    /** 409 to waiting requests when the consumer is deleted. */
    public static final byte[] CONSUMER_DELETED = bytes("NATS/1.0 409 Consumer Deleted\r\n\r\n");
    /** 409 when the request queue is full. */
    public static final byte[] EXCEEDED_MAX_WAITING = bytes("NATS/1.0 409 Exceeded MaxWaiting\r\n\r\n");
    /** 408 for a no_wait request while other requests wait. */
    public static final byte[] REQUESTS_PENDING = bytes("NATS/1.0 408 Requests Pending\r\n\r\n");
    /** 100 flow control request of push consumers. */
    public static final byte[] FLOW_CONTROL_REQUEST = bytes("NATS/1.0 100 FlowControl Request\r\n\r\n");

    private StatusMessages() {
    }

    /**
     * @param code        status code
     * @param description status text
     * @return {@code NATS/1.0 <code> <description>} with no headers
     */
    public static byte[] status(int code, String description) {
        return bytes("NATS/1.0 " + code + " " + description + "\r\n\r\n");
    }

    /**
     * @param code        status code
     * @param description status text
     * @param msgs        messages left in the request
     * @param bytes       bytes left in the request
     * @return a status with the pending headers (408 Request Timeout, 409 Batch Completed, ...)
     */
    public static byte[] withPending(int code, String description, long msgs, long bytes) {
        return bytes("NATS/1.0 " + code + " " + description + "\r\n" + PENDING_MESSAGES + ": " + msgs + "\r\n"
            + PENDING_BYTES + ": " + bytes + "\r\n\r\n");
    }

    /**
     * @param lastConsumerSeq last consumer sequence delivered
     * @param lastStreamSeq   last stream sequence delivered
     * @param stalledReply    the flow control reply waited for, or null
     * @return the idle heartbeat
     */
    public static byte[] idleHeartbeat(long lastConsumerSeq, long lastStreamSeq, String stalledReply) {
        StringBuilder sb = new StringBuilder(96).append("NATS/1.0 100 Idle Heartbeat\r\n")
            .append(LAST_CONSUMER).append(": ").append(lastConsumerSeq).append("\r\n")
            .append(LAST_STREAM).append(": ").append(lastStreamSeq).append("\r\n");
        if (stalledReply != null) {
            sb.append(CONSUMER_STALLED).append(": ").append(stalledReply).append("\r\n");
        }
        return bytes(sb.append("\r\n").toString());
    }

    /**
     * Twin of {@code convertToHeadersOnly}: the message's headers plus {@code Nats-Msg-Size}.
     *
     * @param headers     the stored header block, possibly empty
     * @param payloadSize the payload's size
     * @return the header block to send without payload
     */
    public static byte[] headersOnly(byte[] headers, int payloadSize) {
        return withHeader(headers, MSG_SIZE, Integer.toString(payloadSize));
    }

    /**
     * Twin of {@code genHeader}: a header block with one more header.
     *
     * @param headers the header block, possibly empty
     * @param name    the header's name
     * @param value   its value
     * @return a new header block
     */
    public static byte[] withHeader(byte[] headers, String name, String value) {
        String add = name + ": " + value + "\r\n\r\n";
        if (headers == null || headers.length == 0) {
            return bytes("NATS/1.0\r\n" + add);
        }
        byte[] tail = bytes(add);
        byte[] out = new byte[headers.length - 2 + tail.length];
        System.arraycopy(headers, 0, out, 0, headers.length - 2);
        System.arraycopy(tail, 0, out, headers.length - 2, tail.length);
        return out;
    }

    /**
     * @param headers a header block
     * @param name    a header name
     * @return its first value, or null
     */
    public static String header(byte[] headers, String name) {
        if (headers == null || headers.length == 0) {
            return null;
        }
        String s = new String(headers, StandardCharsets.ISO_8859_1);
        for (String line : s.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
