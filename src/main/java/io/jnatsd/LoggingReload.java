package io.jnatsd;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.log.LogSetup;
import io.jnatsd.server.ReloadParticipant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Set;

/**
 * Twin of the logging options of {@code server/reload.go} ({@code debugOption},
 * {@code traceOption}, {@code logfileOption}, then {@code ConfigureLogger}) and of
 * {@code ReOpenLogFile} in {@code server/log.go}: the process's logging follows a reload, and
 * SIGUSR1 reopens the log file after a rotation.
 *
 * <p>Thread-safe.
 */
final class LoggingReload implements ReloadParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingReload.class);

    @Override
    public Set<String> components() {
        return Set.of("debug", "trace", "logFile");
    }

    @Override
    public void apply(ServerOptions current, ServerOptions next) {
        LogSetup.configure(next.debug(), next.trace(), next.logFile());
        if (next.debug() != current.debug()) {
            LOG.info("Reloaded: debug = {}", next.debug());
        }
        if (!Objects.equals(next.logFile(), current.logFile())) {
            LOG.info("Reloaded: log_file = {}", next.logFile() == null ? "" : next.logFile());
        }
    }

    /** SIGUSR1: reopen the log file, as after a log rotation; a console log has nothing to reopen. */
    static void reopen(ServerOptions options) {
        if (options.logFile() == null) {
            LOG.info("File log re-open ignored, not a file logger");
            return;
        }
        LogSetup.configure(options.debug(), options.trace(), options.logFile());
        LOG.info("File log re-opened");
    }
}
