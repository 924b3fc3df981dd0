package io.jnatsd.account.resolver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON of the claims requests' answers, with the reference's field names
 * ({@code ServerAPIClaimUpdateResponse}, {@code ClaimUpdateStatus}, {@code ClaimUpdateError}
 * in {@code server/accounts.go}, and the list answer of {@code handleListRequest}). Stateless.
 */
final class ClaimsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimsJson() {
    }

    /** Twin of {@code ServerInfo} in {@code server/events.go}, for what a single server knows. */
    record ServerInfo(@JsonProperty("name") String name,
                      @JsonProperty("host") String host,
                      @JsonProperty("id") String id,
                      @JsonProperty("ver") String version,
                      @JsonProperty("jetstream") boolean jetStream,
                      @JsonProperty("flags") int flags,
                      @JsonProperty("seq") long seq,
                      @JsonProperty("time") String time) {
    }

    /** Twin of {@code ClaimUpdateStatus}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Status(@JsonProperty("account") String account,
                  @JsonProperty("code") int code,
                  @JsonProperty("message") String message) {
    }

    /** Twin of {@code ClaimUpdateError}. */
    record Error(@JsonProperty("account") @JsonInclude(JsonInclude.Include.NON_EMPTY) String account,
                 @JsonProperty("code") int code,
                 @JsonProperty("description") @JsonInclude(JsonInclude.Include.NON_EMPTY) String description) {
    }

    /** Twin of {@code ServerAPIClaimUpdateResponse}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UpdateResponse(@JsonProperty("server") ServerInfo server,
                          @JsonProperty("data") Status data,
                          @JsonProperty("error") Error error) {
    }

    /** The answer to {@code $SYS.REQ.CLAIMS.LIST}. */
    record ListResponse(@JsonProperty("server") ServerInfo server,
                        @JsonProperty("data") List<String> data) {
    }

    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
