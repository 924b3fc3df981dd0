package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.server.ClientSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Twin of {@code Connz} in {@code server/monitor.go}: the /connz answer and the filtering,
 * sorting and paging that build it. {@code total} counts what the state and account filters
 * let through, before paging and before the cid and user filters, as the reference does.
 */
record Connz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("num_connections") int numConnections,
        @JsonProperty("total") int total,
        @JsonProperty("offset") int offset,
        @JsonProperty("limit") int limit,
        @JsonProperty("connections") List<ConnInfo> connections) {

    /**
     * Builds the page.
     *
     * @param open    snapshots of the open connections
     * @param closed  the closed ones, oldest first
     */
    static Connz build(String serverId, List<ClientSnapshot> open, List<ClientSnapshot> closed, ConnzOptions o) {
        Instant now = Instant.now();
        List<ClientSnapshot> picked = new ArrayList<>();
        if (o.state() != QueryParams.ConnState.CLOSED) {
            picked.addAll(open);
        }
        if (o.state() != QueryParams.ConnState.OPEN) {
            picked.addAll(closed);
        }
        int total = (int) picked.stream().filter(c -> matchesAccount(c, o)).count();
        List<ConnInfo> infos = new ArrayList<>();
        for (ClientSnapshot c : picked) {
            if (matches(c, o)) {
                infos.add(ConnInfo.of(c, now, o));
            }
        }
        infos.sort(o.sort().order());
        int from = Math.min(o.offset(), infos.size());
        int to = (int) Math.min((long) o.offset() + o.limit(), infos.size());
        List<ConnInfo> page = List.copyOf(infos.subList(from, to));
        return new Connz(serverId, now, page.size(), total, o.offset(), o.limit(), page);
    }

    private static boolean matchesAccount(ClientSnapshot c, ConnzOptions o) {
        return o.account().isEmpty() || o.account().equals(c.account());
    }

    private static boolean matches(ClientSnapshot c, ConnzOptions o) {
        if (o.cid() > 0 && c.cid() != o.cid()) {
            return false;
        }
        if (!matchesAccount(c, o)) {
            return false;
        }
        return (o.user().isEmpty() || o.user().equals(c.user())) && o.mqttClient().isEmpty();
    }
}
