package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code Gatewayz} in {@code server/monitor.go}. Gateways are not built: the answer
 * is the reference's for a server without a gateway (no name, host or port; empty maps).
 */
record Gatewayz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("outbound_gateways") Map<String, Object> outbound,
        @JsonProperty("inbound_gateways") Map<String, List<Object>> inbound) {

    static Gatewayz of(String serverId, QueryParams q) throws BadRequestException {
        q.bool("accs");
        return new Gatewayz(serverId, Instant.now(), Map.of(), Map.of());
    }
}
