package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * Twin of {@code AccountDetail} and {@code StreamDetail} in {@code server/monitor.go}: one
 * account's JetStream usage in /jsz ({@code account_details}) and in the answer to
 * {@code $SYS.REQ.ACCOUNT.<acc>.JSZ}. The reserved sizes are the account's limits as the
 * reference writes them, unsigned: an unlimited account shows 18446744073709551615.
 *
 * @param name            the account name
 * @param id              the account id (its name: there are no name tags)
 * @param memory          bytes held by memory streams
 * @param storage         bytes held by file streams
 * @param reservedMemory  the memory limit, unsigned
 * @param reservedStorage the storage limit, unsigned
 * @param accounts        always 0 for one account, as the reference
 * @param haAssets        replicated assets: none on a lone server
 * @param api             the account's $JS.API counters
 * @param streams         the streams, when asked
 */
record JszAccountDetail(
        @JsonProperty("name") String name,
        @JsonProperty("id") String id,
        @JsonProperty("memory") long memory,
        @JsonProperty("storage") long storage,
        @JsonProperty("reserved_memory") BigInteger reservedMemory,
        @JsonProperty("reserved_storage") BigInteger reservedStorage,
        @JsonProperty("accounts") int accounts,
        @JsonProperty("ha_assets") int haAssets,
        @JsonProperty("api") ApiStats api,
        @JsonProperty("stream_detail") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StreamDetail> streams) {

    /**
     * Twin of {@code JetStreamAPIStats}.
     *
     * @param level  the API level this server implements
     * @param total  requests handled
     * @param errors requests answered with an error
     */
    record ApiStats(@JsonProperty("level") int level, @JsonProperty("total") long total,
                    @JsonProperty("errors") long errors) {
    }

    /**
     * Twin of {@code StreamDetail}.
     *
     * @param name      the stream name
     * @param created   when it was created
     * @param cluster   {@code {"leader": <this server>}}
     * @param config    its config, when asked
     * @param state     its state, as stream info shows it
     * @param consumers its consumers' infos, when asked
     * @param mirror    the mirror's state, or null
     * @param sources   the sources' states, or empty
     */
    record StreamDetail(
            @JsonProperty("name") String name,
            @JsonProperty("created") Instant created,
            @JsonProperty("cluster") JsonNode cluster,
            @JsonProperty("config") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode config,
            @JsonProperty("state") JsonNode state,
            @JsonProperty("consumer_detail") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JsonNode> consumers,
            @JsonProperty("mirror") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode mirror,
            @JsonProperty("sources") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JsonNode> sources) {
    }
}
