package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.Stream;

/**
 * Twin of {@code jsAccountInfoRequest} in {@code server/jetstream_api.go}: {@code $JS.API.INFO}, the account's
 * JetStream usage ({@code JetStreamAccountStats}), limits and API counters.
 *
 * <p>Threading: stateless; runs on API workers.
 */
public final class AccountApi {
    static final String INFO_TYPE = "io.nats.jetstream.api.v1.account_info_response";

    private final JsApiRouter router;
    private final String domain;

    /**
     * @param router the router, for its counters
     * @param domain the domain, "" for none
     */
    public AccountApi(JsApiRouter router, String domain) {
        this.router = router;
        this.domain = domain;
    }

    /** Registers {@code $JS.API.INFO}. */
    public void register() {
        router.register("$JS.API.INFO", INFO_TYPE, this::info);
    }

    Object info(ApiRequest req) {
        AccountStreams a = req.account();
        long reservedMemory = 0;
        long reservedStorage = 0;
        int consumers = 0;
        for (Stream s : a.streams()) {
            long max = s.config().maxBytes();
            if (max > 0) {
                if (s.config().isMemory()) {
                    reservedMemory += max;
                } else {
                    reservedStorage += max;
                }
            }
            consumers += s.consumers().size();
        }
        ObjectNode out = JsJson.object();
        out.put("memory", a.memoryBytesUsed());
        out.put("storage", a.fileBytesUsed());
        out.put("reserved_memory", reservedMemory);
        out.put("reserved_storage", reservedStorage);
        out.put("streams", a.size());
        out.put("consumers", consumers);
        ObjectNode limits = out.putObject("limits");
        limits.put("max_memory", -1);
        limits.put("max_storage", -1);
        limits.put("max_streams", -1);
        limits.put("max_consumers", -1);
        limits.put("max_ack_pending", -1);
        limits.put("memory_max_stream_bytes", -1);
        limits.put("storage_max_stream_bytes", -1);
        limits.put("max_bytes_required", false);
        if (!domain.isEmpty()) {
            out.put("domain", domain);
        }
        JsApiRouter.ApiStats st = router.stats(a.account().name());
        ObjectNode api = out.putObject("api");
        api.put("level", io.jnatsd.server.ServerInfo.JS_API_LEVEL);
        api.put("total", st.total().sum());
        api.put("errors", st.errors().sum());
        return out;
    }
}
