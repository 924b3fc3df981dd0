package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.account.MappingConfig;
import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.server.NatsServer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code AccountInfo}, {@code ExtExport}, {@code ExtImport} and {@code accountInfo} in
 * {@code server/monitor.go}: one account as {@code /accountz?acc=} and
 * {@code $SYS.REQ.ACCOUNT.<acc>.INFO} show it: its connections, subscriptions, whether
 * JetStream is enabled for it, its mappings, exports and imports (from the conf file; jnatsd
 * has no JWT-only accounts' claims to decode), and its sublist statistics. Empty lists and maps
 * are left out, as Go's {@code omitempty}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record AccountInfo(
        @JsonProperty("account_name") String name,
        @JsonProperty("update_time") Instant updateTime,
        @JsonProperty("is_system") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean isSystem,
        @JsonProperty("expired") @JsonInclude(JsonInclude.Include.ALWAYS) boolean expired,
        @JsonProperty("complete") @JsonInclude(JsonInclude.Include.ALWAYS) boolean complete,
        @JsonProperty("jetstream_enabled") @JsonInclude(JsonInclude.Include.ALWAYS) boolean jetStreamEnabled,
        @JsonProperty("leafnode_connections") @JsonInclude(JsonInclude.Include.ALWAYS) int leafnodeConnections,
        @JsonProperty("client_connections") @JsonInclude(JsonInclude.Include.ALWAYS) int clientConnections,
        @JsonProperty("subscriptions") @JsonInclude(JsonInclude.Include.ALWAYS) int subscriptions,
        @JsonProperty("mappings") Map<String, List<MapDest>> mappings,
        @JsonProperty("exports") List<Export> exports,
        @JsonProperty("imports") List<Import> imports,
        @JsonProperty("sublist_stats") SublistStatz sublistStats) {

    /** What the reference says for an account it does not know. */
    static String doesNotExist(String name) {
        return "Account " + name + " does not exist";
    }

    /**
     * Twin of {@code MapDest}.
     *
     * @param subject the destination
     * @param weight  its share in percent
     */
    record MapDest(@JsonProperty("subject") String subject, @JsonProperty("weight") int weight) {
    }

    /**
     * Twin of {@code ExtExport} (the {@code jwt.Export} fields a conf-file export has).
     *
     * @param subject          the exported subject
     * @param type             "service" or "stream"
     * @param responseType     a service's response type, else null
     * @param approvedAccounts the accounts allowed to import it; empty for any
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Export(@JsonProperty("subject") String subject,
                  @JsonProperty("type") String type,
                  @JsonProperty("response_type") String responseType,
                  @JsonProperty("approved_accounts") List<String> approvedAccounts) {
    }

    /**
     * Twin of {@code ExtImport} (the {@code jwt.Import} fields a conf-file import has).
     *
     * @param subject      for a service, the exporter's subject; for a stream, the exported subject
     * @param account      the exporting account
     * @param to           for a service, the local subject; else null
     * @param localSubject the subject the importing account sees
     * @param type         "service" or "stream"
     * @param invalid      whether the import could not be wired
     * @param share        whether latency tracking shares the requester's identity
     * @param tracking     whether latency tracking is on
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Import(@JsonProperty("subject") String subject,
                  @JsonProperty("account") String account,
                  @JsonProperty("to") String to,
                  @JsonProperty("local_subject") String localSubject,
                  @JsonProperty("type") String type,
                  @JsonProperty("invalid") @JsonInclude(JsonInclude.Include.ALWAYS) boolean invalid,
                  @JsonProperty("share") @JsonInclude(JsonInclude.Include.ALWAYS) boolean share,
                  @JsonProperty("tracking") @JsonInclude(JsonInclude.Include.ALWAYS) boolean tracking) {
    }

    /** Twin of {@code accountInfo}: the account named {@code name}, or a 400 when there is none. */
    static AccountInfo of(NatsServer server, String name) throws BadRequestException {
        Account a = server.accountRegistry().lookup(name);
        if (a == null) {
            throw new BadRequestException(doesNotExist(name));
        }
        Account sys = server.accountRegistry().system();
        AccountConfig cfg = configOf(server, name);
        boolean js = server.module(JetStreamModule.class)
                .map(m -> m.engine() != null && m.engine().account(name).isPresent()).orElse(false);
        return new AccountInfo(name, server.startTime(), a == sys, false, true, js, 0, a.numClients(),
                a.sublist().count(), mappings(cfg.mappings()), exports(a.exports()), imports(cfg.imports()),
                SublistStatz.of(a.sublist().stats()));
    }

    private static AccountConfig configOf(NatsServer server, String name) {
        for (AccountConfig c : server.accountRegistry().configs()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return AccountConfig.named(name);
    }

    private static Map<String, List<MapDest>> mappings(List<MappingConfig> mappings) {
        Map<String, List<MapDest>> out = new LinkedHashMap<>();
        for (MappingConfig m : mappings) {
            List<MapDest> dests = new ArrayList<>();
            for (MappingConfig.Destination d : m.destinations()) {
                dests.add(new MapDest(d.subject(), d.weightPercent()));
            }
            out.put(m.source(), dests);
        }
        return out;
    }

    private static List<Export> exports(List<ExportConfig> exports) {
        List<Export> out = new ArrayList<>();
        for (boolean service : new boolean[] {true, false}) {
            for (ExportConfig e : exports) {
                if (e.service() == service) {
                    out.add(new Export(e.subject(), service ? "service" : "stream",
                            service ? e.responseType().text() : null, e.accounts()));
                }
            }
        }
        return out;
    }

    private static List<Import> imports(List<ImportConfig> imports) {
        List<Import> out = new ArrayList<>();
        for (boolean service : new boolean[] {false, true}) {
            for (ImportConfig i : imports) {
                if (i.service() == service) {
                    String local = i.localSubject();
                    out.add(new Import(i.subject(), i.account(), service ? local : null, local,
                            service ? "service" : "stream", false, false, false));
                }
            }
        }
        return out;
    }
}
