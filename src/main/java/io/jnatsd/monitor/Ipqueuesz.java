package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.server.NatsServer;

import java.util.Map;
import java.util.TreeMap;

/**
 * Twin of {@code Ipqueuesz} and {@code IpqueueszStatusIPQ} in {@code server/monitor.go}: the
 * server's internal work queues by name with what waits in each ({@code pending}) and what is
 * being worked on ({@code in_progress}, left out when 0). jnatsd's queues are the reference's
 * where they do the same job: {@code Routed JS API Requests} (the $JS.API workers),
 * {@code System recvQ} (the system account's request worker) and
 * {@code [ACC:<acc>] stream '<name>' messages} (a stream's ingest queue). As the reference,
 * empty queues are listed only with {@code all=1}, and {@code queues=<text>} keeps the names
 * that contain the text. Stateless.
 */
final class Ipqueuesz {

    /** One queue's depth. */
    record Queue(@JsonProperty("pending") int pending,
                 @JsonProperty("in_progress") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int inProgress) {
    }

    private Ipqueuesz() {
    }

    /** Decodes {@code all} (a bad boolean is the reference's 400) and {@code queues}, and lists. */
    static Map<String, Queue> of(NatsServer server, QueryParams q) throws BadRequestException {
        boolean all = q.bool("all");
        String filter = q.get("queues");
        Map<String, Queue> out = new TreeMap<>();
        server.module(SystemEvents.class).ifPresent(se -> add(out, all, filter, "System recvQ", se.pendingWork(), 0));
        server.module(JetStreamModule.class).ifPresent(js -> {
            if (js.router() != null) {
                add(out, all, filter, "Routed JS API Requests", js.router().pendingRequests(),
                        js.router().requestsInProgress());
            }
            if (js.engine() != null) {
                for (AccountStreams a : js.engine().accounts()) {
                    for (Stream s : a.streams()) {
                        add(out, all, filter, "[ACC:" + a.account().name() + "] stream '" + s.name() + "' messages",
                                s.pendingIngest(), 0);
                    }
                }
            }
        });
        return out;
    }

    private static void add(Map<String, Queue> out, boolean all, String filter, String name, int pending,
                            int inProgress) {
        if (!all && pending == 0 && inProgress == 0) {
            return;
        }
        if (!filter.isEmpty() && !name.contains(filter)) {
            return;
        }
        out.put(name, new Queue(pending, inProgress));
    }
}
