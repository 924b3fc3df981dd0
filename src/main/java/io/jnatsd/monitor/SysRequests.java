package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code zReq} and {@code filterRequest} in {@code server/events.go}: answers a
 * {@code $SYS.REQ.SERVER...} or {@code $SYS.REQ.ACCOUNT...} monitoring request with the same
 * JSON as the HTTP endpoint, wrapped as {@code {"server":{...},"data":{...}}}. The request body
 * holds the endpoint's options as JSON (the reference's {@code ConnzEventOptions} and the like)
 * plus the filters {@code server_name} and {@code host}.
 *
 * <p>Thread-safe; blocks while connections are snapshotted, so never on an I/O thread.
 */
final class SysRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Endpoint names of the requests, as the subjects spell them. */
    static final List<String> SERVER_ENDPOINTS = List.of("STATSZ", "VARZ", "SUBSZ", "CONNZ", "ROUTEZ", "GATEWAYZ",
            "LEAFZ", "ACCOUNTZ", "JSZ", "HEALTHZ", "EXPVARZ", "IPQUEUESZ");
    static final List<String> ACCOUNT_ENDPOINTS = List.of("SUBSZ", "CONNZ", "LEAFZ", "JSZ", "INFO", "STATZ");
    /** What {@code zReq} puts in {@code error.code} when the answer itself fails. */
    static final int INTERNAL_ERROR = 500;

    private final NatsServer server;
    private final MonitorEndpoints endpoints;

    SysRequests(NatsServer server, MonitorEndpoints endpoints) {
        this.server = server;
        this.endpoints = endpoints;
    }

    /**
     * The answer to endpoint {@code name} with the JSON options in {@code body}, scoped to
     * {@code account} when not null; null when the filters say this server is not asked.
     */
    SysEventJson.ApiResponse answer(String name, String account, byte[] body, SysEventJson.ServerJson me)
            throws InterruptedException {
        Map<String, List<String>> query = new HashMap<>();
        if (body != null && body.length > 0) {
            JsonNode opts;
            try {
                opts = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new SysEventJson.ApiResponse(me, null, new SysEventJson.ApiError(400, e.getMessage()));
            }
            if (opts != null && opts.isObject()) {
                if (filteredOut(opts)) {
                    return null;
                }
                toQuery(opts, query);
            }
        }
        if (account != null && SysAccountAnswers.OWN.contains(name)) {
            return new SysAccountAnswers(server).answer(name, account, body, new QueryParams(query), me);
        }
        if (account != null) {
            query.put("acc", List.of(account));
        }
        if (name.equals("SUBSZ")) {
            // The reference's request answers with the whole Subsz; /subsz drops to the statistics on an empty page.
            try {
                return new SysEventJson.ApiResponse(me, JSON.readTree(MonitorJson.compact(
                        Subsz.full(server, new QueryParams(query)))), null);
            } catch (BadRequestException e) {
                return new SysEventJson.ApiResponse(me, null, new SysEventJson.ApiError(400, e.getMessage()));
            } catch (IOException e) {
                return new SysEventJson.ApiResponse(me, null, new SysEventJson.ApiError(500, e.getMessage()));
            }
        }
        MonitorResponse r = endpoints.handle(pathOf(name), new QueryParams(query), "");
        if (r.status() == 400 && Jsz.NOT_LEADER.equals(new String(r.body(), StandardCharsets.UTF_8))) {
            return null;
        }
        if (!r.contentType().startsWith(MonitorResponse.JSON)) {
            return new SysEventJson.ApiResponse(me, null,
                    new SysEventJson.ApiError(r.status(), new String(r.body(), StandardCharsets.UTF_8).trim()));
        }
        try {
            return new SysEventJson.ApiResponse(me, JSON.readTree(r.body()), null);
        } catch (IOException e) {
            return new SysEventJson.ApiResponse(me, null, new SysEventJson.ApiError(500, e.getMessage()));
        }
    }

    /** The HTTP path that answers the request endpoint {@code name}. */
    private static String pathOf(String name) {
        return switch (name) {
            case "EXPVARZ" -> MonitorPaths.EXPVARZ;
            default -> "/" + name.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The reference's filterRequest, for the filters a single server can answer: name and host. */
    private boolean filteredOut(JsonNode opts) {
        String name = opts.path("server_name").asText("");
        if (!name.isEmpty() && (server.info() == null || !server.info().serverName().contains(name))) {
            return true;
        }
        String host = opts.path("host").asText("");
        return !host.isEmpty() && !server.options().host().contains(host);
    }

    /** The JSON options as the query parameters of the HTTP endpoint. */
    private static void toQuery(JsonNode opts, Map<String, List<String>> query) {
        Iterator<Map.Entry<String, JsonNode>> it = opts.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            String value = v.isTextual() ? v.asText() : v.toString();
            switch (key) {
                case "server_name", "host", "cluster", "tags", "domain" -> {
                    // filters, handled above
                }
                case "subscriptions" -> put(query, "subs", value);
                case "subscriptions_detail" -> {
                    if (v.asBoolean()) {
                        query.put("subs", new ArrayList<>(List.of("detail")));
                    }
                }
                case "account" -> put(query, "acc", value);
                case "leader_only" -> put(query, "leader-only", value);
                case "consumer" -> put(query, "consumers", value);
                case "direct_consumer" -> put(query, "direct-consumers", value);
                case "stream_leader_only" -> put(query, "stream-leader-only", value);
                case "filter" -> put(query, "queues", value);
                default -> put(query, key, value);
            }
        }
    }

    private static void put(Map<String, List<String>> query, String key, String value) {
        if (!query.containsKey(key)) {
            query.put(key, new ArrayList<>(List.of(value)));
        }
    }
}
