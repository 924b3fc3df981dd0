package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.account.Account;
import io.jnatsd.account.AccountTraffic;
import io.jnatsd.server.NatsServer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Twin of {@code AccountStatz}, {@code AccountStat} and {@code Account.statz}
 * ({@code server/monitor.go}, {@code server/events.go}): each account's connections,
 * subscriptions and traffic ({@link AccountTraffic}: {@code received} is what its clients
 * published, {@code sent} the deliveries those publishes made, as the reference counts them).
 * Accounts without connections are listed only with {@code unused=1}, as in the reference.
 */
record AccountStatz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("account_statz") List<Stat> accounts) {

    /** One account's line. */
    record Stat(
            @JsonProperty("acc") String account,
            @JsonProperty("name") String name,
            @JsonProperty("conns") int conns,
            @JsonProperty("leafnodes") int leafnodes,
            @JsonProperty("total_conns") int totalConns,
            @JsonProperty("num_subscriptions") int numSubscriptions,
            @JsonProperty("sent") SysEventJson.DataStats sent,
            @JsonProperty("received") SysEventJson.DataStats received,
            @JsonProperty("slow_consumers") long slowConsumers) {

        static Stat of(Account a) {
            AccountTraffic t = a.traffic();
            int conns = a.numClients();
            return new Stat(a.name(), a.name(), conns, 0, conns, a.sublist().count(),
                    new SysEventJson.DataStats(t.outMsgs(), t.outBytes()),
                    new SysEventJson.DataStats(t.inMsgs(), t.inBytes()), t.slowConsumers());
        }
    }

    static AccountStatz of(NatsServer server, QueryParams q) throws BadRequestException {
        return of(server, List.of(), q.bool("unused"));
    }

    /**
     * The accounts named in {@code only} (every account when empty) that have connections, or
     * all of them when {@code unused}; unknown names are skipped, as the reference.
     */
    static AccountStatz of(NatsServer server, List<String> only, boolean unused) {
        List<Stat> stats = new ArrayList<>();
        for (Account a : server.accounts()) {
            if ((only.isEmpty() || only.contains(a.name())) && (unused || a.numClients() > 0)) {
                stats.add(Stat.of(a));
            }
        }
        return new AccountStatz(server.serverId(), Instant.now(), stats);
    }
}
