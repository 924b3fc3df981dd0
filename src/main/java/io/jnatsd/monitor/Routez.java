package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code Routez} in {@code server/monitor.go}: the routes of this server
 * ({@link RoutesView}), with each peer's announced subjects when {@code subs=1}.
 */
record Routez(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("num_routes") int numRoutes,
        @JsonProperty("routes") List<Map<String, Object>> routes) {

    static Routez of(io.jnatsd.server.NatsServer server, QueryParams q) throws BadRequestException {
        boolean subs = q.subsList() || q.subsDetail();
        List<Map<String, Object>> routes = RoutesView.routes(server, subs);
        return new Routez(server.serverId(), Instant.now(), routes.size(), routes);
    }
}
