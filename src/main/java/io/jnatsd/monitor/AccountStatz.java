package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.account.Account;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerStats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code AccountStatz} and {@code AccountStat} ({@code server/monitor.go},
 * {@code server/events.go}): per-account connections and traffic. jnatsd has one account,
 * the global one, so its traffic is the server's; accounts without connections are listed
 * only with {@code unused=1}, as in the reference.
 */
record AccountStatz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("account_statz") List<Stat> accounts) {

    /** One account's line. */
    record Stat(
            @JsonProperty("acc") String account,
            @JsonProperty("conns") int conns,
            @JsonProperty("leafnodes") int leafnodes,
            @JsonProperty("total_conns") int totalConns,
            @JsonProperty("sent") Map<String, Long> sent,
            @JsonProperty("received") Map<String, Long> received,
            @JsonProperty("slow_consumers") long slowConsumers) {
    }

    static AccountStatz of(NatsServer server, QueryParams q) throws BadRequestException {
        boolean unused = q.bool("unused");
        List<Stat> stats = new ArrayList<>();
        ServerStats st = server.stats();
        for (Account a : server.accounts()) {
            int conns = server.numClients();
            if (conns == 0 && !unused) {
                continue;
            }
            stats.add(new Stat(a.name(), conns, 0, conns, data(st.outMsgs(), st.outBytes()),
                    data(st.inMsgs(), st.inBytes()), st.slowConsumers()));
        }
        return new AccountStatz(server.serverId(), Instant.now(), stats);
    }

    private static Map<String, Long> data(long msgs, long bytes) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("msgs", msgs);
        m.put("bytes", bytes);
        return m;
    }
}
