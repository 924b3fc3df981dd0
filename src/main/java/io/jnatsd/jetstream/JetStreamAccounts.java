package io.jnatsd.jetstream;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.AccountJetStream;
import io.jnatsd.account.Accounts;
import io.jnatsd.auth.jwt.AccountJetStreamClaims;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.TrustOptions;
import io.jnatsd.account.JetStreamAccountLimits;
import io.jnatsd.jetstream.api.NotEnabledResponder;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.JetStreamEngine;
import io.jnatsd.server.NatsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twin of {@code enableJetStreamAccounts}, {@code globalAccountOnly}, {@code configJetStream} and
 * {@code configAllJetStreamAccounts} in {@code server/jetstream.go}: which accounts get JetStream. With no account
 * but the global and system ones (and no operator), the global account gets it without limits; otherwise each
 * account whose {@code jetstream} value or account JWT enables it gets it with its limits, and every other account
 * (the global one included) is answered "JetStream not enabled for account" ({@link NotEnabledResponder}). The
 * system account never gets JetStream. Accounts of user JWTs are decided when they are registered, from the
 * preloaded account JWT.
 *
 * <p>Threading: thread-safe; {@link #configureAll} runs once at start, {@link #onRegistered} on the thread that
 * registers an account.
 */
final class JetStreamAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamAccounts.class);

    private final JetStreamModule module;
    private final NatsServer server;
    private final Set<String> configured = ConcurrentHashMap.newKeySet();

    JetStreamAccounts(JetStreamModule module) {
        this.module = module;
        this.server = module.server();
    }

    /** Enables JetStream for the accounts that have it and answers for the others; then follows new accounts. */
    void configureAll() {
        Accounts registry = server.accountRegistry();
        TrustOptions trust = server.options().trust();
        boolean globalOnly = (trust == null || !trust.enabled()) && globalAccountOnly(registry);
        if (!globalOnly) {
            registry.addRegistrationListener(this::onRegistered);
        }
        for (Account a : registry.all()) {
            if (globalOnly && a == registry.global()) {
                configure(a, AccountJetStream.UNLIMITED);
            } else {
                configure(a, limitsOf(a));
            }
        }
        if (!globalOnly) {
            registerPreloadedOnDisk(registry);
        }
    }

    /** Twin of {@code globalAccountOnly} (without the operator test): no configured account but the system one. */
    static boolean globalAccountOnly(Accounts registry) {
        return registry.configs().stream().map(AccountConfig::name)
            .allMatch(n -> registry.system() != null && n.equals(registry.system().name()));
    }

    /** A JWT account registered after start (a user of it connected). */
    void onRegistered(Account account) {
        try {
            configure(account, limitsOf(account));
        } catch (IllegalStateException e) {
            LOG.error("Error configuring jetstream for account [{}]: {}", account.name(), e.getMessage());
        }
    }

    private void configure(Account account, AccountJetStream js) {
        if (!configured.add(account.name())) {
            return;
        }
        Account system = server.accountRegistry().system();
        if (account == system || !js.enabled()) {
            new NotEnabledResponder(module.router(), server.createInternalConnection(account), account == system)
                .attach();
            return;
        }
        checkSufficientResources(js);
        module.engine().enable(account, js);
    }

    /**
     * Twin of {@code sufficientResources}: the storage an account's limits promise, with what the enabled accounts
     * promise and the streams reserve, must fit the server's {@code max_memory_store}/{@code max_file_store}
     * (checked only when they are set).
     *
     * @throws IllegalStateException with the reference's error when it does not fit
     */
    private void checkSufficientResources(AccountJetStream js) {
        JetStreamEngine engine = module.engine();
        JetStreamEngine.Settings s = engine.settings();
        for (boolean memory : new boolean[] {true, false}) {
            long serverMax = memory ? s.maxMemoryBytes() : s.maxFileBytes();
            if (serverMax < 0) {
                continue;
            }
            long promised = promised(js, memory);
            long promisedByOthers = 0;
            for (AccountStreams a : engine.accounts()) {
                promisedByOthers += promised(a.jetStream(), memory);
            }
            if (engine.reservedBytes(memory) + promised > serverMax || promisedByOthers + promised > serverMax) {
                ApiError e = memory ? ApiError.MEMORY_RESOURCES_EXCEEDED : ApiError.STORAGE_RESOURCES_EXCEEDED;
                throw new IllegalStateException("Error enabling jetstream on configured accounts: "
                    + e.toException().description() + " (" + e.errCode() + ")");
            }
        }
    }

    private static long promised(AccountJetStream js, boolean memory) {
        long total = 0;
        for (JetStreamAccountLimits l : js.tiers().values()) {
            total += Math.max(0, l.maxBytesOf(memory));
        }
        return total;
    }

    private AccountJetStream limitsOf(Account account) {
        for (AccountConfig c : server.accountRegistry().configs()) {
            if (c.name().equals(account.name())) {
                return c.jetStream();
            }
        }
        String jwt = preload().get(account.name());
        if (jwt == null) {
            return AccountJetStream.DISABLED;
        }
        try {
            return AccountJetStreamClaims.read(jwt);
        } catch (JwtException e) {
            LOG.warn("Account {}: cannot read its JetStream limits: {}", account.name(), e.getMessage());
            return AccountJetStream.DISABLED;
        }
    }

    /** As the reference walks the store directory: preloaded JWT accounts with streams on disk come up at start. */
    private void registerPreloadedOnDisk(Accounts registry) {
        Map<String, String> preload = preload();
        for (String name : module.engine().accountsOnDisk()) {
            if (preload.containsKey(name)) {
                registry.register(name);
            }
        }
    }

    private Map<String, String> preload() {
        TrustOptions t = server.options().trust();
        return t == null ? Map.of() : t.preload();
    }
}
