package io.jnatsd.config;

import io.jnatsd.account.AccountJetStream;
import io.jnatsd.account.JetStreamAccountLimits;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code parseJetStreamForAccount} in {@code server/opts.go}: an account's {@code jetstream} value, a
 * boolean, {@code "enabled"}/{@code "disabled"}, or a map of limits, read into an {@link AccountJetStream} with the
 * reference's error texts. Stateless.
 */
final class AccountJetStreamReader {

    private AccountJetStreamReader() {
    }

    /** The limits being read; -1 for each until set. */
    private static final class Limits {
        long maxMemory = -1;
        long maxStore = -1;
        int maxStreams = -1;
        int maxConsumers = -1;
        int maxAckPending = -1;
        long memoryMaxStreamBytes = -1;
        long storeMaxStreamBytes = -1;
        boolean maxBytesRequired;
        String clusterTraffic = "";

        AccountJetStream build() {
            return AccountJetStream.of(new JetStreamAccountLimits(maxMemory, maxStore, maxStreams, maxConsumers,
                maxAckPending, memoryMaxStreamBytes, storeMaxStreamBytes, maxBytesRequired))
                .withClusterTraffic(clusterTraffic);
        }
    }

    /**
     * @param v the {@code jetstream} value of an account
     * @return what it enables
     * @throws ConfException with the reference's message for a value of the wrong type
     */
    static AccountJetStream read(ConfValue v) throws ConfException {
        Object plain = v.plain();
        if (plain instanceof Boolean b) {
            return b ? AccountJetStream.UNLIMITED : AccountJetStream.DISABLED;
        }
        if (plain instanceof String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "enabled", "enable" -> AccountJetStream.UNLIMITED;
                case "disabled", "disable" -> AccountJetStream.DISABLED;
                default -> throw new ConfException(v.reportPosition(),
                    "Expected 'enabled' or 'disabled' for string value, got '" + s + "'", null);
            };
        }
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Expected map, bool or string to define JetStream, got "
                + goType(plain), null);
        }
        Limits l = new Limits();
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            readKey(l, e.getKey(), e.getValue());
        }
        return l.build();
    }

    private static void readKey(Limits l, String key, ConfValue value) throws ConfException {
        switch (key.toLowerCase(Locale.ROOT)) {
            case "max_memory", "max_mem", "mem", "memory" -> l.maxMemory = size(key, value);
            case "max_store", "max_file", "max_disk", "store", "disk" -> l.maxStore = size(key, value);
            case "max_streams", "streams" -> l.maxStreams = (int) size(key, value);
            case "max_consumers", "consumers" -> l.maxConsumers = (int) size(key, value);
            case "max_bytes_required", "max_stream_bytes", "max_bytes" -> {
                if (!(value.plain() instanceof Boolean b)) {
                    throw new ConfException(value.reportPosition(), "Expected a parseable bool for \"" + key
                        + "\", got " + goValue(value.plain()), null);
                }
                l.maxBytesRequired = b;
            }
            case "mem_max_stream_bytes", "memory_max_stream_bytes" -> l.memoryMaxStreamBytes = size(key, value);
            case "disk_max_stream_bytes", "store_max_stream_bytes" -> l.storeMaxStreamBytes = size(key, value);
            case "max_ack_pending" -> l.maxAckPending = (int) size(key, value);
            case "cluster_traffic" -> l.clusterTraffic = clusterTraffic(key, value);
            default -> {
                if (!value.isUsedAsVariable()) {
                    throw new ConfException(value.reportPosition(), "unknown field \"" + key + "\"", key);
                }
            }
        }
    }

    private static long size(String key, ConfValue value) throws ConfException {
        if (value.plain() instanceof Long n) {
            return n;
        }
        throw new ConfException(value.reportPosition(), "Expected a parseable size for \"" + key + "\", got "
            + goValue(value.plain()), null);
    }

    private static String clusterTraffic(String key, ConfValue value) throws ConfException {
        if (!(value.plain() instanceof String s)) {
            throw new ConfException(value.reportPosition(), "Expected either 'system' or 'owner' string value for \""
                + key + "\", got " + goValue(value.plain()), null);
        }
        return switch (s) {
            case "system", "" -> "";
            case "owner" -> "owner";
            default -> throw new ConfException(value.reportPosition(), "Expected 'system' or 'owner' string value"
                + " for \"" + key + "\", got " + s, null);
        };
    }

    /** Go's {@code %T} of a conf value. */
    static String goType(Object plain) {
        return switch (plain) {
            case Long n -> "int64";
            case Double d -> "float64";
            case List<?> list -> "[]interface {}";
            case java.time.Instant t -> "time.Time";
            case null -> "<nil>";
            default -> plain.getClass().getSimpleName();
        };
    }

    /** Go's {@code %v} of a conf value, for the common kinds. */
    static String goValue(Object plain) {
        return switch (plain) {
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e21 -> String.valueOf(d.longValue());
            case List<?> list -> "[" + String.join(" ", list.stream().map(AccountJetStreamReader::goValue).toList())
                + "]";
            case Map<?, ?> m -> "map[" + String.join(" ", m.entrySet().stream()
                .map(e -> e.getKey() + ":" + goValue(e.getValue())).sorted().toList()) + "]";
            case null -> "<nil>";
            default -> String.valueOf(plain);
        };
    }
}
