package io.jnatsd.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;
import io.jnatsd.auth.ClientPermissions;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.Subjects;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code initMsgTrace} and {@code setHeader} in {@code server/msgtrace.go} and
 * {@code server/client.go}: decides from a message's headers whether it is traced, and starts its
 * {@link MsgTrace} with the ingress event, for a client's publish and for a message from a route.
 * A message whose {@code Nats-Trace-Dest} is {@link #DEST_DISABLED} is not traced (an import that
 * does not let the trace cross sets it so).
 *
 * <p>Stateless; called on the connection's event loop. The cost for an HPUB that is not traced
 * is one scan of its header block.
 */
public final class MsgTracer {

    public static final String DEST = "Nats-Trace-Dest";
    public static final String ONLY = "Nats-Trace-Only";
    public static final String HOP = "Nats-Trace-Hop";
    static final String ORIGIN_ACCOUNT = "Nats-Trace-Origin-Account";
    /** The reference's {@code MsgTraceDestDisabled}: not a valid subject, so it can never be traced. */
    public static final String DEST_DISABLED = "trace disabled";
    private static final byte[] DEST_BYTES = (DEST + ":").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private MsgTracer() {
    }

    /**
     * The trace of a client's publish, or null when its headers do not ask for one. A trace-only
     * message whose trace cannot be made (bad destination, no permission) gets a trace that
     * skips delivery, as the reference makes its caller skip processing.
     */
    static MsgTrace start(ClientConnection publisher, Account account, PubArgs msg) {
        Map<String, List<String>> headers = traceHeaders(msg);
        if (headers == null) {
            return null;
        }
        String dest = first(headers, DEST);
        boolean traceOnly = isTraceOnly(first(headers, ONLY));
        if (dest == null || first(headers, ORIGIN_ACCOUNT) != null || !Subjects.isValidPublishSubject(dest)) {
            return traceOnly ? MsgTrace.skipping() : null;
        }
        ClientPermissions perms = publisher.permissions();
        if (perms != null && perms.checksPublish() && !perms.publishAllowedStatically(dest)) {
            publisher.sendError("Permissions Violation for Publish to " + ClientBinding.quote(dest));
            return MsgTrace.skipping();
        }
        return MsgTrace.begin(publisher.server(), account, dest, traceOnly, null, request(headers, msg),
                MsgTrace.KIND_CLIENT, publisher.connectionId(), publisher.connectOptions().name, msg.subject());
    }

    /**
     * The trace of a message a peer sent on a route, or null when it is not traced: the ingress
     * names the route (kind ROUTER, the peer's server name) and the hop id the peer gave it.
     * The route's event loop.
     */
    public static MsgTrace fromRoute(NatsServer server, Connection route, String peerName, Account account,
                                     PubArgs msg) {
        Map<String, List<String>> headers = traceHeaders(msg);
        if (headers == null) {
            return null;
        }
        String dest = first(headers, DEST);
        boolean traceOnly = isTraceOnly(first(headers, ONLY));
        if (dest == null || first(headers, ORIGIN_ACCOUNT) != null || !Subjects.isValidPublishSubject(dest)) {
            return traceOnly ? MsgTrace.skipping() : null;
        }
        return MsgTrace.begin(server, account, dest, traceOnly, first(headers, HOP), request(headers, msg),
                MsgTrace.KIND_ROUTER, route.connectionId(), peerName, msg.subject());
    }

    /**
     * Runs {@code delivery} of a message from a route under its trace, when it is traced.
     * The route's event loop.
     *
     * @return false when the message is not traced (the caller delivers it as usual)
     */
    public static boolean deliverRouted(NatsServer server, Connection route, String peerName, Account account,
                                        PubArgs msg, Runnable delivery) {
        MsgTrace mt = fromRoute(server, route, peerName, account, msg);
        if (mt == null) {
            return false;
        }
        mt.deliverRouted(msg, delivery);
        return true;
    }

    private static ObjectNode request(Map<String, List<String>> headers, PubArgs msg) {
        ObjectNode request = JSON.createObjectNode();
        request.set("header", JSON.valueToTree(headers));
        request.put("msgsize", msg.totalSize());
        return request;
    }

    private static boolean isTraceOnly(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on"));
    }

    /** The header map when the block names a trace destination that is not disabled, else null. */
    private static Map<String, List<String>> traceHeaders(PubArgs msg) {
        ByteBuf buf = msg.payloadBuf();
        int start = msg.payloadOffset();
        if (msg.headerSize() <= 0 || !contains(buf, start, msg.headerSize())) {
            return null;
        }
        Map<String, List<String>> headers = headers(buf.toString(start, msg.headerSize(), StandardCharsets.UTF_8));
        List<String> dest = headers.get(DEST);
        if (dest == null || dest.isEmpty() || dest.get(0).equals(DEST_DISABLED)) {
            return null;
        }
        return headers;
    }

    /** Whether the header block names the trace destination (ASCII case-insensitive). */
    private static boolean contains(ByteBuf buf, int start, int length) {
        int last = start + length - DEST_BYTES.length;
        for (int i = start; i <= last; i++) {
            int j = 0;
            while (j < DEST_BYTES.length && (buf.getByte(i + j) | 0x20) == (DEST_BYTES[j] | 0x20)) {
                j++;
            }
            if (j == DEST_BYTES.length) {
                return true;
            }
        }
        return false;
    }

    /** The header block as names (case kept) to values, in order; empty values are left out, as the reference does. */
    static Map<String, List<String>> headers(String block) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String[] lines = block.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String value = lines[i].substring(colon + 1).trim();
                if (!value.isEmpty()) {
                    out.computeIfAbsent(lines[i].substring(0, colon), k -> new ArrayList<>()).add(value);
                }
            }
        }
        return out;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The header block with {@code name} set to {@code value} (replacing the first line of that
     * name, or appended), as the reference's {@code setHeader}; {@code block} may be null.
     */
    public static byte[] setHeader(byte[] block, String name, String value) {
        String text = block == null || block.length == 0 ? "NATS/1.0\r\n\r\n"
                : new String(block, StandardCharsets.UTF_8);
        String prefix = "\r\n" + name + ":";
        int at = text.indexOf(prefix);
        String out;
        if (at >= 0) {
            int end = text.indexOf("\r\n", at + prefix.length());
            out = text.substring(0, at) + prefix + " " + value + text.substring(end);
        } else {
            int end = text.lastIndexOf("\r\n\r\n");
            out = text.substring(0, end) + prefix + " " + value + text.substring(end);
        }
        return out.getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of {@code msg} whose header {@code name} is {@code value}; the trace stays attached. */
    public static PubArgs withHeader(PubArgs msg, String name, String value) {
        int headerSize = Math.max(0, msg.headerSize());
        byte[] headers = new byte[headerSize];
        msg.payloadBuf().getBytes(msg.payloadOffset(), headers);
        byte[] payload = new byte[msg.totalSize() - headerSize];
        msg.payloadBuf().getBytes(msg.payloadOffset() + headerSize, payload);
        PubArgs copy = PubArgs.forInternalPublish(msg.subject(), msg.hasReply() ? msg.reply() : null,
                setHeader(headers, name, value), payload);
        copy.trace(msg.trace());
        return copy;
    }
}
