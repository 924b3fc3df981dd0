package io.jnatsd.config;

import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.account.LatencyConfig;
import io.jnatsd.subject.Subjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code parseExportStreamOrService}, {@code parseImportStreamOrService} and
 * {@code parseAccount} in {@code server/opts.go}: one entry of {@code exports} or
 * {@code imports}.
 */
final class ExportImportReader {

    private ExportImportReader() {
    }

    static ExportConfig export(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Export Items should be a map with type entry, got "
                    + v.typeName(), null);
        }
        Boolean service = null;
        String subject = null;
        List<String> accounts = List.of();
        ExportConfig.ResponseType rt = null;
        LatencyConfig latency = null;
        ConfValue latencyAt = null;
        Boolean allowTrace = null;
        ConfValue traceAt = null;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue value = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "stream", "service" -> {
                    boolean isService = e.getKey().equalsIgnoreCase("service");
                    if (service != null) {
                        throw new ConfException(value.reportPosition(), "Detected " + (isService ? "service" : "stream")
                                + " \"" + value.plain() + "\" but already saw a " + (isService ? "stream" : "service"),
                                null);
                    }
                    service = isService;
                    subject = subject(value, isService ? "service" : "stream");
                }
                case "response", "response_type" -> rt = responseType(value);
                case "accounts" -> accounts = names(value);
                case "latency" -> {
                    latency = LatencyReader.read(value);
                    latencyAt = value;
                }
                case "allow_trace" -> {
                    allowTrace = ServerOptionsReader.bool(value);
                    traceAt = value;
                }
                case "threshold", "response_threshold", "response_max_time", "response_time",
                     "account_token_position" -> {
                    // Accepted: response thresholds and token positions change no delivery here.
                }
                default -> unknown(e.getKey(), value);
            }
        }
        if (service == null) {
            throw new ConfException(v.reportPosition(), "Export Items should have a stream or a service entry", null);
        }
        if (rt != null && !service) {
            throw new ConfException(v.reportPosition(), "Detected response directive on non-service", null);
        }
        if (latency != null && !service) {
            throw new ConfException(latencyAt.reportPosition(), "Detected latency directive on non-service", null);
        }
        if (allowTrace != null && !service) {
            throw new ConfException(traceAt.reportPosition(), "Detected allow_trace directive on non-service", null);
        }
        return new ExportConfig(service, subject, accounts, rt, latency, allowTrace != null && allowTrace);
    }

    static ImportConfig importOf(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Import Items should be a map with type entry, got "
                    + v.typeName(), null);
        }
        Boolean service = null;
        String[] from = null;
        String to = null;
        String prefix = null;
        boolean share = false;
        boolean allowTrace = false;
        ConfValue traceAt = null;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue value = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "stream", "service" -> {
                    boolean isService = e.getKey().equalsIgnoreCase("service");
                    if (service != null) {
                        throw new ConfException(value.reportPosition(), "Detected " + (isService ? "service" : "stream")
                                + " but already saw a " + (isService ? "stream" : "service"), null);
                    }
                    service = isService;
                    from = accountAndSubject(value, isService);
                }
                case "to" -> to = ServerOptionsReader.string(value);
                case "prefix" -> prefix = ServerOptionsReader.string(value);
                case "share" -> share = ServerOptionsReader.bool(value);
                case "allow_trace" -> {
                    allowTrace = ServerOptionsReader.bool(value);
                    traceAt = value;
                }
                default -> unknown(e.getKey(), value);
            }
        }
        if (service == null) {
            throw new ConfException(v.reportPosition(), "Import Items should have a stream or a service entry", null);
        }
        if (service && traceAt != null) {
            throw new ConfException(traceAt.reportPosition(), "Detected allow_trace directive on a non-stream", null);
        }
        if (!service && prefix != null && to != null) {
            throw new ConfException(v.reportPosition(), "Stream import can not have a 'prefix' and a 'to' property",
                    null);
        }
        return new ImportConfig(service, from[0], from[1], to, service ? null : prefix, share, allowTrace);
    }

    private static String[] accountAndSubject(ConfValue v, boolean service) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), (service ? "Service" : "Stream")
                    + " entry should be an account map, got " + v.typeName(), null);
        }
        String account = null;
        String subject = null;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "account" -> account = ServerOptionsReader.string(e.getValue());
                case "subject" -> subject = subject(e.getValue(), "subject");
                default -> unknown(e.getKey(), e.getValue());
            }
        }
        if (account == null || subject == null) {
            throw new ConfException(v.reportPosition(), "Expect an account name and a subject", null);
        }
        return new String[] {account, subject};
    }

    private static String subject(ConfValue v, String what) throws ConfException {
        if (!(v.plain() instanceof String s)) {
            throw new ConfException(v.reportPosition(), "Expected " + what + " name to be string, got "
                    + v.typeName(), null);
        }
        if (!Subjects.isValidSubject(s)) {
            throw new ConfException(v.reportPosition(), "subject \"" + s + "\" is not a valid subject", s);
        }
        return s;
    }

    private static ExportConfig.ResponseType responseType(ConfValue v) throws ConfException {
        String s = ServerOptionsReader.string(v);
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "single", "singleton" -> ExportConfig.ResponseType.SINGLETON;
            case "stream" -> ExportConfig.ResponseType.STREAM;
            case "chunk", "chunked" -> ExportConfig.ResponseType.CHUNKED;
            default -> throw new ConfException(v.reportPosition(), "Unknown response type: \"" + s + "\"", s);
        };
    }

    private static List<String> names(ConfValue v) throws ConfException {
        if (!v.isList()) {
            throw new ConfException(v.reportPosition(), "Expected accounts to be an array, got " + v.typeName(), null);
        }
        List<String> out = new ArrayList<>();
        for (ConfValue n : v.asList()) {
            out.add(ServerOptionsReader.string(n));
        }
        return out;
    }

    private static void unknown(String key, ConfValue value) throws ConfException {
        if (!value.isUsedAsVariable()) {
            throw new ConfException(value.reportPosition(), "unknown field \"" + key + "\"", key);
        }
    }
}
