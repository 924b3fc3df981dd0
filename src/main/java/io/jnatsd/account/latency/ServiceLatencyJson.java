package io.jnatsd.account.latency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.server.ClientSnapshot;
import io.jnatsd.server.GoTimes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Twin of {@code ServiceLatency} in {@code server/accounts.go} and of the {@code ClientInfo} it
 * carries ({@code server/events.go}): the JSON a latency measurement is published as, with Go's
 * field names, durations in nanoseconds and times in RFC 3339 with nanoseconds. Stateless.
 */
final class ServiceLatencyJson {

    /** The reference's {@code ServiceLatencyType}. */
    static final String TYPE = "io.nats.server.metric.v1.service_latency";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceLatencyJson() {
    }

    /**
     * One measurement.
     *
     * @param status      200, or the reference's 400/408/503/504
     * @param error       the status text for a failure ({@code description}), or null
     * @param requestor   the requestor's info, or null
     * @param responder   the responder's info, or null
     * @param header      the tracing headers that made the sample, or null
     * @param start       when the request started (its arrival less the requestor's RTT)
     * @param serviceNanos the responder's share
     * @param systemNanos  the server's share
     * @param totalNanos   the whole
     */
    record Measurement(int status, String error, ObjectNode requestor, ObjectNode responder,
                       Map<String, List<String>> header, Instant start, long serviceNanos, long systemNanos,
                       long totalNanos) {
    }

    static byte[] encode(Measurement m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", TYPE);
        o.put("id", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
        o.put("timestamp", GoTimes.format(Instant.now()));
        o.put("status", m.status());
        if (m.error() != null) {
            o.put("description", m.error());
        }
        if (m.requestor() != null) {
            o.set("requestor", m.requestor());
        }
        if (m.responder() != null) {
            o.set("responder", m.responder());
        }
        if (m.header() != null && !m.header().isEmpty()) {
            o.set("header", JSON.valueToTree(m.header()));
        }
        o.put("start", GoTimes.format(m.start()));
        o.put("service", Math.max(0, m.serviceNanos()));
        o.put("system", Math.max(0, m.systemNanos()));
        o.put("total", m.totalNanos());
        try {
            return JSON.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code getClientInfo}: the account and RTT always, the rest when {@code detailed} (the
     * responder, or a requestor whose import shares).
     */
    static ObjectNode clientInfo(ClientSnapshot c, boolean detailed, String serverName) {
        ObjectNode o = JSON.createObjectNode();
        if (detailed) {
            o.put("start", GoTimes.format(c.start()));
            putIfSet(o, "host", c.ip());
            o.put("id", c.cid());
        }
        o.put("acc", c.account());
        if (detailed) {
            putIfSet(o, "user", c.user());
            putIfSet(o, "name", c.name());
            putIfSet(o, "lang", c.lang());
            putIfSet(o, "ver", c.version());
        }
        if (c.rttNanos() != 0) {
            o.put("rtt", c.rttNanos());
        }
        if (detailed) {
            o.put("server", serverName);
            o.put("kind", "Client");
            o.put("client_type", "nats");
        }
        return o;
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(field, value);
        }
    }
}
