package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Twin of {@code JSApiConsumerGetNextRequest} and {@code nextReqFromMsg} in {@code server/consumer.go}: a pull
 * request on {@code $JS.API.CONSUMER.MSG.NEXT.<stream>.<consumer>}, as JSON or as a plain batch number.
 *
 * @param batch              messages asked for (1 when empty)
 * @param expiresNanos       how long the request waits, 0 for no expiry
 * @param maxBytes           most payload bytes to send, 0 for no bound
 * @param noWait             answer at once when nothing is there
 * @param idleHeartbeatNanos heartbeat interval while waiting, 0 for none
 * @param group              priority group, or ""
 * @param minPending         overflow: serve only when at least this many are pending
 * @param minAckPending      overflow: serve only when at least this many acks are pending
 * @param id                 pinned client id, or ""
 * @param priority           prioritized policy priority, 0-9
 * @param hasPriorityGroup   true when the request was JSON (and so carried priority fields)
 */
public record PullRequest(int batch, long expiresNanos, int maxBytes, boolean noWait, long idleHeartbeatNanos,
                          String group, long minPending, long minAckPending, String id, int priority,
                          boolean hasPriorityGroup) {

    /** The request an empty body means. */
    public static final PullRequest ONE = new PullRequest(1, 0, 0, false, 0, "", 0, 0, "", 0, false);

    /**
     * @param body the request body
     * @return the request
     * @throws IllegalArgumentException with the reference's error text (for the 400 status) when bad
     */
    public static PullRequest parse(byte[] body) {
        String s = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        if (s.isEmpty()) {
            return ONE;
        }
        if (s.charAt(0) != '{') {
            try {
                return new PullRequest(Integer.parseInt(s), 0, 0, false, 0, "", 0, 0, "", 0, false);
            } catch (NumberFormatException e) {
                return ONE;
            }
        }
        JsonNode n;
        try {
            n = ConsumerJson.MAPPER.readTree(s);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid character in request JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("json: cannot unmarshal into Go value");
        }
        long expires = n.path("expires").asLong(0);
        long hb = n.path("idle_heartbeat").asLong(0);
        if (hb > 0 && hb * 2 > expires) {
            throw new IllegalArgumentException("heartbeat value too large");
        }
        return new PullRequest(n.path("batch").asInt(0), expires, n.path("max_bytes").asInt(0),
            n.path("no_wait").asBoolean(false), hb, n.path("group").asText(""), n.path("min_pending").asLong(0),
            n.path("min_ack_pending").asLong(0), n.path("id").asText(""), n.path("priority").asInt(0), true);
    }
}
