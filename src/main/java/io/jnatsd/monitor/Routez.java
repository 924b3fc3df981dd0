package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code Routez} in {@code server/monitor.go}. Routes are not built: the answer is
 * the reference's for a server without a cluster, {@code num_routes} 0 and an empty list.
 */
record Routez(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("num_routes") int numRoutes,
        @JsonProperty("routes") List<Map<String, Object>> routes) {

    static Routez of(String serverId, QueryParams q) throws BadRequestException {
        q.subsList();
        return new Routez(serverId, Instant.now(), 0, List.of());
    }
}
