package io.jnatsd.config;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.AccountLimits;
import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.auth.AuthOptions;
import io.jnatsd.auth.Permissions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code parseAccounts}, {@code parseAccountExports}, {@code parseAccountImports} and
 * {@code parseAccountLimits} in {@code server/opts.go}: reads the {@code accounts} block into
 * {@link AccountConfig}s; the accounts' users go to the users list with their account and
 * permissions noted.
 */
final class AccountsReader {

    /** Keys of an account whose feature is not built (another room's). */
    static final Set<String> REFUSED_ACCOUNT_KEYS = Set.of("nkey");

    private final List<AuthOptions.User> users = new ArrayList<>();
    private final List<AuthOptions.NkeyUser> nkeyUsers = new ArrayList<>();
    private final Map<String, String> userAccounts = new HashMap<>();
    private final Map<String, Permissions> permissions = new HashMap<>();
    private final List<String> warnings;

    AccountsReader(List<String> warnings) {
        this.warnings = warnings;
    }

    /** The users of every account read so far. */
    List<AuthOptions.User> users() {
        return users;
    }

    /** The nkey users of every account read so far (the reference's opts.Nkeys with their account). */
    List<AuthOptions.NkeyUser> nkeyUsers() {
        return nkeyUsers;
    }

    Map<String, String> userAccounts() {
        return userAccounts;
    }

    Map<String, Permissions> permissions() {
        return permissions;
    }

    List<AccountConfig> read(ConfValue v) throws ConfException {
        List<AccountConfig> out = new ArrayList<>();
        if (v.isList()) {
            for (ConfValue n : v.asList()) {
                String name = ServerOptionsReader.string(n);
                checkName(name, n, out);
                out.add(AccountConfig.named(name));
            }
            return out;
        }
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue body = e.getValue();
            if (body.isUsedAsVariable()) {
                continue;
            }
            if (!body.isMap()) {
                throw new ConfException(body.reportPosition(), "Expected map entries for accounts", e.getKey());
            }
            checkName(e.getKey(), body, out);
            out.add(account(e.getKey(), body));
        }
        checkImports(out, v);
        return out;
    }

    private static void checkName(String name, ConfValue at, List<AccountConfig> seen) throws ConfException {
        if (Account.GLOBAL_ACCOUNT_NAME.equals(name)) {
            throw new ConfException(at.reportPosition(), "\"" + name + "\" is a Reserved Account", name);
        }
        if (seen.stream().anyMatch(a -> a.name().equals(name))) {
            throw new ConfException(at.reportPosition(), "Duplicate Account Entry: " + name, name);
        }
    }

    private AccountConfig account(String name, ConfValue body) throws ConfException {
        List<ExportConfig> exports = List.of();
        List<ImportConfig> imports = List.of();
        List<io.jnatsd.account.MappingConfig> mappings = List.of();
        AccountLimits limits = AccountLimits.NONE;
        io.jnatsd.account.AccountJetStream jetStream = io.jnatsd.account.AccountJetStream.DISABLED;
        Permissions defaults = null;
        List<AuthOptions.User> accountUsers = List.of();
        List<AuthOptions.NkeyUser> accountNkeys = new ArrayList<>();
        Map<String, Permissions> own = new HashMap<>();
        for (Map.Entry<String, ConfValue> e : body.asMap().entrySet()) {
            ConfValue value = e.getValue();
            String key = e.getKey().toLowerCase(Locale.ROOT);
            switch (key) {
                case "users" -> accountUsers = AuthorizationReader.users(value, accountNkeys, own);
                case "exports" -> exports = exports(value);
                case "imports" -> imports = imports(value);
                case "mappings", "maps" -> mappings = MappingsReader.read(value);
                case "limits" -> limits = limits(value);
                case "default_permissions" -> defaults = PermissionsReader.read(value);
                case "jetstream" -> jetStream = AccountJetStreamReader.read(value);
                default -> {
                    if (value.isUsedAsVariable()) {
                        continue;
                    }
                    String why = REFUSED_ACCOUNT_KEYS.contains(key) ? "\"" + e.getKey() + "\" in an account is not"
                            + " supported by this build of jnatsd yet" : "unknown field \"" + e.getKey() + "\"";
                    throw new ConfException(value.reportPosition(), why, e.getKey());
                }
            }
        }
        AuthorizationReader.applyDefaults(accountUsers, defaults, own);
        for (AuthOptions.NkeyUser k : accountNkeys) {
            if (defaults != null) {
                own.putIfAbsent(k.nkey(), defaults);
            }
            if (userAccounts.containsKey(k.nkey())) {
                throw new ConfException(body.reportPosition(), "Duplicate nkey \"" + k.nkey() + "\" detected",
                        k.nkey());
            }
            userAccounts.put(k.nkey(), name);
            nkeyUsers.add(k);
        }
        for (AuthOptions.User u : accountUsers) {
            if (userAccounts.containsKey(u.user())) {
                throw new ConfException(body.reportPosition(), "Duplicate user \"" + u.user() + "\" detected",
                        u.user());
            }
            userAccounts.put(u.user(), name);
            users.add(u);
        }
        permissions.putAll(own);
        return new AccountConfig(name, exports, imports, mappings, limits, jetStream);
    }

    private static AccountLimits limits(ConfValue v) throws ConfException {
        int conns = -1;
        int subs = -1;
        int payload = -1;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue value = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "max_connections", "max_conn" -> conns = (int) ServerOptionsReader.integer(value);
                case "max_subscriptions", "max_subs" -> subs = (int) ServerOptionsReader.integer(value);
                case "max_payload", "max_pay" -> payload = (int) ServerOptionsReader.integer(value);
                case "max_leafnodes", "max_leafs" -> ServerOptionsReader.integer(value);
                default -> {
                    if (!value.isUsedAsVariable()) {
                        throw new ConfException(value.reportPosition(), "Unknown field \"" + e.getKey()
                                + "\" parsing account limits", e.getKey());
                    }
                }
            }
        }
        return new AccountLimits(conns, subs, payload);
    }

    private static List<ExportConfig> exports(ConfValue v) throws ConfException {
        if (!v.isList()) {
            throw new ConfException(v.reportPosition(), "Exports should be an array, got " + v.typeName(), null);
        }
        List<ExportConfig> out = new ArrayList<>();
        for (ConfValue item : v.asList()) {
            out.add(ExportImportReader.export(item));
        }
        return out;
    }

    private static List<ImportConfig> imports(ConfValue v) throws ConfException {
        if (!v.isList()) {
            throw new ConfException(v.reportPosition(), "Imports should be an array, got " + v.typeName(), null);
        }
        List<ImportConfig> out = new ArrayList<>();
        Set<String> serviceSubjects = new HashSet<>();
        for (ConfValue item : v.asList()) {
            ImportConfig imp = ExportImportReader.importOf(item);
            if (imp.service() && !serviceSubjects.add(imp.account() + " " + imp.localSubject())) {
                throw new ConfException(item.reportPosition(), "Duplicate service import subject \""
                        + imp.localSubject() + "\", previously used in import for account \"" + imp.account()
                        + "\", subject \"" + imp.subject() + "\"", imp.localSubject());
            }
            out.add(imp);
        }
        return out;
    }

    /** Whether the exporting account offers {@code imp} to {@code importer} (the reference's checkStreamImportAuthorized). */
    private static boolean exported(List<AccountConfig> accounts, ImportConfig imp, String importer) {
        for (AccountConfig a : accounts) {
            if (!a.name().equals(imp.account())) {
                continue;
            }
            for (ExportConfig e : a.exports()) {
                if (e.service() == imp.service() && e.allows(importer)
                        && io.jnatsd.subject.Subjects.subjectIsSubsetMatch(imp.subject(), e.subject())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void checkImports(List<AccountConfig> accounts, ConfValue at) throws ConfException {
        Set<String> names = new HashSet<>();
        accounts.forEach(a -> names.add(a.name()));
        for (AccountConfig a : accounts) {
            for (ExportConfig e : a.exports()) {
                for (String allowed : e.accounts()) {
                    if (!names.contains(allowed)) {
                        throw new ConfException(at.reportPosition(), "\"" + allowed + "\" account not defined for "
                                + (e.service() ? "service" : "stream") + " export", allowed);
                    }
                }
            }
            for (ImportConfig i : a.imports()) {
                String kind = i.service() ? "service" : "stream";
                if (!names.contains(i.account())) {
                    throw new ConfException(at.reportPosition(), "\"" + i.account() + "\" account not defined for "
                            + kind + " import", i.account());
                }
                if (!exported(accounts, i, a.name())) {
                    throw new ConfException(at.reportPosition(), "Error adding " + kind + " import \"" + i.subject()
                            + "\": " + kind + " import not authorized", i.subject());
                }
            }
        }
    }
}
