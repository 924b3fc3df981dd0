package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.AccountJetStream;
import io.jnatsd.account.JetStreamAccountLimits;
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

    /** What the top-level {@code limits} show when the account's limits are tiered (Go's zero value). */
    private static final JetStreamAccountLimits NO_LIMITS = new JetStreamAccountLimits(0, 0, 0, 0, 0, 0, 0, false);

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
        AccountJetStream js = a.jetStream();
        ObjectNode out = JsJson.object();
        out.put("memory", a.bytesUsed(true, ""));
        out.put("storage", a.bytesUsed(false, ""));
        out.put("reserved_memory", a.bytesReserved(true, ""));
        out.put("reserved_storage", a.bytesReserved(false, ""));
        out.put("streams", a.size());
        out.put("consumers", consumers(a, null));
        JetStreamAccountLimits untiered = js.tiers().get(AccountJetStream.DEFAULT_TIER);
        putLimits(out.putObject("limits"), untiered != null ? untiered : NO_LIMITS);
        if (!domain.isEmpty()) {
            out.put("domain", domain);
        }
        JsApiRouter.ApiStats st = router.stats(a.account().name());
        ObjectNode api = out.putObject("api");
        api.put("level", io.jnatsd.server.ServerInfo.JS_API_LEVEL);
        api.put("total", st.total().sum());
        api.put("errors", st.errors().sum());
        if (untiered == null) {
            ObjectNode tiers = out.putObject("tiers");
            js.tiers().forEach((name, limits) -> tiers.set(name, tier(a, name, limits)));
        }
        return out;
    }

    /** One entry of {@code tiers} ({@code JetStreamTier}). */
    private static ObjectNode tier(AccountStreams a, String name, JetStreamAccountLimits limits) {
        ObjectNode t = JsJson.object();
        t.put("memory", a.bytesUsed(true, name));
        t.put("storage", a.bytesUsed(false, name));
        t.put("reserved_memory", a.bytesReserved(true, name));
        t.put("reserved_storage", a.bytesReserved(false, name));
        int streams = 0;
        for (Stream s : a.streams()) {
            if (name.equals(AccountJetStream.tierName(s.config().numReplicas()))) {
                streams++;
            }
        }
        t.put("streams", streams);
        t.put("consumers", consumers(a, name));
        putLimits(t.putObject("limits"), limits);
        return t;
    }

    private static int consumers(AccountStreams a, String tier) {
        int n = 0;
        for (Stream s : a.streams()) {
            if (tier == null || tier.equals(AccountJetStream.tierName(s.config().numReplicas()))) {
                n += s.consumers().size();
            }
        }
        return n;
    }

    private static void putLimits(ObjectNode limits, JetStreamAccountLimits l) {
        limits.put("max_memory", l.maxMemoryBytes());
        limits.put("max_storage", l.maxStoreBytes());
        limits.put("max_streams", l.maxStreams());
        limits.put("max_consumers", l.maxConsumers());
        limits.put("max_ack_pending", l.maxAckPending());
        limits.put("memory_max_stream_bytes", l.memoryMaxStreamBytes());
        limits.put("storage_max_stream_bytes", l.storeMaxStreamBytes());
        limits.put("max_bytes_required", l.maxBytesRequired());
    }
}
