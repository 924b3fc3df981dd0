package io.jnatsd.config;

import io.jnatsd.tls.ocsp.OcspCacheConfig;
import io.jnatsd.tls.ocsp.OcspMode;
import io.jnatsd.tls.ocsp.OcspOptions;
import io.jnatsd.tls.ocsp.OcspPeerConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of the {@code ocsp} and {@code ocsp_cache} cases of {@code processConfigFileLine} in
 * {@code server/opts.go} (and of {@code parseOCSPResponseCache} in {@code server/ocsp_responsecache.go}):
 * reads both top-level blocks; with the client {@code tls { ocsp_peer }} they make
 * {@link OcspOptions}. Not thread-safe: one per file read.
 */
final class OcspOptionsReader {

    private OcspMode mode;
    private List<String> urls = List.of();
    private OcspCacheConfig cache;

    /** Reads {@code ocsp: bool} or {@code ocsp { mode, url, urls }}. */
    void readOcsp(ConfValue v) throws ConfException {
        if (v.plain() instanceof Boolean b) {
            mode = b ? OcspMode.AUTO : OcspMode.NEVER;
            return;
        }
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "error parsing ocsp config: unsupported type "
                    + v.typeName(), "ocsp");
        }
        mode = OcspMode.AUTO;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue value = e.getValue();
            switch (e.getKey()) {
                case "mode" -> mode = mode(value);
                case "urls" -> urls = BlockValues.strings(value, "urls");
                case "url" -> urls = List.of(BlockValues.string(value));
                default -> throw new ConfException(value.reportPosition(),
                        "error parsing ocsp config: unsupported field " + e.getKey(), e.getKey());
            }
        }
    }

    private static OcspMode mode(ConfValue v) throws ConfException {
        String s = BlockValues.string(v);
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "always" -> OcspMode.ALWAYS;
            case "must" -> OcspMode.MUST;
            case "never" -> OcspMode.NEVER;
            case "auto" -> OcspMode.AUTO;
            default -> throw new ConfException(v.reportPosition(), "error parsing ocsp config: unsupported ocsp mode "
                    + s, s);
        };
    }

    /** Reads {@code ocsp_cache: bool} or the long form. */
    void readCache(ConfValue v) throws ConfException {
        OcspCacheConfig d = OcspCacheConfig.defaults();
        if (v.plain() instanceof Boolean b) {
            cache = new OcspCacheConfig(b, d.localStore(), d.preserveRevoked(), d.saveInterval());
            return;
        }
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "error parsing tags: unsupported type " + v.typeName(),
                    "ocsp_cache");
        }
        boolean local = true;
        Path store = d.localStore();
        boolean preserve = false;
        Duration save = d.saveInterval();
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue value = e.getValue();
            String k = e.getKey();
            switch (k.toLowerCase(Locale.ROOT)) {
                case "type" -> local = cacheType(value, k);
                case "local_store" -> store = Path.of(string(value, k));
                case "preserve_revoked" -> preserve = bool(value, k);
                case "save_interval" -> save = saveInterval(value);
                default -> throw unknown(value, k);
            }
        }
        cache = new OcspCacheConfig(local, store, preserve, save);
    }

    private static boolean cacheType(ConfValue v, String key) throws ConfException {
        String s = string(v, key);
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "local" -> true;
            case "none" -> false;
            default -> throw new ConfException(v.reportPosition(),
                    "error parsing OCSP peer cache config, unknown type [" + s + "]", s);
        };
    }

    private static Duration saveInterval(ConfValue v) throws ConfException {
        Duration read = OcspPeerReader.seconds(v);
        Duration whole = Duration.ofSeconds(read.toSeconds());
        return whole.compareTo(OcspCacheConfig.SAVE_INTERVAL_MIN) < 0 ? OcspCacheConfig.SAVE_INTERVAL_MIN : whole;
    }

    private static String string(ConfValue v, String key) throws ConfException {
        if (v.plain() instanceof String s) {
            return s;
        }
        throw unknown(v, key);
    }

    private static boolean bool(ConfValue v, String key) throws ConfException {
        if (v.plain() instanceof Boolean b) {
            return b;
        }
        throw unknown(v, key);
    }

    private static ConfException unknown(ConfValue v, String key) {
        return new ConfException(v.reportPosition(), "error parsing OCSP peer cache config, unknown field [\""
                + key + "\"]", key);
    }

    /** Puts the OCSP options into {@code builder} when any of the three was configured. */
    void apply(ServerOptions.Builder builder, OcspPeerConfig peer) {
        if (mode == null && cache == null && peer == null) {
            return;
        }
        builder.ocsp(new OcspOptions(mode, new ArrayList<>(urls), peer, cache));
    }
}
