package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.JetStreamEngine;
import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.jetstream.store.StreamState;
import io.jnatsd.server.NatsServer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twin of {@code JSInfo} and {@code Jsz} in {@code server/monitor.go}: JetStream's config, usage
 * and API counters, the totals of streams, consumers, messages and bytes over every account,
 * and, as asked, the detail of accounts, streams and consumers. A server without JetStream
 * answers {@code disabled: true} with zero values, as the reference.
 *
 * @param serverId        the server id
 * @param now             when the answer was made
 * @param disabled        true when JetStream is not running
 * @param config          the JetStream config ({@code JetStreamConfig})
 * @param memory          bytes held by memory streams
 * @param storage         bytes held by file streams
 * @param reservedMemory  bytes memory streams' {@code max_bytes} reserve
 * @param reservedStorage bytes file streams' {@code max_bytes} reserve
 * @param accounts        JetStream-enabled accounts
 * @param haAssets        replicated assets: none on a lone server
 * @param api             the $JS.API counters of every account
 * @param limits          the server's JetStream limits ({@code JSLimitOpts}; null when disabled)
 * @param streams         streams in every account
 * @param consumers       consumers of every stream
 * @param messages        messages in every stream
 * @param bytes           bytes in every stream
 * @param accountDetails  the accounts detailed, when asked
 * @param total           JetStream-enabled accounts (the reference's paging total)
 */
record Jsz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("disabled") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean disabled,
        @JsonProperty("config") Map<String, Object> config,
        @JsonProperty("memory") long memory,
        @JsonProperty("storage") long storage,
        @JsonProperty("reserved_memory") long reservedMemory,
        @JsonProperty("reserved_storage") long reservedStorage,
        @JsonProperty("accounts") int accounts,
        @JsonProperty("ha_assets") int haAssets,
        @JsonProperty("api") JszAccountDetail.ApiStats api,
        @JsonProperty("limits") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> limits,
        @JsonProperty("streams") int streams,
        @JsonProperty("consumers") int consumers,
        @JsonProperty("messages") long messages,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("account_details") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<JszAccountDetail> accountDetails,
        @JsonProperty("total") int total) {

    /** What the reference says to {@code leader-only} when JetStream is off ({@code errSkipZreq}). */
    static final String NOT_LEADER = "filtered response: not leader";

    /**
     * Decodes the reference's parameters (bad values are a 400) and answers; {@code leader-only}
     * without JetStream is refused with {@link #NOT_LEADER}, as the reference.
     */
    static Jsz of(NatsServer server, QueryParams q) throws BadRequestException {
        JszOptions o = JszOptions.from(q);
        if (o.leaderOnly() && server.module(JetStreamModule.class).isEmpty()) {
            throw new BadRequestException(NOT_LEADER);
        }
        return server.module(JetStreamModule.class).map(m -> collect(server.serverId(), new JetStreamView(m), o))
                .orElseGet(() -> disabled(server.serverId()));
    }

    /** The reference's answer without JetStream. */
    static Jsz disabled(String serverId) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("max_memory", 0L);
        config.put("max_storage", 0L);
        return new Jsz(serverId, Instant.now(), true, config, 0, 0, 0, 0, 0, 0,
                new JszAccountDetail.ApiStats(0, 0, 0), null, 0, 0, 0, 0, List.of(), 0);
    }

    /** Twin of {@code Jsz} for a running JetStream. */
    static Jsz collect(String serverId, JetStreamView js, JszOptions o) {
        List<AccountStreams> all = js.accounts();
        long memory = 0;
        long storage = 0;
        long reservedMemory = 0;
        long reservedStorage = 0;
        long apiTotal = 0;
        long apiErrors = 0;
        int streams = 0;
        int consumers = 0;
        long messages = 0;
        long bytes = 0;
        AccountStreams filtered = null;
        for (AccountStreams a : all) {
            if (a.account().name().equals(o.account())) {
                filtered = a;
            }
            memory += a.memoryBytesUsed();
            storage += a.fileBytesUsed();
            long[] reserved = JetStreamView.reserved(a);
            reservedMemory += reserved[0];
            reservedStorage += reserved[1];
            JszAccountDetail.ApiStats api = js.api(a.account().name());
            apiTotal += api.total();
            apiErrors += api.errors();
            for (Stream s : a.streams()) {
                StreamState st = s.state();
                streams++;
                messages += st.msgs();
                bytes += st.bytes();
                consumers += st.consumers();
            }
        }
        List<JszAccountDetail> details = new ArrayList<>();
        for (AccountStreams a : page(all, filtered, o)) {
            details.add(js.detail(a, o));
        }
        return new Jsz(serverId, Instant.now(), false, config(js.module()), memory, storage, reservedMemory,
                reservedStorage, all.size(), 0,
                new JszAccountDetail.ApiStats(JetStreamView.API_LEVEL, apiTotal, apiErrors),
                new LinkedHashMap<>(), streams, consumers, messages, bytes, details, all.size());
    }

    /** The accounts to detail: the one {@code acc} names, else a page of all when asked, else none. */
    private static List<AccountStreams> page(List<AccountStreams> all, AccountStreams filtered, JszOptions o) {
        if (filtered != null) {
            return List.of(filtered);
        }
        if (!o.accounts()) {
            return List.of();
        }
        if (o.limit() <= 0) {
            return all;
        }
        int from = Math.min(o.offset(), all.size());
        return all.subList(from, Math.min(all.size(), from + o.limit()));
    }

    /**
     * Twin of {@code JetStreamVarz}: the {@code jetstream} block of /varz, {@code config},
     * {@code stats} and {@code limits} of a running JetStream, or empty without it.
     */
    static Map<String, Object> varzBlock(NatsServer server) {
        Optional<JetStreamModule> m = server.module(JetStreamModule.class);
        if (m.isEmpty() || m.get().engine() == null) {
            return Map.of();
        }
        Jsz j = collect(server.serverId(), new JetStreamView(m.get()),
                new JszOptions("", false, false, false, false, false, 0, 0));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("memory", j.memory());
        stats.put("storage", j.storage());
        stats.put("reserved_memory", j.reservedMemory());
        stats.put("reserved_storage", j.reservedStorage());
        stats.put("accounts", j.accounts());
        stats.put("ha_assets", j.haAssets());
        stats.put("api", j.api());
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("config", j.config());
        block.put("stats", stats);
        block.put("limits", j.limits());
        return block;
    }

    /** Twin of {@code JetStreamConfig}: the limits in force and where the store is. */
    static Map<String, Object> config(JetStreamModule m) {
        JetStreamEngine.Settings s = m.engine().settings();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("max_memory", JetStreamLimits.maxMemoryBytes(s.maxMemoryBytes()));
        config.put("max_storage", JetStreamLimits.maxStorageBytes(s.maxFileBytes(), s.storeDir()));
        config.put("store_dir", s.storeDir().toString());
        if (!s.domain().isEmpty()) {
            config.put("domain", s.domain());
        }
        config.put("compress_ok", true);
        return config;
    }
}
