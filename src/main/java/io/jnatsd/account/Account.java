package io.jnatsd.account;

import io.jnatsd.subject.Sublist;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Twin of {@code Account} in {@code server/accounts.go}: a namespace of subjects with its own
 * subscription index, its exports, its subject mappings and its limits. Imports are wired by
 * the server from {@link AccountConfig#imports()}. Thread-safe.
 */
public final class Account {

    /** The account clients land in when no other is configured ($G in the reference). */
    public static final String GLOBAL_ACCOUNT_NAME = "$G";

    /** The system account's default name. */
    public static final String SYSTEM_ACCOUNT_NAME = "$SYS";

    private final String name;
    private final Sublist<Subscription> sublist = new Sublist<>();
    /** Swapped by {@link #reconfigure} on a reload (limits also by {@link #setLimits} when an account JWT changes);
     * read by publishers' threads. */
    private volatile AccountLimits limits;
    private volatile SubjectMapper mapper;
    private volatile List<ExportConfig> exports;
    private final AtomicInteger clients = new AtomicInteger();
    private final AccountTraffic traffic = new AccountTraffic();

    public Account(String name) {
        this(name, AccountLimits.NONE, List.of(), List.of());
    }

    public Account(String name, AccountLimits limits, List<MappingConfig> mappings, List<ExportConfig> exports) {
        this.name = name;
        this.limits = limits;
        this.mapper = mappings.isEmpty() ? null : new SubjectMapper(mappings);
        this.exports = List.copyOf(exports);
    }

    /**
     * A reload changed this account's configuration (the reference's {@code shallowCopy} onto the
     * running account in {@code configureAccounts}): the account, its sublist and its clients stay;
     * publishes and subscriptions from now on meet the new limits, mappings and exports. Thread-safe.
     */
    public void reconfigure(AccountLimits newLimits, List<MappingConfig> mappings, List<ExportConfig> newExports) {
        this.limits = newLimits;
        this.mapper = mappings.isEmpty() ? null : new SubjectMapper(mappings);
        this.exports = List.copyOf(newExports);
    }

    public String name() {
        return name;
    }

    /** The subscriptions of every connection bound to this account. */
    public Sublist<Subscription> sublist() {
        return sublist;
    }

    public AccountLimits limits() {
        return limits;
    }

    /**
     * Takes new limits (an account JWT was updated): new connections, subscriptions and
     * publishes meet them at once. Thread-safe.
     */
    public void setLimits(AccountLimits next) {
        this.limits = next;
    }

    /** The account's subject mappings, or null when it has none (so publishers skip them cheaply). */
    public SubjectMapper mapper() {
        return mapper;
    }

    /**
     * Takes new exports (an account JWT was resolved or updated); imports are rewired by their
     * owner. Thread-safe.
     */
    public void setExports(List<ExportConfig> next) {
        this.exports = List.copyOf(next);
    }

    public List<ExportConfig> exports() {
        return exports;
    }

    /** The export of the given kind that covers {@code subject} (equal or a wildcard over it), or null. */
    public ExportConfig exportFor(boolean service, String subject) {
        for (ExportConfig e : exports) {
            if (e.service() == service && io.jnatsd.subject.Subjects.subjectIsSubsetMatch(subject, e.subject())) {
                return e;
            }
        }
        return null;
    }

    /**
     * Counts a client in, unless the account's {@code max_connections} is reached.
     *
     * @return false when the limit refuses it (nothing counted)
     */
    public boolean tryAddClient() {
        int max = limits.maxConnections();
        while (true) {
            int n = clients.get();
            if (max >= 0 && n >= max) {
                return false;
            }
            if (clients.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void removeClient() {
        clients.decrementAndGet();
    }

    /** Messages and bytes in and out of this account's clients, and its slow consumers. Thread-safe. */
    public AccountTraffic traffic() {
        return traffic;
    }

    /** Clients bound to this account now. Thread-safe. */
    public int numClients() {
        return clients.get();
    }
}
