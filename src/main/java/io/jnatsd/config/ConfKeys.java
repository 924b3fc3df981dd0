package io.jnatsd.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The option names the reference accepts in a configuration file: the top-level names (the cases of
 * {@code processConfigFileLine} in {@code server/opts.go}, nats-server 2.14) and the keys of its blocks
 * (the cases of {@code parseCluster}, {@code parseTLS}, ...), aliases included ({@code net} for {@code host},
 * {@code max_conn} for {@code max_connections}, ...). Names are matched case-insensitively, as the reference
 * lower-cases each key before it looks it up.
 *
 * <p>An unknown key is an error in the reference unless the key is used as a variable somewhere
 * ({@code $name}): such keys exist only to be referenced ({@code tls {}} is the exception: it refuses any
 * unknown key). {@link #unknownKeys} applies that rule. Stateless.
 */
public final class ConfKeys {

    /** Every top-level option name, lower case, sorted. */
    public static final Set<String> TOP_LEVEL = sorted(
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
            "websocket", "write_deadline", "write_timeout", "ws");

    /** Keys of cluster {}: the cases of {@code parseCluster}. */
    public static final Set<String> CLUSTER = sorted(
            "accounts", "advertise", "authorization", "cluster_advertise", "compression", "connect_backoff",
            "connect_retries", "host", "listen", "name", "net", "no_advertise", "permissions", "ping_interval",
            "ping_max", "pool_size", "port", "routes", "tls", "write_deadline", "write_timeout");

    /** Keys of gateway {}: the cases of {@code parseGateway}. */
    public static final Set<String> GATEWAY = sorted(
            "advertise", "authorization", "connect_backoff", "connect_retries", "gateways", "host", "listen", "name",
            "net", "port", "reject_unknown", "reject_unknown_cluster", "tls", "write_deadline", "write_timeout");

    /** Keys of each entry of gateway { gateways [] }: the cases of {@code parseGateways}. */
    public static final Set<String> GATEWAY_REMOTE = sorted(
            "name", "tls", "url", "urls");

    /** Keys of jetstream {} (the server-level map form): the cases of {@code parseJetStream}. */
    public static final Set<String> JETSTREAM = sorted(
            "cipher", "domain", "ek", "enable", "enabled", "encryption_key", "extension_hint", "info_queue_limit",
            "key", "limits", "max_buffered_msgs", "max_buffered_size", "max_concurrent_io", "max_file",
            "max_file_store", "max_mem", "max_mem_store", "max_memory_store", "max_outstanding_catchup",
            "meta_compact", "meta_compact_size", "meta_compact_sync", "prev_ek", "prev_encryption_key", "prev_key",
            "request_queue_limit", "store", "store_dir", "storedir", "strict", "sync", "sync_interval", "tpm",
            "unique_tag");

    /** Keys of leafnodes {} (also written leaf): the cases of {@code parseLeafNodes}. */
    public static final Set<String> LEAFNODES = sorted(
            "advertise", "authorization", "compression", "dial_timeout", "host", "isolate",
            "isolate_leafnode_interest", "leafnode_advertise", "listen", "min_version", "minimum_version", "net",
            "no_advertise", "port", "reconnect", "reconnect_delay", "reconnect_interval", "remotes", "tls",
            "write_deadline", "write_timeout");

    /** Keys of leafnodes { authorization {} }: the cases of {@code parseLeafAuthorization}. */
    public static final Set<String> LEAF_AUTHORIZATION = sorted(
            "account", "nkey", "pass", "password", "proxy_required", "timeout", "user", "username", "users");

    /** Keys of each entry of leafnodes { remotes [] }: the cases of {@code parseRemoteLeafNodes}. */
    public static final Set<String> LEAF_REMOTE = sorted(
            "account", "compression", "credentials", "creds", "deny_export", "deny_exports", "deny_import",
            "deny_imports", "dial_timeout", "disabled", "dont_randomize", "first_info_timeout", "hub",
            "ignore_discovered_servers", "isolate", "isolate_leafnode_interest", "jetstream_cluster_migrate",
            "js_cluster_migrate", "local", "nkey", "no_randomize", "proxy", "request_isolation", "seed", "tls",
            "url", "urls", "websocket_compress", "websocket_compression", "websocket_no_masking", "ws_compress",
            "ws_compression", "ws_no_masking");

    /** Keys of authorization {} (top level, cluster, gateway, websocket, mqtt): the cases of {@code parseAuthorization}. */
    public static final Set<String> AUTHORIZATION = sorted(
            "auth_callout", "auth_hook", "default_permission", "default_permissions", "pass", "password",
            "permissions", "proxy_required", "timeout", "token", "user", "username", "users");

    /** Keys of each entry of a users [] list: the cases of {@code parseUsers}. */
    public static final Set<String> USER = sorted(
            "allowed_connection_types", "authorization", "clients", "connection_types", "nkey", "pass", "password",
            "permission", "permissions", "proxy_required", "user", "username");

    /** Keys of a user's permissions {} or default_permissions {}: the cases of {@code parseUserPermissions}. */
    public static final Set<String> PERMISSIONS = sorted(
            "allow_responses", "export", "import", "pub", "publish", "publish_allow_responses", "sub", "subscribe");

    /** Keys of any tls {} block; the reference refuses unknown keys here even when used as variables: the cases of {@code parseTLS}. */
    public static final Set<String> TLS = sorted(
            "allow_insecure_cipher_suites", "ca_certs_match", "ca_file", "cert_file", "cert_match", "cert_match_by",
            "cert_match_skip_invalid", "cert_store", "certificates", "certs", "cipher_suites",
            "connection_rate_limit", "curve_preferences", "first", "handshake_first", "immediate", "insecure",
            "key_file", "min_version", "ocsp_peer", "pinned_certs", "timeout", "verify", "verify_and_map",
            "verify_cert_and_check_known_urls");

    /** Keys of websocket {} (also written ws): the cases of {@code parseWebsocket}. */
    public static final Set<String> WEBSOCKET = sorted(
            "advertise", "allow_origin", "allow_origins", "allowed_origin", "allowed_origins", "authentication",
            "authorization", "compress", "compression", "handshake_timeout", "headers", "host", "jwt_cookie",
            "listen", "net", "no_auth_user", "no_tls", "origin", "origins", "pass_cookie", "ping_interval", "port",
            "same_origin", "tls", "token_cookie", "user_cookie");

    /** Keys of mqtt {}: the cases of {@code parseMQTT}. */
    public static final Set<String> MQTT = sorted(
            "ack_wait", "ackwait", "api_timeout", "authentication", "authorization", "consumer_auto_cleanup",
            "consumer_inactive_threshold", "consumer_memory_storage", "consumer_replicas",
            "downgrade_qos2_subscribe", "host", "js_api_timeout", "js_domain", "listen", "max_ack_pending",
            "max_inflight", "max_pending", "net", "no_auth_user", "port", "reject_qos2_publish", "stream_replicas",
            "tls");

    /** Keys of each account map inside accounts {}: the cases of {@code parseAccounts}. */
    public static final Set<String> ACCOUNT = sorted(
            "default_permissions", "exports", "imports", "jetstream", "limits", "mappings", "maps", "msg_trace",
            "nkey", "trace_dest", "users");

    /** Keys of proxies {}: the cases of {@code parseProxies}. */
    public static final Set<String> PROXIES = sorted(
            "trusted");

    private ConfKeys() {
    }

    private static Set<String> sorted(String... names) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(List.of(names)));
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
        return unknownKeys(root, TOP_LEVEL, "");
    }

    /**
     * Lists the keys of a block that the reference would refuse: keys not in {@code known} that no variable
     * reference uses (for {@link #TLS}, any key not in it).
     *
     * @param block     the block's value (a map)
     * @param known     the block's key set, one of the constants of this class
     * @param blockName the block's name for messages, such as {@code cluster}, or empty for the top level
     * @return one error per unknown key, in file order, each naming the key's position
     * @throws ConfException when block is not a map
     */
    public static List<ConfException> unknownKeys(ConfValue block, Set<String> known, String blockName)
            throws ConfException {
        List<ConfException> errors = new ArrayList<>();
        String where = blockName.isEmpty() ? "" : " in " + blockName;
        for (Map.Entry<String, ConfValue> e : block.asMap().entrySet()) {
            boolean exempt = e.getValue().isUsedAsVariable() && known != TLS;
            if (!known.contains(e.getKey().toLowerCase(Locale.ROOT)) && !exempt) {
                errors.add(new ConfException(e.getValue().reportPosition(), "unknown field \"" + e.getKey() + "\""
                        + where, e.getKey()));
            }
        }
        return errors;
    }
}
