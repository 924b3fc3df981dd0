package io.jnatsd.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twin of the cases of {@code processConfigFileLine} ({@code server/opts.go}) for the options of
 * {@link AuxiliaryOptions}: reads and checks each one as the reference does. Not thread-safe:
 * one reader per file.
 */
final class AuxiliaryOptionsReader {

    /** The most tokens {@code max_sub_tokens} may allow (a uint8 in the reference). */
    static final int MAX_SUB_TOKENS_LIMIT = 255;

    private boolean logTime = true;
    private boolean logTimeUtc;
    private long logFileSizeLimit;
    private long logFileMaxNum;
    private boolean syslog;
    private String remoteSyslog;
    private boolean traceVerbose;
    private boolean traceHeaders;
    private int maxTracedMsgLen;
    private int maxClosedClients = AuxiliaryOptions.MAX_CLOSED_CLIENTS_DEFAULT;
    private int maxSubTokens;
    private int profPort;
    private int profBlockRate;
    private int connectErrorReports = AuxiliaryOptions.CONNECT_ERROR_REPORTS_DEFAULT;
    private int reconnectErrorReports = AuxiliaryOptions.RECONNECT_ERROR_REPORTS_DEFAULT;
    private List<String> serverTags = List.of();
    private Map<String, String> serverMetadata = Map.of();
    private Map<String, Boolean> featureFlags = Map.of();
    private boolean noSublistCache;
    private boolean noFastProducerStall;
    private String writeTimeout = "default";
    private boolean any;

    /** Reads {@code key} if it is one of these options; returns false when it is not. */
    boolean read(String key, ConfValue v) throws ConfException {
        switch (key) {
            case "logtime" -> logTime = BlockValues.bool(v);
            case "logtime_utc" -> logTimeUtc = BlockValues.bool(v);
            case "logfile_size_limit", "log_size_limit" -> logFileSizeLimit = ConfSizes.fromValue(v, key);
            case "logfile_max_num", "log_max_num" -> logFileMaxNum = ServerOptionsReader.integer(v);
            case "syslog" -> syslog = BlockValues.bool(v);
            case "remote_syslog" -> remoteSyslog = BlockValues.string(v);
            case "trace_verbose" -> traceVerbose = BlockValues.bool(v);
            case "trace_headers" -> traceHeaders = BlockValues.bool(v);
            case "max_traced_msg_len" -> maxTracedMsgLen = BlockValues.integer(v);
            case "max_closed_clients" -> maxClosedClients = BlockValues.integer(v);
            case "max_sub_tokens", "max_subscription_tokens" -> maxSubTokens = maxSubTokens(key, v);
            case "prof_port" -> profPort = BlockValues.integer(v);
            case "prof_block_rate" -> profBlockRate = BlockValues.integer(v);
            case "connect_error_reports" -> connectErrorReports = BlockValues.integer(v);
            case "reconnect_error_reports" -> reconnectErrorReports = BlockValues.integer(v);
            case "server_tags" -> serverTags = BlockValues.strings(v, "server_tags");
            case "server_metadata" -> serverMetadata = metadata(v);
            case "feature_flags" -> featureFlags = featureFlags(v);
            case "disable_sublist_cache", "no_sublist_cache" -> noSublistCache = BlockValues.bool(v);
            case "no_fast_producer_stall" -> noFastProducerStall = BlockValues.bool(v);
            case "write_timeout" -> writeTimeout = BlockValues.writeTimeoutPolicy(v);
            default -> {
                return false;
            }
        }
        any = true;
        return true;
    }

    /** Whether {@code trace_verbose} or {@code trace_headers} asked for tracing, as they do in the reference. */
    boolean turnsTraceOn() {
        return traceVerbose || traceHeaders;
    }

    /** Whether any option of this reader was in the file. */
    boolean any() {
        return any;
    }

    AuxiliaryOptions build() {
        return new AuxiliaryOptions(logTime, logTimeUtc, logFileSizeLimit, logFileMaxNum, syslog, remoteSyslog,
                traceVerbose, traceHeaders, maxTracedMsgLen, maxClosedClients, maxSubTokens, profPort, profBlockRate,
                connectErrorReports, reconnectErrorReports, serverTags, serverMetadata, featureFlags, noSublistCache,
                noFastProducerStall, writeTimeout);
    }

    private static int maxSubTokens(String key, ConfValue v) throws ConfException {
        long n = ServerOptionsReader.integer(v);
        if (n > MAX_SUB_TOKENS_LIMIT) {
            throw new ConfException(v.reportPosition(), key + " value is too big", Long.toString(n));
        }
        if (n <= 0) {
            throw new ConfException(v.reportPosition(), key + " value can not be negative", Long.toString(n));
        }
        return (int) n;
    }

    private static Map<String, String> metadata(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "error parsing server_metadata: unsupported type "
                    + v.typeName(), "server_metadata");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            out.put(e.getKey(), BlockValues.string(e.getValue()));
        }
        return out;
    }

    private static Map<String, Boolean> featureFlags(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "error parsing feature_flags: unsupported type "
                    + v.typeName(), "feature_flags");
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(v.asMap().keySet());
        for (String k : keys) {
            ConfValue flag = v.asMap().get(k);
            if (!(flag.plain() instanceof Boolean b)) {
                throw new ConfException(flag.reportPosition(), "error parsing feature flag \"" + k
                        + "\": expected a boolean, got " + flag.typeName(), k);
            }
            out.put(k, b);
        }
        return out;
    }
}
