package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code Leafz} in {@code server/monitor.go}. Leaf nodes are not built: the answer
 * is the reference's for a server without them, where the list is Go's nil slice, written
 * {@code null}.
 */
record Leafz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("leafnodes") int numLeafs,
        @JsonProperty("leafs") List<Map<String, Object>> leafs) {

    static Leafz of(String serverId, QueryParams q) throws BadRequestException {
        q.bool("subs");
        return new Leafz(serverId, Instant.now(), 0, null);
    }
}
