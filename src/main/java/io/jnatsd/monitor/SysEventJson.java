package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.server.ClientSnapshot;

import java.time.Instant;

/**
 * Twin of the message types of {@code server/events.go} (v2.9): {@code ServerInfo},
 * {@code ClientInfo}, {@code DataStats}, {@code ConnectEventMsg}, {@code DisconnectEventMsg},
 * {@code ServerStatsMsg}/{@code ServerStats} and {@code ServerAPIResponse}, with the reference's
 * field names and omit-when-empty rules.
 */
final class SysEventJson {

    /** The reference's ConnectEventMsgType. */
    static final String CONNECT_TYPE = "io.nats.server.advisory.v1.client_connect";
    /** The reference's DisconnectEventMsgType. */
    static final String DISCONNECT_TYPE = "io.nats.server.advisory.v1.client_disconnect";

    private SysEventJson() {
    }

    /** The sending server, stamped per message with a sequence and the time. */
    record ServerJson(@JsonProperty("name") String name,
                      @JsonProperty("host") String host,
                      @JsonProperty("id") String id,
                      @JsonProperty("ver") String version,
                      @JsonProperty("seq") long seq,
                      @JsonProperty("jetstream") boolean jetStream,
                      @JsonProperty("time") Instant time) {
    }

    record DataStats(@JsonProperty("msgs") long msgs, @JsonProperty("bytes") long bytes) {
    }

    record ClientInfo(@JsonProperty("start") @JsonInclude(JsonInclude.Include.NON_NULL) Instant start,
                      @JsonProperty("host") @JsonInclude(JsonInclude.Include.NON_NULL) String host,
                      @JsonProperty("id") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long id,
                      @JsonProperty("acc") String account,
                      @JsonProperty("user") @JsonInclude(JsonInclude.Include.NON_NULL) String user,
                      @JsonProperty("name") @JsonInclude(JsonInclude.Include.NON_NULL) String name,
                      @JsonProperty("lang") @JsonInclude(JsonInclude.Include.NON_NULL) String lang,
                      @JsonProperty("ver") @JsonInclude(JsonInclude.Include.NON_NULL) String version,
                      @JsonProperty("rtt") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long rttNanos,
                      @JsonProperty("server") @JsonInclude(JsonInclude.Include.NON_NULL) String server,
                      @JsonProperty("stop") @JsonInclude(JsonInclude.Include.NON_NULL) Instant stop,
                      @JsonProperty("kind") String kind,
                      @JsonProperty("client_type") String clientType) {

        static ClientInfo of(ClientSnapshot c, String serverName, boolean withStop) {
            return new ClientInfo(c.start(), emptyToNull(c.ip()), c.cid(), c.account(), emptyToNull(c.user()),
                    emptyToNull(c.name()), emptyToNull(c.lang()), emptyToNull(c.version()),
                    withStop ? c.rttNanos() : 0, withStop ? serverName : null, withStop ? c.stop() : null, "Client",
                    "nats");
        }

        /** The same client as told to {@code acc}, stopped at {@code stopped} (an auth error event). */
        ClientInfo inAccount(String acc, String serverName, Instant stopped) {
            return new ClientInfo(start, host, id, acc, user, name, lang, version, rttNanos, serverName, stopped, kind,
                    clientType);
        }
    }

    record ConnectEvent(@JsonProperty("type") String type,
                        @JsonProperty("id") String id,
                        @JsonProperty("timestamp") Instant timestamp,
                        @JsonProperty("server") ServerJson server,
                        @JsonProperty("client") ClientInfo client) {
    }

    record DisconnectEvent(@JsonProperty("type") String type,
                           @JsonProperty("id") String id,
                           @JsonProperty("timestamp") Instant timestamp,
                           @JsonProperty("server") ServerJson server,
                           @JsonProperty("client") ClientInfo client,
                           @JsonProperty("sent") DataStats sent,
                           @JsonProperty("received") DataStats received,
                           @JsonProperty("reason") String reason) {
    }

    record Statsz(@JsonProperty("start") Instant start,
                  @JsonProperty("mem") long mem,
                  @JsonProperty("cores") int cores,
                  @JsonProperty("cpu") double cpu,
                  @JsonProperty("connections") int connections,
                  @JsonProperty("total_connections") long totalConnections,
                  @JsonProperty("active_accounts") int activeAccounts,
                  @JsonProperty("subscriptions") long subscriptions,
                  @JsonProperty("sent") DataStats sent,
                  @JsonProperty("received") DataStats received,
                  @JsonProperty("slow_consumers") long slowConsumers,
                  @JsonProperty("active_servers") int activeServers) {
    }

    record ServerStatsMsg(@JsonProperty("server") ServerJson server, @JsonProperty("statsz") Statsz stats) {
    }

    record ApiError(@JsonProperty("code") int code, @JsonProperty("description") String description) {
    }

    /** {@code ServerAPIResponse}: the answer to a {@code $SYS.REQ.SERVER...} request. */
    record ApiResponse(@JsonProperty("server") ServerJson server,
                       @JsonProperty("data") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode data,
                       @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_NULL) ApiError error) {
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
