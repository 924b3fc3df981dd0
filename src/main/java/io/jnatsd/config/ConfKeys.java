package io.jnatsd.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The top-level option names the reference accepts in a configuration file: the cases of
 * {@code processConfigFileLine} in {@code server/opts.go} (nats-server 2.14), aliases included
 * ({@code net} for {@code host}, {@code max_conn} for {@code max_connections}, ...). Names are matched
 * case-insensitively, as the reference lower-cases each key before it looks it up.
 *
 * <p>An unknown top-level key is an error in the reference unless the key is used as a variable somewhere
 * ({@code $name}): such keys exist only to be referenced. {@link #unknownTopLevelKeys} applies that rule.
 * Stateless.
 */
public final class ConfKeys {

    /** Every top-level option name, lower case, sorted. */
    public static final Set<String> TOP_LEVEL = Collections.unmodifiableSortedSet(new TreeSet<>(List.of(
            "account_resolver", "accounts", "accounts_resolver", "allow_non_tls", "authorization",
            "client_advertise", "cluster", "connect_error_reports", "debug", "default_js_domain", "default_sentinel",
            "disable_sublist_cache", "feature_flags", "gateway", "host", "http", "http_base_path", "http_port",
            "https", "https_port", "jetstream", "lame_duck_duration", "lame_duck_grace_period", "leaf", "leafnodes",
            "listen", "log_file", "log_max_num", "log_size_limit", "logfile", "logfile_max_num",
            "logfile_size_limit", "logtime", "logtime_utc", "mappings", "maps", "max_closed_clients", "max_conn",
            "max_connections", "max_control_line", "max_payload", "max_pending", "max_sub_tokens", "max_subs",
            "max_subscription_tokens", "max_subscriptions", "max_traced_msg_len", "monitor_port", "mqtt", "net",
            "no_auth_user", "no_fast_producer_stall", "no_header_support", "no_sublist_cache", "no_sys_acc",
            "no_system", "no_system_account", "ocsp", "ocsp_cache", "operator", "operators", "pid_file", "pidfile",
            "ping_interval", "ping_max", "port", "ports_file_dir", "prof_block_rate", "prof_port", "proxies",
            "proxy_protocol", "reconnect_error_reports", "remote_syslog", "resolver", "resolver_pinned_accounts",
            "resolver_preload", "resolver_tls", "root", "root_operator", "root_operators", "roots",
            "server_metadata", "server_name", "server_tags", "store_dir", "storedir", "syslog", "system",
            "system_account", "tls", "trace", "trace_headers", "trace_verbose", "trusted", "trusted_keys",
            "websocket", "write_deadline", "write_timeout", "ws")));

    private ConfKeys() {
    }

    /**
     * {@return true when the reference knows this top-level option name, in any case}
     *
     * @param key the key as written
     */
    public static boolean isTopLevel(String key) {
        return TOP_LEVEL.contains(key.toLowerCase(Locale.ROOT));
    }

    /**
     * Lists the top-level keys of a parsed file that the reference would refuse as {@code unknown field}:
     * keys it does not know that no variable reference uses.
     *
     * @param root the parsed file (a map)
     * @return one error per unknown key, in file order, each naming the key's position
     * @throws ConfException when root is not a map
     */
    public static List<ConfException> unknownTopLevelKeys(ConfValue root) throws ConfException {
        List<ConfException> errors = new ArrayList<>();
        for (Map.Entry<String, ConfValue> e : root.asMap().entrySet()) {
            if (!isTopLevel(e.getKey()) && !e.getValue().isUsedAsVariable()) {
                errors.add(new ConfException(e.getValue().reportPosition(), "unknown field \"" + e.getKey() + "\"",
                        e.getKey()));
            }
        }
        return errors;
    }
}
