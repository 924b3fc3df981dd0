package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/**
 * Twin of {@code Export} in {@code github.com/nats-io/jwt/v2} ({@code exports.go}): one entry of
 * an account JWT's {@code exports}. Immutable.
 *
 * @param name                 {@code name}, informative
 * @param service              true for {@code "type":"service"}, false for a stream
 * @param subject              the exported subject (wildcards allowed)
 * @param tokenRequired        {@code token_req}: importers must show an activation token
 * @param revocations          {@code revocations}: importing account (or {@code *}) to the Unix second before
 *                             which its activation tokens are revoked
 * @param responseType         {@code response_type} ({@code Singleton}, {@code Stream}, {@code Chunked}); empty
 *                             for the default
 * @param responseThresholdNanos {@code response_threshold}, a Go duration in nanoseconds; 0 for the default
 * @param latencySampling      {@code service_latency.sampling}: 1 to 100, {@link #SAMPLING_HEADERS}, or
 *                             {@link #NO_LATENCY} without {@code service_latency}
 * @param latencyResults       {@code service_latency.results}: where measurements go, or empty
 * @param accountTokenPosition {@code account_token_position}: the 1-based token of the import subject that must
 *                             be the importer's key; 0 for none
 * @param allowTrace           {@code allow_trace}
 */
public record ExportClaim(String name, boolean service, String subject, boolean tokenRequired,
                          Map<String, Long> revocations, String responseType, long responseThresholdNanos,
                          int latencySampling, String latencyResults, int accountTokenPosition, boolean allowTrace) {

    /** {@code "sampling": "headers"}: the request's tracing headers decide. */
    public static final int SAMPLING_HEADERS = 0;
    /** No {@code service_latency} in the export. */
    public static final int NO_LATENCY = -1;

    public ExportClaim {
        revocations = Map.copyOf(revocations);
    }

    static ExportClaim of(JsonNode e) {
        Map<String, Long> revoked = new HashMap<>();
        e.path("revocations").properties().forEach(r -> revoked.put(r.getKey(), r.getValue().asLong()));
        JsonNode latency = e.path("service_latency");
        int sampling = NO_LATENCY;
        if (latency.isObject()) {
            JsonNode s = latency.path("sampling");
            sampling = s.isTextual() && "headers".equalsIgnoreCase(s.asText()) ? SAMPLING_HEADERS : s.asInt(100);
        }
        return new ExportClaim(e.path("name").asText(""), "service".equals(e.path("type").asText()),
                e.path("subject").asText(""), e.path("token_req").asBoolean(false), revoked,
                e.path("response_type").asText(""), e.path("response_threshold").asLong(0), sampling,
                latency.path("results").asText(""), e.path("account_token_position").asInt(0),
                e.path("allow_trace").asBoolean(false));
    }

    /** Whether an activation of {@code importer} issued at {@code issuedAt} is revoked ({@code isRevoked}). */
    public boolean revoked(String importer, long issuedAt) {
        Long at = revocations.get(importer);
        if (at != null && at >= issuedAt) {
            return true;
        }
        Long all = revocations.get(AccountClaims.ALL_USERS);
        return all != null && all >= issuedAt;
    }
}
