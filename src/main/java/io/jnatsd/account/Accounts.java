package io.jnatsd.account;

import io.jnatsd.auth.Permissions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Twin of the account registry of {@code Server} ({@code s.accounts}, {@code lookupAccount},
 * {@code configureAccounts} in {@code server/server.go}): the accounts a server has, built once
 * from {@link AccountsOptions} — $G (with the top-level mappings), each configured account, and
 * the system account — and which account and permissions each user gets. Accounts that user JWTs
 * name are added at run time by {@link #register}.
 *
 * <p>Thread-safe.
 */
public final class Accounts {

    private final Map<String, Account> byName = new ConcurrentHashMap<>();
    /** $G first, then in the order accounts were made. */
    private final List<Account> ordered = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private final Map<String, AccountConfig> configs = new LinkedHashMap<>();
    private final List<java.util.function.Consumer<Account>> registrationListeners = new CopyOnWriteArrayList<>();
    /** Swapped whole by {@link #reload}; read by event loops as clients bind. */
    private volatile AccountsOptions options;
    private final Account global;
    private final Account system;

    public Accounts(AccountsOptions options) {
        this.options = options;
        this.global = new Account(Account.GLOBAL_ACCOUNT_NAME, AccountLimits.NONE, options.mappings(), List.of());
        add(global);
        for (AccountConfig c : options.accounts()) {
            add(new Account(c.name(), c.limits(), c.mappings(), c.exports()));
            configs.put(c.name(), c);
        }
        String sys = options.systemAccountName();
        if (sys != null && !byName.containsKey(sys)) {
            add(new Account(sys));
            configs.put(sys, AccountConfig.named(sys));
        }
        this.system = sys == null ? null : byName.get(sys);
    }

    private void add(Account account) {
        byName.put(account.name(), account);
        ordered.add(account);
    }

    /** The account named {@code name}, made with no limits on first use (the account of a user JWT). */
    public Account register(String name) {
        Account[] made = new Account[1];
        Account account = byName.computeIfAbsent(name, n -> {
            made[0] = new Account(n);
            ordered.add(made[0]);
            return made[0];
        });
        if (made[0] != null) {
            registrationListeners.forEach(l -> l.accept(made[0]));
        }
        return account;
    }

    /**
     * @param listener told of each account {@link #register} makes, on the registering thread, before the account
     *                 is returned (JetStream enables a JWT account there); thread-safe
     */
    public void addRegistrationListener(java.util.function.Consumer<Account> listener) {
        registrationListeners.add(listener);
    }

    /**
     * A configuration reload (the account part of {@code reloadAuthorization} and
     * {@code configureAccounts(true)} in {@code server/server.go}): accounts still configured keep
     * their {@link Account} (sublist, clients) and take their new limits, mappings and exports;
     * new ones are made; those no longer configured are forgotten. $G takes the new top-level
     * mappings; the system account stays (a reload may not change it). Users' accounts and
     * permissions follow {@code next} from now on. Accounts made for user JWTs are kept.
     * Thread-safe.
     *
     * @return the accounts that were removed
     */
    public synchronized List<Account> reload(AccountsOptions next) {
        global.reconfigure(AccountLimits.NONE, next.mappings(), List.of());
        Map<String, AccountConfig> nextConfigs = new LinkedHashMap<>();
        for (AccountConfig c : next.accounts()) {
            nextConfigs.put(c.name(), c);
            Account existing = byName.get(c.name());
            if (existing == null) {
                add(new Account(c.name(), c.limits(), c.mappings(), c.exports()));
            } else {
                existing.reconfigure(c.limits(), c.mappings(), c.exports());
            }
        }
        List<Account> removed = new ArrayList<>();
        for (String name : configs.keySet()) {
            if (!nextConfigs.containsKey(name) && (system == null || !name.equals(system.name()))) {
                Account gone = byName.remove(name);
                ordered.remove(gone);
                removed.add(gone);
            }
        }
        if (system != null && !nextConfigs.containsKey(system.name())) {
            nextConfigs.put(system.name(), AccountConfig.named(system.name()));
        }
        configs.clear();
        configs.putAll(nextConfigs);
        options = next;
        return removed;
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
        return Collections.unmodifiableList(new ArrayList<>(ordered));
    }

    /** The configuration of each account but $G (imports are read from here when wiring). */
    public synchronized List<AccountConfig> configs() {
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
