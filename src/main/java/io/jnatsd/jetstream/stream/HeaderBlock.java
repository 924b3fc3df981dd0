package io.jnatsd.jetstream.stream;

import java.nio.charset.StandardCharsets;

/**
 * Twins of {@code sliceHeader} and {@code setHeader} in {@code server/stream.go}: one header's value in a NATS/1.0
 * header block, and the block with one header set to a new value (replacing the line of that name when there is
 * one, adding it otherwise). Names match exactly, as the reference's do.
 *
 * <p>Stateless and thread-safe.
 */
public final class HeaderBlock {
    private static final String STATUS_LINE = "NATS/1.0\r\n";

    private HeaderBlock() {
    }

    /**
     * @param hdr   a header block, or null for none
     * @param name  the header name
     * @param value its new value
     * @return a new header block with {@code name: value}
     */
    static byte[] set(byte[] hdr, String name, String value) {
        String block = hdr == null || hdr.length < 4 ? STATUS_LINE + "\r\n" : new String(hdr, StandardCharsets.UTF_8);
        String line = name + ": " + value + "\r\n";
        int at = findLine(block, name);
        String out;
        if (at >= 0) {
            int end = block.indexOf("\r\n", at);
            out = block.substring(0, at) + line + block.substring(end + 2);
        } else {
            // The block ends with an empty line: the new header goes before it.
            out = block.substring(0, block.length() - 2) + line + "\r\n";
        }
        return out.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param hdr  a header block, or null
     * @param name the header name
     * @return its value, trimmed, or null when the block has no such header
     */
    public static String get(byte[] hdr, String name) {
        if (hdr == null || hdr.length < 4) {
            return null;
        }
        String block = new String(hdr, StandardCharsets.UTF_8);
        int at = findLine(block, name);
        if (at < 0) {
            return null;
        }
        int end = block.indexOf("\r\n", at);
        return block.substring(at + name.length() + 1, end < 0 ? block.length() : end).trim();
    }

    /**
     * Twin of {@code inMsg.isControlMsg}: an idle heartbeat or a flow control request of a push consumer.
     *
     * @param hdr a header block, or null
     * @return true when its status line is {@code NATS/1.0 100}
     */
    static boolean isControl(byte[] hdr) {
        byte[] status = "NATS/1.0 100".getBytes(StandardCharsets.US_ASCII);
        if (hdr == null || hdr.length < status.length) {
            return false;
        }
        for (int i = 0; i < status.length; i++) {
            if (hdr[i] != status[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return where the line of header {@code name} starts, or -1 */
    private static int findLine(String block, String name) {
        int from = block.indexOf("\r\n");
        while (from >= 0 && from + 2 < block.length()) {
            int start = from + 2;
            if (block.startsWith(name, start) && block.length() > start + name.length()
                && block.charAt(start + name.length()) == ':') {
                return start;
            }
            from = block.indexOf("\r\n", start);
        }
        return -1;
    }
}
