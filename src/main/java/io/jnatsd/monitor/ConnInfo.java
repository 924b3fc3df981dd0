package io.jnatsd.monitor;

import io.jnatsd.server.GoDurations;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.account.Account;
import io.jnatsd.server.ClientSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * Twin of {@code ConnInfo} in {@code server/monitor.go}: one connection in /connz, with
 * the reference's field names, order and omit-when-empty rules. TLS, JWT and MQTT fields
 * stay out until those features exist (the reference omits them when empty too).
 */
record ConnInfo(
        @JsonProperty("cid") long cid,
        @JsonProperty("kind") String kind,
        @JsonProperty("type") String type,
        @JsonProperty("ip") String ip,
        @JsonProperty("port") int port,
        @JsonProperty("start") Instant start,
        @JsonProperty("last_activity") Instant lastActivity,
        @JsonProperty("stop") @JsonInclude(JsonInclude.Include.NON_NULL) Instant stop,
        @JsonProperty("reason") @JsonInclude(JsonInclude.Include.NON_EMPTY) String reason,
        @JsonProperty("rtt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String rtt,
        @JsonProperty("uptime") String uptime,
        @JsonProperty("idle") String idle,
        @JsonProperty("pending_bytes") long pendingBytes,
        @JsonProperty("in_msgs") long inMsgs,
        @JsonProperty("out_msgs") long outMsgs,
        @JsonProperty("in_bytes") long inBytes,
        @JsonProperty("out_bytes") long outBytes,
        @JsonProperty("subscriptions") int subscriptions,
        @JsonProperty("name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
        @JsonProperty("lang") @JsonInclude(JsonInclude.Include.NON_EMPTY) String lang,
        @JsonProperty("version") @JsonInclude(JsonInclude.Include.NON_EMPTY) String version,
        @JsonProperty("authorized_user") @JsonInclude(JsonInclude.Include.NON_EMPTY) String authorizedUser,
        @JsonProperty("account") @JsonInclude(JsonInclude.Include.NON_EMPTY) String account,
        @JsonProperty("subscriptions_list") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> subs,
        @JsonProperty("subscriptions_list_detail") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<SubDetail> subsDetail,
        @JsonIgnore long rttNanos) {

    /** What the reference's {@code kindString} and {@code clientTypeString} say of a client. */
    static final String KIND_CLIENT = "Client";
    static final String TYPE_NATS = "nats";

    /**
     * Builds the entry for {@code c} as seen at {@code now}: uptime and idle run to the stop
     * time for a closed connection.
     */
    static ConnInfo of(ClientSnapshot c, Instant now, ConnzOptions opts) {
        Instant end = c.stop() != null ? c.stop() : now;
        List<String> subs = List.of();
        List<SubDetail> detail = List.of();
        if (opts.subsDetail()) {
            detail = c.subscriptions().stream().map(s -> SubDetail.of(s, c.cid())).toList();
        } else if (opts.subs()) {
            subs = c.subscriptions().stream().map(s -> s.subject()).toList();
        }
        String user = opts.auth() ? c.user() : "";
        String account = opts.auth() && !Account.GLOBAL_ACCOUNT_NAME.equals(c.account()) ? c.account() : "";
        return new ConnInfo(c.cid(), KIND_CLIENT, TYPE_NATS, c.ip(), c.port(), c.start(), c.lastActivity(), c.stop(),
                c.reason(), GoDurations.string(c.rttNanos()), GoDurations.uptime(nanosBetween(c.start(), end)),
                GoDurations.uptime(nanosBetween(c.lastActivity(), end)), c.pendingBytes(), c.inMsgs(), c.outMsgs(),
                c.inBytes(), c.outBytes(), c.subscriptions().size(), c.name(), c.lang(), c.version(), user, account,
                subs, detail, c.rttNanos());
    }

    private static long nanosBetween(Instant from, Instant to) {
        return java.time.Duration.between(from, to).toNanos();
    }
}
