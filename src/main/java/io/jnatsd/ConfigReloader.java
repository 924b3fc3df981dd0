package io.jnatsd;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Twin of {@code Reload} in {@code server/reload.go} and of the SIGHUP and SIGUSR1 cases of
 * {@code handleSignal} in {@code server/signal.go}: reads the {@code -c} file again, puts the
 * command-line flags back on top (flags still win), and hands the result to
 * {@link NatsServer#reloadOptions}. A file that does not parse, or a change that cannot be
 * made at run time, changes nothing and is logged as the reference logs it.
 *
 * <p>Thread-safe: signal handlers run each reload on a thread of their own, and the server
 * runs reloads one at a time.
 */
final class ConfigReloader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);
    static final String NO_FILE = "can only reload config when a file is provided using -c or --config";

    private final NatsServer server;
    private final ServerFlags flags;

    ConfigReloader(NatsServer server, ServerFlags flags) {
        this.server = server;
        this.flags = flags;
    }

    /** HUP reloads the file; USR1 reopens the log file. */
    void installSignals() {
        Signal.handle(new Signal("HUP"), s -> Thread.ofPlatform().name("jnatsd-reload").start(this::reloadAndLog));
        Signal.handle(new Signal("USR1"), s -> Thread.ofPlatform().name("jnatsd-reopen-log")
                .start(() -> LoggingReload.reopen(server.options())));
    }

    /** Reloads and logs the outcome, as the SIGHUP handler does. Returns whether the reload was applied. */
    boolean reloadAndLog() {
        try {
            reload();
            return true;
        } catch (ReloadException e) {
            LOG.error("Failed to reload server configuration: {}", e.getMessage());
            return false;
        }
    }

    /**
     * Reads the file and the flags into new options and reloads them.
     *
     * @throws ReloadException when there is no file, it does not parse, or a change is refused
     */
    void reload() throws ReloadException {
        if (flags.config == null) {
            throw new ReloadException(NO_FILE);
        }
        ServerOptions next;
        try {
            next = flags.toOptions();
        } catch (StartupException e) {
            throw new ReloadException(e.getMessage(), e);
        }
        server.reloadOptions(next);
    }
}
