package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.account.Account;
import io.jnatsd.server.NatsServer;

import java.time.Instant;
import java.util.List;

/**
 * Twin of {@code Accountz} and {@code AccountInfo} in {@code server/monitor.go}: the list of
 * account names, or with {@code acc} the detail of one. There is no system account until
 * the security work builds it, so {@code system_account} is left out, as the reference does
 * without one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Accountz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("system_account") String systemAccount,
        @JsonProperty("accounts") List<String> accounts,
        @JsonProperty("account_detail") Detail detail) {

    /** One account in detail; imports, exports and JWT fields are empty (omitted) until they exist. */
    record Detail(
            @JsonProperty("account_name") String name,
            @JsonProperty("update_time") Instant updateTime,
            @JsonProperty("expired") boolean expired,
            @JsonProperty("complete") boolean complete,
            @JsonProperty("jetstream_enabled") boolean jetStreamEnabled,
            @JsonProperty("leafnode_connections") int leafnodeConnections,
            @JsonProperty("client_connections") int clientConnections,
            @JsonProperty("subscriptions") int subscriptions,
            @JsonProperty("sublist_stats") SublistStatz sublistStats) {
    }

    static Accountz of(NatsServer server, QueryParams q) throws BadRequestException {
        String acc = q.get("acc");
        if (acc.isEmpty()) {
            return new Accountz(server.serverId(), Instant.now(), systemAccount(server),
                    server.accounts().stream().map(Account::name).toList(), null);
        }
        for (Account a : server.accounts()) {
            if (a.name().equals(acc)) {
                Detail d = new Detail(a.name(), server.startTime(), false, true, false, 0, a.numClients(),
                        a.sublist().count(), SublistStatz.of(a.sublist().stats()));
                return new Accountz(server.serverId(), Instant.now(), systemAccount(server), null, d);
            }
        }
        throw new BadRequestException("Account " + acc + " does not exist");
    }

    private static String systemAccount(NatsServer server) {
        Account sys = server.accountRegistry().system();
        return sys == null ? null : sys.name();
    }
}
