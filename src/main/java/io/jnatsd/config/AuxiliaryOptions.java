package io.jnatsd.config;

import java.util.List;
import java.util.Map;

/**
 * The top-level options of {@code processConfigFileLine} ({@code server/opts.go}) that the core
 * server reads and checks but does not act on yet: log rotation and timestamps, syslog, extra
 * tracing, profiling, error-report rates, tags and metadata, feature flags and a few limits.
 * Defaults are the reference's ({@code setBaselineOptions}). Immutable.
 *
 * @param logTime               timestamp log lines (default true)
 * @param logTimeUtc            timestamps in UTC
 * @param logFileSizeLimitBytes rotate the log file past this size, 0 for never
 * @param logFileMaxNum         rotated log files kept, 0 for all
 * @param syslog                log to syslog
 * @param remoteSyslog          remote syslog address, or null
 * @param traceVerbose          trace the system account too (also turns tracing on)
 * @param traceHeaders          trace message headers only (also turns tracing on)
 * @param maxTracedMsgLen       cut traced payloads at this length, 0 for no limit
 * @param maxClosedClients      closed connections kept for /connz
 * @param maxSubTokens          most tokens in a subscription subject, 0 for no limit
 * @param profPort              profiling HTTP port, 0 for none
 * @param profBlockRate         block profile rate
 * @param connectErrorReports   log every Nth failed connect attempt
 * @param reconnectErrorReports log every Nth failed reconnect attempt
 * @param serverTags            tags of this server (JetStream placement)
 * @param serverMetadata        free metadata of this server
 * @param featureFlags          feature flags by name
 * @param noSublistCache        turn the sublist match cache off
 * @param noFastProducerStall   do not stall fast producers for slow consumers
 * @param writeTimeout          write timeout policy of clients ({@code default}, {@code close}, {@code retry})
 */
public record AuxiliaryOptions(boolean logTime, boolean logTimeUtc, long logFileSizeLimitBytes, long logFileMaxNum,
                               boolean syslog, String remoteSyslog, boolean traceVerbose, boolean traceHeaders,
                               int maxTracedMsgLen, int maxClosedClients, int maxSubTokens, int profPort,
                               int profBlockRate, int connectErrorReports, int reconnectErrorReports,
                               List<String> serverTags, Map<String, String> serverMetadata,
                               Map<String, Boolean> featureFlags, boolean noSublistCache,
                               boolean noFastProducerStall, String writeTimeout) {

    public static final int MAX_CLOSED_CLIENTS_DEFAULT = 10_000;
    public static final int CONNECT_ERROR_REPORTS_DEFAULT = 3600;
    public static final int RECONNECT_ERROR_REPORTS_DEFAULT = 1;
    /** The reference's defaults. */
    public static final AuxiliaryOptions DEFAULTS = new AuxiliaryOptions(true, false, 0, 0, false, null, false, false,
            0, MAX_CLOSED_CLIENTS_DEFAULT, 0, 0, 0, CONNECT_ERROR_REPORTS_DEFAULT, RECONNECT_ERROR_REPORTS_DEFAULT,
            List.of(), Map.of(), Map.of(), false, false, "default");

    public AuxiliaryOptions {
        serverTags = List.copyOf(serverTags);
        serverMetadata = Map.copyOf(serverMetadata);
        featureFlags = Map.copyOf(featureFlags);
    }
}
