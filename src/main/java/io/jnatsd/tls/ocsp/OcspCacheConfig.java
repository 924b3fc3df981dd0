package io.jnatsd.tls.ocsp;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The top-level {@code ocsp_cache} block (twin of {@code OCSPResponseCacheConfig} in
 * {@code server/ocsp_responsecache.go}). Immutable.
 *
 * @param local           true for {@code type: local}, false for {@code none}
 * @param localStore      the directory of {@code cache.json} ({@code local_store})
 * @param preserveRevoked a revoked response is never dropped from the cache
 * @param saveInterval    how often a changed cache is written
 */
public record OcspCacheConfig(boolean local, Path localStore, boolean preserveRevoked, Duration saveInterval) {

    public static final Path LOCAL_STORE_DEFAULT = Path.of("_rc_");
    public static final Duration SAVE_INTERVAL_DEFAULT = Duration.ofMinutes(5);
    public static final Duration SAVE_INTERVAL_MIN = Duration.ofSeconds(1);

    /** The reference's {@code NewOCSPResponseCacheConfig}: local, {@code _rc_}, every 5 minutes. */
    public static OcspCacheConfig defaults() {
        return new OcspCacheConfig(true, LOCAL_STORE_DEFAULT, false, SAVE_INTERVAL_DEFAULT);
    }
}
