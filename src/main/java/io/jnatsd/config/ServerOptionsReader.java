package io.jnatsd.config;

import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.AccountsOptions;
import io.jnatsd.account.MappingConfig;
import io.jnatsd.auth.AuthOptions;
import io.jnatsd.auth.Permissions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code processConfigFileLine} in {@code server/opts.go}, for the options the core
 * server has: reads a parsed conf file into a {@link ServerOptions.Builder}.
 *
 * <p>Keys the reference does not know are errors, as there. Keys whose feature jnatsd has
 * not built are of two kinds: those that change who may connect or what the server joins
 * (nkeys and JWT, TLS, clustering) are refused, because starting without them would open
 * the server or split a cluster silently; the rest are kept as warnings naming the key,
 * for the operator to read at start.
 */
public final class ServerOptionsReader {

    /** Blocks jnatsd cannot honour yet and must not ignore. */
    static final Set<String> REFUSED = Set.of("resolver_tls", "resolver_pinned_accounts", "proxies");

    static final java.time.Duration LAME_DUCK_DURATION_MIN = java.time.Duration.ofSeconds(30);

    private final List<String> warnings = new ArrayList<>();
    private AuthOptions auth;
    private ConfValue authAt;
    private final Map<String, Permissions> userPermissions = new HashMap<>();
    private final AccountsReader accountsReader = new AccountsReader(warnings);
    private List<AccountConfig> accounts = List.of();
    private ConfValue accountsAt;
    private String systemAccount;
    private ConfValue systemAccountAt;
    private boolean noSystemAccount;
    private List<MappingConfig> mappings = List.of();
    private final AuxiliaryOptionsReader auxiliary = new AuxiliaryOptionsReader();
    private final OcspOptionsReader ocspReader = new OcspOptionsReader();
    private final TlsOptionsReader tlsReader = new TlsOptionsReader();
    private final TrustOptionsReader trustReader = new TrustOptionsReader();
    private io.jnatsd.auth.callout.AuthCalloutOptions authCallout;
    private ConfValue authCalloutAt;

    /** Warnings collected by {@link #read}: one per key that is accepted but not acted on. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Applies the file's options to {@code builder}.
     *
     * @throws ConfException naming the file, line and key of the first refused or invalid option
     */
    public void read(ConfValue root, ServerOptions.Builder builder) throws ConfException {
        List<ConfException> unknown = ConfKeys.unknownTopLevelKeys(root);
        if (!unknown.isEmpty()) {
            throw unknown.get(0);
        }
        for (Map.Entry<String, ConfValue> e : root.asMap().entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            ConfValue value = e.getValue();
            if (value.isUsedAsVariable() && !ConfKeys.isTopLevel(key)) {
                continue;
            }
            if (REFUSED.contains(key)) {
                throw new ConfException(value.reportPosition(),
                        "\"" + e.getKey() + "\" is not supported by this build of jnatsd yet", e.getKey());
            }
            if (!apply(key, value, builder)) {
                auxiliary.read(key, value);
                warnings.add(BlockValues.noEffect(value, e.getKey()));
            }
        }
        applyAccounts(builder);
        applyAuth(builder);
        applyAuthCallout(builder);
        if (auxiliary.any()) {
            builder.auxiliary(auxiliary.build());
        }
        if (auxiliary.turnsTraceOn()) {
            builder.trace(true);
        }
        tlsReader.apply(builder);
        ocspReader.apply(builder, tlsReader.ocspPeer());
        trustReader.apply(builder, auth, root.asMap().containsKey("accounts"));
    }

    /** Account users join the users list (the reference's opts.Users) with their account noted. */
    private void applyAccounts(ServerOptions.Builder builder) throws ConfException {
        List<AuthOptions.User> accountUsers = accountsReader.users();
        if (!accountUsers.isEmpty()) {
            AuthOptions base = auth == null ? AuthOptions.NONE : auth;
            if (base.user() != null && !base.user().isEmpty()) {
                throw new ConfException(accountsAt.reportPosition(), "Can not have a single user/pass and accounts",
                        null);
            }
            if (base.token() != null && !base.token().isEmpty()) {
                throw new ConfException(accountsAt.reportPosition(), "Can not have a token and accounts", null);
            }
            List<AuthOptions.User> all = new ArrayList<>(base.users());
            for (AuthOptions.User u : accountUsers) {
                if (all.stream().anyMatch(o -> o.user().equals(u.user()))) {
                    throw new ConfException(accountsAt.reportPosition(), "Duplicate user \"" + u.user()
                            + "\" detected", u.user());
                }
                all.add(u);
            }
            auth = base.withUsers(all);
            if (authAt == null) {
                authAt = accountsAt;
            }
        }
        List<AuthOptions.NkeyUser> accountNkeys = accountsReader.nkeyUsers();
        if (!accountNkeys.isEmpty()) {
            AuthOptions base = auth == null ? AuthOptions.NONE : auth;
            List<AuthOptions.NkeyUser> allKeys = new ArrayList<>(base.nkeys());
            allKeys.addAll(accountNkeys);
            auth = base.withNkeys(allKeys);
            if (authAt == null) {
                authAt = accountsAt;
            }
        }
        userPermissions.putAll(accountsReader.permissions());
        // In operator mode the system account is a JWT account (the operator's unless set).
        String sys = systemAccount == null && trustReader.trusts() ? trustReader.operatorSystemAccount() : systemAccount;
        if (systemAccount != null && !systemAccount.equals(io.jnatsd.account.Account.SYSTEM_ACCOUNT_NAME)
                && !trustReader.trusts() && accounts.stream().noneMatch(a -> a.name().equals(systemAccount))) {
            throw new ConfException(systemAccountAt.reportPosition(),
                    "account \"" + systemAccount + "\" named by system_account is not defined", systemAccount);
        }
        String cycle = io.jnatsd.account.ImportCycles.firstCycle(accounts);
        if (cycle == null && noSystemAccount) {
            cycle = LatencyReader.withoutSystemAccount(accounts);
        }
        if (cycle != null) {
            throw new ConfException(accountsAt.reportPosition(), cycle, null);
        }
        builder.accounts(new AccountsOptions(accounts, accountsReader.userAccounts(), userPermissions, sys,
                noSystemAccount, mappings));
    }

    /** The authorization block and no_auth_user may come in any order: check them together at the end. */
    private void applyAuth(ServerOptions.Builder builder) throws ConfException {
        if (auth == null) {
            return;
        }
        try {
            auth.validate();
        } catch (IllegalArgumentException e) {
            throw new ConfException(authAt.reportPosition(), e.getMessage(), null);
        }
        builder.auth(auth);
    }

    private void readAuthorization(ConfValue v) throws ConfException {
        auth = AuthorizationReader.read(v, auth == null ? AuthOptions.NONE : auth, warnings, userPermissions);
        authAt = v;
        authCalloutAt = AuthCalloutReader.find(v);
        authCallout = authCalloutAt == null ? null : AuthCalloutReader.read(authCalloutAt);
    }

    private void applyAuthCallout(ServerOptions.Builder builder) throws ConfException {
        if (authCallout != null) {
            Set<String> names = new java.util.HashSet<>();
            accounts.forEach(a -> names.add(a.name()));
            AuthCalloutReader.checkAllowedAccounts(authCallout, authCalloutAt, names);
            builder.authCallout(authCallout);
        }
    }

    private void readNoAuthUser(ConfValue v) throws ConfException {
        auth = (auth == null ? AuthOptions.NONE : auth).withNoAuthUser(string(v));
        if (authAt == null) {
            authAt = v;
        }
    }

    /** Returns false when the key is known but not acted on. */
    private boolean apply(String key, ConfValue v, ServerOptions.Builder b) throws ConfException {
        switch (key) {
            case "listen" -> applyListen(v, b);
            case "host", "net" -> b.host(string(v));
            case "port" -> b.port((int) integer(v));
            case "server_name" -> b.serverName(serverName(v));
            case "client_advertise" -> b.clientAdvertise(string(v));
            case "max_payload" -> b.maxPayload((int) ConfSizes.fromValue(v, key));
            case "max_control_line" -> b.maxControlLine((int) ConfSizes.fromValue(v, key));
            case "max_pending" -> b.maxPendingBytes(ConfSizes.fromValue(v, key));
            case "max_connections", "max_conn" -> b.maxConnections(maxConnections(v));
            case "max_subscriptions", "max_subs" -> b.maxSubscriptions((int) integer(v));
            case "ping_interval" -> b.pingInterval(ConfDurations.fromValue(v, key));
            case "ping_max" -> b.pingMax((int) integer(v));
            case "write_deadline" -> b.writeDeadline(ConfDurations.fromValue(v, key));
            case "lame_duck_duration" -> b.lameDuckDuration(lameDuckDuration(v));
            case "lame_duck_grace_period" -> b.lameDuckGracePeriod(ConfDurations.fromValue(v, key));
            case "debug" -> b.debug(bool(v));
            case "trace" -> b.trace(bool(v));
            case "logfile", "log_file" -> b.logFile(Path.of(string(v)));
            case "pidfile", "pid_file" -> b.pidFile(Path.of(string(v)));
            case "ports_file_dir" -> b.portsFileDir(Path.of(string(v)));
            case "http_port", "monitor_port" -> b.httpPort((int) integer(v));
            case "http" -> applyHttp(v, b);
            case "http_base_path" -> b.httpBasePath(string(v));
            case "https" -> applyHttps(v, b);
            case "https_port" -> b.httpsPort((int) integer(v));
            case "tls" -> tlsReader.readBlock(v);
            case "allow_non_tls" -> tlsReader.readAllowNonTls(v);
            case "operator", "operators", "root", "roots", "root_operator", "root_operators", "trusted",
                 "trusted_keys", "resolver", "account_resolver", "accounts_resolver", "resolver_preload" ->
                    trustReader.read(key, v);
            case "no_header_support" -> b.noHeaderSupport(bool(v));
            case "proxy_protocol" -> b.proxyProtocol(bool(v));
            case "jetstream" -> applyJetStream(v, b, warnings);
            case "store_dir", "storedir" -> b.storeDir(Path.of(string(v)));
            case "gateway" -> b.gateway(GatewayOptionsReader.read(v, warnings));
            case "leafnodes", "leaf" -> b.leafNodes(LeafNodeOptionsReader.read(v, warnings));
            case "websocket", "ws" -> b.websocket(WebsocketOptionsReader.read(v, warnings));
            case "mqtt" -> b.mqtt(MqttOptionsReader.read(v, warnings));
            case "authorization" -> readAuthorization(v);
            case "no_auth_user" -> readNoAuthUser(v);
            case "accounts" -> {
                accounts = accountsReader.read(v);
                accountsAt = v;
            }
            case "system_account", "system" -> {
                systemAccount = string(v);
                systemAccountAt = v;
            }
            case "no_system_account", "no_system", "no_sys_acc" -> noSystemAccount = bool(v);
            case "mappings", "maps" -> mappings = MappingsReader.read(v);
            case "cluster" -> b.cluster(ClusterOptionsReader.read(v, warnings));
            case "ocsp" -> ocspReader.readOcsp(v);
            case "ocsp_cache" -> ocspReader.readCache(v);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void applyListen(ConfValue v, ServerOptions.Builder b) throws ConfException {
        HostPort hp = HostPort.parse(string(v), v);
        if (hp.host() != null) {
            b.host(hp.host());
        }
        b.port(hp.port());
    }

    private static void applyHttp(ConfValue v, ServerOptions.Builder b) throws ConfException {
        HostPort hp = HostPort.parse(string(v), v);
        if (hp.host() != null) {
            b.httpHost(hp.host());
        }
        b.httpPort(hp.port());
    }

    private static void applyHttps(ConfValue v, ServerOptions.Builder b) throws ConfException {
        HostPort hp = HostPort.parse(string(v), v);
        if (hp.host() != null) {
            b.httpHost(hp.host());
        }
        b.httpsPort(hp.port());
    }

    private static void applyJetStream(ConfValue v, ServerOptions.Builder b, List<String> warnings)
            throws ConfException {
        if (v.isMap()) {
            JetStreamOptionsReader.read(v, b, warnings);
            return;
        }
        Object plain = v.plain();
        if (plain instanceof String s) {
            b.jetStream(switch (s.toLowerCase(Locale.ROOT)) {
                case "enabled", "enable", "true", "yes", "on" -> true;
                default -> false;
            });
        } else {
            b.jetStream(bool(v));
        }
    }

    /** The reference refuses a lame duck duration under 30 seconds. */
    private static java.time.Duration lameDuckDuration(ConfValue v) throws ConfException {
        java.time.Duration d = ConfDurations.fromValue(v, "lame_duck_duration");
        if (d.compareTo(LAME_DUCK_DURATION_MIN) < 0) {
            throw new ConfException(v.reportPosition(), "invalid lame_duck_duration of "
                    + OptionsValidator.go(d) + ", minimum is 30 seconds", String.valueOf(v.plain()));
        }
        return d;
    }

    /** The reference stores 0 as "no connections at all" (-1 internally); jnatsd keeps 0 meaning 0. */
    private static int maxConnections(ConfValue v) throws ConfException {
        long n = integer(v);
        return (int) Math.max(0, n);
    }

    private static String serverName(ConfValue v) throws ConfException {
        String name = string(v);
        if (name.contains(" ")) {
            throw new ConfException(v.reportPosition(), "server name \"" + name + "\" can not contain spaces", name);
        }
        return name;
    }

    static String string(ConfValue v) throws ConfException {
        if (v.plain() instanceof String s) {
            return s;
        }
        if (v.plain() instanceof Number n) {
            return n.toString();
        }
        throw new ConfException(v.reportPosition(), "expected a string, got " + v.typeName(), String.valueOf(v.plain()));
    }

    static long integer(ConfValue v) throws ConfException {
        if (v.plain() instanceof Long n) {
            return n;
        }
        throw new ConfException(v.reportPosition(), "expected an integer, got " + v.typeName(), String.valueOf(v.plain()));
    }

    static boolean bool(ConfValue v) throws ConfException {
        if (v.plain() instanceof Boolean b) {
            return b;
        }
        throw new ConfException(v.reportPosition(), "expected a boolean, got " + v.typeName(), String.valueOf(v.plain()));
    }

    /** A {@code host:port} or {@code :port} or {@code port} value. */
    record HostPort(String host, int port) {
        static HostPort parse(String text, ConfValue at) throws ConfException {
            int colon = text.lastIndexOf(':');
            String portText = colon < 0 ? text : text.substring(colon + 1);
            String host = colon <= 0 ? null : text.substring(0, colon).replace("[", "").replace("]", "");
            try {
                return new HostPort(host, Integer.parseInt(portText));
            } catch (NumberFormatException e) {
                throw new ConfException(at.reportPosition(), "could not parse address string \"" + text + "\"", text);
            }
        }
    }
}
