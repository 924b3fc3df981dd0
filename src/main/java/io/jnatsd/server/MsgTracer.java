package io.jnatsd.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;
import io.jnatsd.account.Subscription;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.SublistResult;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code server/msgtrace.go} for a client's publish on one server: a message whose
 * headers carry {@code Nats-Trace-Dest} produces a trace event (the server, the request's
 * headers and size, an ingress event and one egress event per client subscription it reaches)
 * published on that subject in the publisher's account; with {@code Nats-Trace-Only} the message
 * itself is not delivered. Imports, routes, gateways, leaf nodes and JetStream add no events
 * here, and queue groups get no egress event.
 *
 * <p>Stateless; called on the publisher's event loop.
 */
final class MsgTracer {

    static final String DEST = "Nats-Trace-Dest";
    static final String ONLY = "Nats-Trace-Only";
    /** The reference's kind numbers: CLIENT. */
    private static final int KIND_CLIENT = 0;
    private static final byte[] DEST_BYTES = (DEST + ":").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private MsgTracer() {
    }

    /**
     * Traces {@code msg} when its headers ask for it. Cheap when they do not: one scan of the
     * header block for the header name.
     *
     * @return true when the message must not be delivered ({@code Nats-Trace-Only})
     */
    static boolean trace(ClientConnection publisher, Account account, SublistResult<Subscription> matches,
                         PubArgs msg) {
        ByteBuf buf = msg.payloadBuf();
        int start = msg.payloadOffset();
        if (!contains(buf, start, msg.headerSize())) {
            return false;
        }
        Map<String, List<String>> headers = headers(buf.toString(start, msg.headerSize(), StandardCharsets.UTF_8));
        String dest = first(headers, DEST);
        if (dest == null || dest.isEmpty()) {
            return false;
        }
        String only = first(headers, ONLY);
        boolean traceOnly = only != null && (only.equals("1") || only.equalsIgnoreCase("true")
                || only.equalsIgnoreCase("on"));
        ObjectNode event = JSON.createObjectNode();
        NatsServer server = publisher.server();
        ObjectNode si = event.putObject("server");
        si.put("name", server.info() == null ? server.serverId() : server.info().serverName());
        si.put("host", server.options().host());
        si.put("id", server.serverId());
        si.put("ver", ServerInfo.REFERENCE_VERSION);
        si.put("jetstream", server.options().jetStream());
        si.put("time", goTime(Instant.now()));
        ObjectNode request = event.putObject("request");
        request.set("header", JSON.valueToTree(headers));
        request.put("msgsize", msg.totalSize());
        ArrayNode events = event.putArray("events");
        ObjectNode in = events.addObject();
        in.put("type", "in").put("ts", goTime(Instant.now())).put("kind", KIND_CLIENT)
                .put("cid", publisher.connectionId());
        putIfSet(in, "name", publisher.connectOptions().name);
        in.put("acc", account.name()).put("subj", msg.subject());
        for (int i = 0; i < matches.plainCount(); i++) {
            Subscription sub = matches.plain(i);
            if (sub.owner() instanceof ClientConnection target) {
                egress(events, target, sub, publisher);
            }
        }
        publish(server, account, dest, event);
        return traceOnly;
    }

    private static void egress(ArrayNode events, ClientConnection target, Subscription sub,
                               ClientConnection publisher) {
        ObjectNode eg = events.addObject();
        eg.put("type", "eg").put("ts", goTime(Instant.now())).put("kind", KIND_CLIENT)
                .put("cid", target.connectionId());
        putIfSet(eg, "name", target.connectOptions().name);
        eg.put("sub", sub.subject());
        if (target == publisher && !publisher.connectOptions().echo) {
            eg.put("error", "Not delivered because of no echo");
        }
    }

    private static void publish(NatsServer server, Account account, String dest, ObjectNode event) {
        try {
            server.createInternalConnection(account).publish(dest, null, null, JSON.writeValueAsBytes(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    /** The header block as names (case kept) to values, in order. */
    static Map<String, List<String>> headers(String block) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String[] lines = block.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                out.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        return out;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(field, value);
        }
    }

    private static String goTime(Instant t) {
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.append('Z').toString();
    }
}
