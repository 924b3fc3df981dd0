package io.jnatsd.config;

import io.jnatsd.auth.jwt.ResolverOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twin of case {@code resolver} of {@code processConfigFileLine} in {@code server/opts.go}: the
 * string forms {@code MEMORY} and {@code URL(<url>)} and the block
 * {@code { type: full|cache|mem, dir, allow_delete, hard_delete, limit, ttl, interval, timeout }},
 * with the reference's errors. Stateless.
 */
final class ResolverOptionsReader {

    /** The reference's {@code memResolverRe}. */
    private static final Pattern MEMORY = Pattern.compile("(?i)(MEM|MEMORY)\\s*");
    /** The reference's {@code resolverRe}. */
    private static final Pattern URL = Pattern.compile("(?i)(?:URL)(?:\\(\\s*\"?([^\\s\"]*)\"?\\s*\\))?\\s*");
    static final String WRONG_FORM = "error parsing account resolver, should be MEM or "
            + " URL(\"url\") or a map containing dir and type state=[FULL|CACHE])";

    private ResolverOptionsReader() {
    }

    static ResolverOptions read(ConfValue v) throws ConfException {
        if (v.value() instanceof String s) {
            return fromString(s, v);
        }
        if (v.isMap()) {
            return fromMap(v.asMap(), v);
        }
        throw new ConfException(v.reportPosition(), "error parsing operator resolver, wrong type " + v.typeName(),
                "resolver");
    }

    private static ResolverOptions fromString(String s, ConfValue at) throws ConfException {
        if (MEMORY.matcher(s).find()) {
            return ResolverOptions.memory();
        }
        Matcher m = URL.matcher(s);
        if (!m.find()) {
            throw new ConfException(at.reportPosition(), WRONG_FORM, "resolver");
        }
        String url = m.group(1) == null ? "" : m.group(1).trim();
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(url, "no scheme or host");
            }
        } catch (URISyntaxException e) {
            throw new ConfException(at.reportPosition(), "error parsing account resolver url [\"" + url + "\"]",
                    "resolver");
        }
        return ResolverOptions.url(url);
    }

    private static ResolverOptions fromMap(Map<String, ConfValue> map, ConfValue at) throws ConfException {
        String dir = "";
        String type = "";
        boolean allowDelete = false;
        Boolean hardDelete = null;
        long limit = 0;
        Duration ttl = Duration.ZERO;
        Duration interval = Duration.ZERO;
        Duration timeout = Duration.ZERO;
        for (Map.Entry<String, ConfValue> e : map.entrySet()) {
            ConfValue v = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "dir" -> dir = ServerOptionsReader.string(v);
                case "type" -> type = ServerOptionsReader.string(v);
                case "allow_delete" -> allowDelete = ServerOptionsReader.bool(v);
                case "hard_delete" -> hardDelete = ServerOptionsReader.bool(v);
                case "limit" -> limit = ServerOptionsReader.integer(v);
                case "ttl" -> ttl = duration(v, "ttl");
                case "interval" -> interval = duration(v, "interval");
                case "timeout" -> timeout = duration(v, "timeout");
                default -> {
                    // The reference ignores other keys of the block.
                }
            }
        }
        String kind = type.toUpperCase(Locale.ROOT);
        switch (kind) {
            case "CACHE" -> {
                checkDir(dir, at);
                if (!interval.isZero()) {
                    throw new ConfException(at.reportPosition(), "CACHE does not accept sync", "resolver");
                }
                if (allowDelete) {
                    throw new ConfException(at.reportPosition(), "CACHE does not accept allow_delete", "resolver");
                }
                if (hardDelete != null) {
                    throw new ConfException(at.reportPosition(), "CACHE does not accept hard_delete", "resolver");
                }
                return new ResolverOptions(ResolverOptions.Type.CACHE, null, dir, limit, ttl, null, timeout, false,
                        false);
            }
            case "FULL" -> {
                checkDir(dir, at);
                if (!ttl.isZero()) {
                    throw new ConfException(at.reportPosition(), "FULL does not accept ttl", "resolver");
                }
                if (hardDelete != null && !allowDelete) {
                    throw new ConfException(at.reportPosition(), "hard_delete has no effect without delete",
                            "resolver");
                }
                return new ResolverOptions(ResolverOptions.Type.FULL, null, dir, limit, null, interval, timeout,
                        allowDelete, Boolean.TRUE.equals(hardDelete));
            }
            case "MEM", "MEMORY" -> {
                return ResolverOptions.memory();
            }
            default -> throw new ConfException(at.reportPosition(), WRONG_FORM, "resolver");
        }
    }

    /** The reference reads these with {@code time.ParseDuration}: strings only. */
    private static Duration duration(ConfValue v, String field) throws ConfException {
        if (!(v.value() instanceof String s)) {
            throw new ConfException(v.reportPosition(), "error parsing " + field + ": not a duration string", field);
        }
        if (!Pattern.matches("\\s*[0-9.]+[a-zµ]+.*", s)) {
            throw new ConfException(v.reportPosition(), "time: missing unit in duration \"" + s + "\"", field);
        }
        return ConfDurations.fromValue(v, field);
    }

    private static void checkDir(String dir, ConfValue at) throws ConfException {
        if (dir.isEmpty()) {
            throw new ConfException(at.reportPosition(), "dir has no value and needs to point to a directory",
                    "resolver");
        }
        Path p = Path.of(dir);
        if (Files.exists(p) && (!Files.isDirectory(p) || !Files.isWritable(p))) {
            throw new ConfException(at.reportPosition(), "dir needs to point to an accessible directory", "resolver");
        }
    }
}
