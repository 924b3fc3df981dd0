package io.jnatsd.server;

import io.jnatsd.config.AuxiliaryOptions;
import io.jnatsd.config.ServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Set;

/**
 * The options of {@link AuxiliaryOptions} across a reload, as {@code diffOptions} in
 * {@code server/reload.go} sorts them: those the reference reloads (timestamps, syslog, extra
 * tracing, tags, metadata, error-report rates, traced length, block profile rate, producer stall)
 * are taken; a change to any other is refused with the reference's error. None of them acts on
 * anything in jnatsd yet, so taking one only records it.
 */
final class AuxiliaryReload implements ReloadParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(AuxiliaryReload.class);

    @Override
    public Set<String> components() {
        return Set.of("auxiliary");
    }

    @Override
    public void check(ServerOptions current, ServerOptions next) throws ReloadException {
        AuxiliaryOptions a = current.auxiliary();
        AuxiliaryOptions b = next.auxiliary();
        refuseChange("LogSizeLimit", a.logFileSizeLimitBytes(), b.logFileSizeLimitBytes());
        refuseChange("LogMaxFiles", a.logFileMaxNum(), b.logFileMaxNum());
        refuseChange("MaxClosedClients", a.maxClosedClients(), b.maxClosedClients());
        refuseChange("MaxSubTokens", a.maxSubTokens(), b.maxSubTokens());
        refuseChange("ProfPort", a.profPort(), b.profPort());
        refuseChange("FeatureFlags", a.featureFlags(), b.featureFlags());
        refuseChange("NoSublistCache", a.noSublistCache(), b.noSublistCache());
        refuseChange("WriteTimeout", a.writeTimeout(), b.writeTimeout());
    }

    private static void refuseChange(String goName, Object oldValue, Object newValue) throws ReloadException {
        if (!Objects.equals(oldValue, newValue)) {
            throw new ReloadException("config reload not supported for " + goName + ": old="
                    + ConfigReload.goString(oldValue) + ", new=" + ConfigReload.goString(newValue));
        }
    }

    @Override
    public void apply(ServerOptions current, ServerOptions next) {
        LOG.info("Reloaded: options parsed but not implemented by jnatsd yet ({})", next.auxiliary());
    }
}
