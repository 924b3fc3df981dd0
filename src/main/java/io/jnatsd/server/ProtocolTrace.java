package io.jnatsd.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Pattern;

/**
 * Twin of {@code traceInOp}, {@code traceOutOp} and {@code traceMsg} in {@code server/client.go}:
 * with {@code -V} every protocol op of a connection is logged at trace level, as
 * {@code <<- [PUB foo 5]} for what the client sent and {@code ->> [MSG foo 1 5]} for what it
 * was sent, with passwords and tokens in CONNECT redacted. Only built when tracing is on, so
 * the hot path pays one null check.
 */
final class ProtocolTrace {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolTrace.class);
    private static final Pattern SECRETS =
            Pattern.compile("(\"(?:pass|auth_token|sig|jwt)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    /** Traced payloads longer than this are cut, as {@code max_traced_msg_len} does. */
    static final int MAX_TRACED_PAYLOAD = 1024;

    private final String prefix;

    ProtocolTrace(String prefix) {
        this.prefix = prefix;
    }

    /** A tracer when {@code -V} is on, else null. */
    static ProtocolTrace ifEnabled(boolean enabled, String prefix) {
        return enabled ? new ProtocolTrace(prefix) : null;
    }

    void in(String op, String args) {
        LOG.trace("{}<<- [{}{}]", prefix, op, args == null || args.isEmpty() ? "" : " " + args);
    }

    void inConnect(String json) {
        in("CONNECT", SECRETS.matcher(json).replaceAll("$1\"[REDACTED]\""));
    }

    /** A PUB or HPUB in, with its payload. */
    void inPub(io.jnatsd.protocol.PubArgs msg) {
        String op = msg.headerSize() >= 0 ? "HPUB" : "PUB";
        String sizes = (msg.headerSize() >= 0 ? msg.headerSize() + " " : "") + msg.totalSize();
        in(op, msg.subject() + (msg.hasReply() ? " " + msg.reply() : "") + " " + sizes);
        inPayload(msg.payloadBuf().toString(msg.payloadOffset(), msg.totalSize(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    void inPayload(String payload) {
        String shown = payload.length() > MAX_TRACED_PAYLOAD ? payload.substring(0, MAX_TRACED_PAYLOAD) + "..." : payload;
        LOG.trace("{}<<- MSG_PAYLOAD: [\"{}\"]", prefix, shown.replace("\r", "\\r").replace("\n", "\\n"));
    }

    void out(String op) {
        LOG.trace("{}->> [{}]", prefix, op);
    }
}
