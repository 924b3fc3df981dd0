package io.jnatsd.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Twin of the protocol constants in {@code server/const.go} and {@code server/client.go}:
 * every byte sequence the server writes, encoded once.
 */
public final class Ops {

    public static final byte[] CRLF = bytes("\r\n");
    public static final byte[] MSG_PREFIX = bytes("MSG ");
    public static final byte[] HMSG_PREFIX = bytes("HMSG ");
    /** A routed message without headers; with headers a route gets {@link #HMSG_PREFIX}. */
    public static final byte[] RMSG_PREFIX = bytes("RMSG ");
    /** Route interest: {@code RS+ <account> <subject> [<queue> <weight>]}. */
    public static final byte[] RS_SUB_PREFIX = bytes("RS+ ");
    /** Route interest gone: {@code RS- <account> <subject> [<queue>]}. */
    public static final byte[] RS_UNSUB_PREFIX = bytes("RS- ");
    public static final byte[] CONNECT_PREFIX = bytes("CONNECT ");
    public static final byte[] PING = bytes("PING\r\n");
    public static final byte[] PONG = bytes("PONG\r\n");
    public static final byte[] OK = bytes("+OK\r\n");
    public static final byte[] INFO_PREFIX = bytes("INFO ");
    public static final byte[] ERR_PREFIX = bytes("-ERR '");
    public static final byte[] ERR_SUFFIX = bytes("'\r\n");

    /** The first line of a NATS header block, without a status. */
    public static final String HEADER_VERSION = "NATS/1.0";

    /** Sent to a requester whose request nobody received (client.go, no responders). */
    public static final String NO_RESPONDERS_STATUS = "NATS/1.0 503\r\n";

    /** Header naming the subject a no-responders status is about. */
    public static final String NATS_SUBJECT_HEADER = "Nats-Subject: ";

    private Ops() {
    }

    /** Encodes an ASCII constant; use only for literals. */
    public static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
