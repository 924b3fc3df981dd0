package io.jnatsd.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The value readers the block readers share ({@code gateway}, {@code leafnodes},
 * {@code websocket}, {@code mqtt}): typed scalars with the reference's errors, string lists,
 * {@code listen} addresses, the {@code parseSimpleAuth} block, and the start-up warning that
 * names an option read but not acted on. Stateless.
 */
final class BlockValues {

    /** The host a listener binds when a block sets a port and no host (the reference's DEFAULT_HOST). */
    static final String DEFAULT_HOST = "0.0.0.0";

    private BlockValues() {
    }

    /** {@code host: port} or {@code port}, as {@code parseListen} reads it. */
    static ServerOptionsReader.HostPort listen(ConfValue v) throws ConfException {
        if (v.plain() instanceof Long port) {
            return new ServerOptionsReader.HostPort(null, port.intValue());
        }
        return ServerOptionsReader.HostPort.parse(ServerOptionsReader.string(v), v);
    }

    static String string(ConfValue v) throws ConfException {
        return ServerOptionsReader.string(v);
    }

    static int integer(ConfValue v) throws ConfException {
        return (int) ServerOptionsReader.integer(v);
    }

    static boolean bool(ConfValue v) throws ConfException {
        return ServerOptionsReader.bool(v);
    }

    static Duration duration(ConfValue v, String field) throws ConfException {
        return ConfDurations.fromValue(v, field);
    }

    /** A string or a list of strings ({@code parseStringArray}). */
    static List<String> strings(ConfValue v, String what) throws ConfException {
        List<String> out = new ArrayList<>();
        if (v.isList()) {
            for (ConfValue item : v.asList()) {
                out.add(string(item));
            }
        } else if (v.plain() instanceof String s) {
            out.add(s);
        } else {
            throw new ConfException(v.reportPosition(), "error parsing " + what + ": unsupported type "
                    + v.typeName(), String.valueOf(v.plain()));
        }
        return List.copyOf(out);
    }

    /** Seconds as the reference's auth blocks give them: an integer or a float, as a duration. */
    static Duration seconds(ConfValue v) throws ConfException {
        if (v.plain() instanceof Number n) {
            return Duration.ofNanos((long) (n.doubleValue() * 1_000_000_000L));
        }
        if (v.plain() instanceof String s) {
            return ConfDurations.parse(s);
        }
        throw new ConfException(v.reportPosition(), "error parsing authorization config, 'timeout' wrong type",
                String.valueOf(v.plain()));
    }

    /** The {@code write_timeout} policy: {@code default}, {@code close} or {@code retry}. */
    static String writeTimeoutPolicy(ConfValue v) throws ConfException {
        String s = string(v).toLowerCase(Locale.ROOT);
        if (!Set.of("default", "close", "retry").contains(s)) {
            throw new ConfException(v.reportPosition(), "write_timeout must be 'default', 'close' or 'retry'", s);
        }
        return s;
    }

    /**
     * The compression setting of leaf nodes ({@code parseCompression}): a boolean, a mode string or a
     * map with {@code mode}; {@code true} means the default mode.
     */
    static String compression(ConfValue v, String defaultMode) throws ConfException {
        Object plain = v.plain();
        String mode;
        if (plain instanceof Boolean b) {
            mode = b ? defaultMode : "off";
        } else if (v.isMap()) {
            ConfValue m = v.asMap().get("mode");
            mode = m == null ? defaultMode : string(m);
        } else {
            mode = string(v);
        }
        String lower = mode.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "off", "disabled", "false" -> "off";
            case "accept", "s2_auto", "s2_uncompressed", "s2_fast", "s2_better", "s2_best" -> lower;
            case "on", "enabled", "true" -> defaultMode;
            default -> throw new ConfException(v.reportPosition(), "unsupported compression mode \"" + mode + "\"",
                    mode);
        };
    }

    /** Refuses keys of a block the reference does not know (unless used as variables). */
    static void checkKeys(ConfValue block, Set<String> known, String blockName) throws ConfException {
        List<ConfException> unknown = ConfKeys.unknownKeys(block, known, blockName);
        if (!unknown.isEmpty()) {
            throw unknown.get(0);
        }
    }

    /** Checks a nested {@code tls {}} block's keys; its meaning belongs to the TLS room. */
    static boolean tls(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Expected tls to be a map, got " + v.typeName(), "tls");
        }
        checkKeys(v, ConfKeys.TLS, "tls");
        return true;
    }

    /** One warning per option of a block that jnatsd reads but does not act on yet. */
    static void warnEach(String blockName, ConfValue block, List<String> warnings) throws ConfException {
        for (Map.Entry<String, ConfValue> e : block.asMap().entrySet()) {
            warnings.add(noEffect(e.getValue(), blockName + "." + e.getKey()));
        }
    }

    /** The start-up warning for an option that jnatsd reads and checks but does not act on yet. */
    static String noEffect(ConfValue value, String option) {
        return value.reportPosition() + ": option \"" + option
                + "\" is parsed but not implemented by jnatsd yet; it has no effect";
    }

    /** The {@code authorization} block of websocket and mqtt ({@code parseSimpleAuth}). */
    record SimpleAuth(String user, String password, String token, Duration timeout) {
        static final SimpleAuth NONE = new SimpleAuth(null, null, null, null);

        static SimpleAuth read(ConfValue v, String blockName) throws ConfException {
            checkKeys(v, Set.of("user", "username", "pass", "password", "token", "timeout"),
                    blockName + " authorization");
            String user = null;
            String password = null;
            String token = null;
            Duration timeout = null;
            for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
                ConfValue value = e.getValue();
                switch (e.getKey().toLowerCase(Locale.ROOT)) {
                    case "user", "username" -> user = string(value);
                    case "pass", "password" -> password = string(value);
                    case "token" -> token = string(value);
                    case "timeout" -> timeout = seconds(value);
                    default -> {
                        // a key only used as a variable
                    }
                }
            }
            return new SimpleAuth(user, password, token, timeout);
        }

        @Override
        public String toString() {
            return "SimpleAuth[user=" + user + ", password=" + (password == null ? "null" : "[REDACTED]")
                    + ", token=" + (token == null ? "null" : "[REDACTED]") + ", timeout=" + timeout + "]";
        }
    }
}
