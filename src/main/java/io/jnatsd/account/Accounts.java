package io.jnatsd.account;

import io.jnatsd.auth.Permissions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twin of the account registry of {@code Server} ({@code s.accounts}, {@code lookupAccount},
 * {@code configureAccounts} in {@code server/server.go}): the accounts a server has, built once
 * from {@link AccountsOptions} — $G (with the top-level mappings), each configured account, and
 * the system account — and which account and permissions each user gets.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class Accounts {

    private final Map<String, Account> byName = new LinkedHashMap<>();
    private final Map<String, AccountConfig> configs = new LinkedHashMap<>();
    private final AccountsOptions options;
    private final Account global;
    private final Account system;

    public Accounts(AccountsOptions options) {
        this.options = options;
        this.global = new Account(Account.GLOBAL_ACCOUNT_NAME, AccountLimits.NONE, options.mappings(), List.of());
        byName.put(global.name(), global);
        for (AccountConfig c : options.accounts()) {
            byName.put(c.name(), new Account(c.name(), c.limits(), c.mappings(), c.exports()));
            configs.put(c.name(), c);
        }
        String sys = options.systemAccountName();
        if (sys != null && !byName.containsKey(sys)) {
            byName.put(sys, new Account(sys));
            configs.put(sys, AccountConfig.named(sys));
        }
        this.system = sys == null ? null : byName.get(sys);
    }

    /** The default account, $G. */
    public Account global() {
        return global;
    }

    /** The system account, or null when the server runs without one. */
    public Account system() {
        return system;
    }

    /** The account named {@code name}, or null. */
    public Account lookup(String name) {
        return byName.get(name);
    }

    /** Every account, $G first. */
    public List<Account> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** The configuration of each account but $G (imports are read from here when wiring). */
    public List<AccountConfig> configs() {
        return List.copyOf(configs.values());
    }

    /** The account {@code user} belongs to: its configured account, else $G. */
    public Account accountOf(String user) {
        String name = user == null ? null : options.userAccounts().get(user);
        Account a = name == null ? null : byName.get(name);
        return a == null ? global : a;
    }

    /** The permissions of {@code user}, or null when it has none. */
    public Permissions permissionsOf(String user) {
        return user == null ? null : options.userPermissions().get(user);
    }
}
