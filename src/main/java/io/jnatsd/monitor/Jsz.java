package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * Twin of {@code JSInfo} in {@code server/monitor.go}. JetStream is not built above the
 * store: the answer is the reference's for a server with JetStream disabled
 * ({@code disabled} true, zero limits, usage and counts).
 */
record Jsz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("disabled") boolean disabled,
        @JsonProperty("config") Map<String, Long> config,
        @JsonProperty("memory") long memory,
        @JsonProperty("storage") long storage,
        @JsonProperty("reserved_memory") long reservedMemory,
        @JsonProperty("reserved_storage") long reservedStorage,
        @JsonProperty("accounts") int accounts,
        @JsonProperty("ha_assets") int haAssets,
        @JsonProperty("api") Map<String, Long> api,
        @JsonProperty("streams") int streams,
        @JsonProperty("consumers") int consumers,
        @JsonProperty("messages") long messages,
        @JsonProperty("bytes") long bytes) {

    /** Decodes the reference's parameters (bad values are a 400) and answers for a server without JetStream. */
    static Jsz of(String serverId, QueryParams q) throws BadRequestException {
        for (String flag : new String[] {"accounts", "streams", "consumers", "config", "leader-only"}) {
            q.bool(flag);
        }
        q.integer("offset");
        q.integer("limit");
        Map<String, Long> config = new java.util.LinkedHashMap<>();
        config.put("max_memory", 0L);
        config.put("max_storage", 0L);
        Map<String, Long> api = new java.util.LinkedHashMap<>();
        api.put("total", 0L);
        api.put("errors", 0L);
        return new Jsz(serverId, Instant.now(), true, config, 0, 0, 0, 0, 0, 0, api, 0, 0, 0, 0);
    }
}
