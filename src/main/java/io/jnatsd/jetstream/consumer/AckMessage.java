package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.config.ConfDurations;

import java.nio.charset.StandardCharsets;

/**
 * Twin of the body switch of {@code processAck} and the delay parsing of {@code processNak} in
 * {@code server/consumer.go}: what an ack message asks for.
 *
 * <ul>
 *   <li>empty, {@code +ACK}, {@code +OK}: ack</li>
 *   <li>{@code -NAK}, optionally followed by {@code {"delay": nanos}} or a Go duration: redeliver (later)</li>
 *   <li>{@code +WPI}: still working, restart the ack wait</li>
 *   <li>{@code +NXT}, optionally followed by a batch number or a pull request JSON: ack and pull more</li>
 *   <li>{@code +TERM}, optionally followed by a reason: stop redelivering</li>
 * </ul>
 *
 * @param kind        what is asked
 * @param delayNanos  for NAK: the requested delay, or -1 for none (also when it does not parse)
 * @param text        for TERM the reason, for NEXT the request that follows, else ""
 */
public record AckMessage(Kind kind, long delayNanos, String text) {

    /** The ack kinds. */
    public enum Kind {
        /** Acknowledged. */
        ACK,
        /** Negatively acknowledged: redeliver. */
        NAK,
        /** Work in progress: restart the ack wait. */
        PROGRESS,
        /** Ack and request the next message(s). */
        NEXT,
        /** Terminate: never redeliver. */
        TERM,
        /** Not an ack body the reference knows; ignored. */
        UNKNOWN
    }

    private static final AckMessage ACK = new AckMessage(Kind.ACK, -1, "");
    private static final AckMessage PROGRESS = new AckMessage(Kind.PROGRESS, -1, "");
    private static final AckMessage UNKNOWN = new AckMessage(Kind.UNKNOWN, -1, "");

    /**
     * @param body the message payload (headers stripped)
     * @return what it asks for
     */
    public static AckMessage parse(byte[] body) {
        if (body == null || body.length == 0 || equalsAscii(body, "+ACK") || equalsAscii(body, "+OK")) {
            return ACK;
        }
        if (startsWithAscii(body, "+NXT")) {
            return new AckMessage(Kind.NEXT, -1, rest(body, 4, false));
        }
        if (startsWithAscii(body, "-NAK")) {
            return new AckMessage(Kind.NAK, nakDelay(rest(body, 4, true)), "");
        }
        if (equalsAscii(body, "+WPI")) {
            return PROGRESS;
        }
        if (startsWithAscii(body, "+TERM")) {
            return new AckMessage(Kind.TERM, -1, rest(body, 5, true));
        }
        return UNKNOWN;
    }

    private static long nakDelay(String arg) {
        if (arg.isEmpty()) {
            return -1;
        }
        try {
            if (arg.charAt(0) == '{') {
                JsonNode n = ConsumerJson.MAPPER.readTree(arg);
                JsonNode d = n.get("delay");
                return d == null || !d.canConvertToLong() ? 0 : d.asLong();
            }
            return ConfDurations.parseNanos(arg);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    private static String rest(byte[] body, int from, boolean trim) {
        String s = new String(body, from, body.length - from, StandardCharsets.UTF_8);
        return trim ? s.strip() : s;
    }

    private static boolean equalsAscii(byte[] b, String s) {
        return b.length == s.length() && startsWithAscii(b, s);
    }

    private static boolean startsWithAscii(byte[] b, String s) {
        if (b.length < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
