package io.jnatsd.tls.ocsp;

/**
 * The cache of the responses the peer check fetched (twin of the {@code OCSPResponseCache}
 * interface of {@code server/ocsp_responsecache.go}), keyed by certificate fingerprint.
 * Implementations are thread-safe.
 */
public interface OcspResponseCache {

    /** Stores {@code response} for {@code key}. */
    void put(String key, OcspResponse response, String subject);

    /** The raw response cached for {@code key}, or null. */
    byte[] get(String key);

    /** Drops {@code key} (a revoked response stays when the cache preserves them). */
    void delete(String key, boolean wasMiss);

    /** Loads what was saved and goes online. */
    void start();

    /** Goes offline and saves. */
    void stop();

    /** "local" or "none". */
    String type();

    /** What the cache holds and how it was used. */
    Stats stats();

    /** Counts (the reference's {@code OCSPResponseCacheStats}). */
    record Stats(long responses, long hits, long misses, long revokes, long goods, long unknowns) {
    }

    /** The cache of {@code config}. */
    static OcspResponseCache of(OcspCacheConfig config) {
        return config.local() ? new LocalResponseCache(config) : new NoOpResponseCache();
    }

    /** {@code type: none}: remembers nothing (the reference's {@code NoOpCache}). */
    final class NoOpResponseCache implements OcspResponseCache {

        @Override
        public void put(String key, OcspResponse response, String subject) {
        }

        @Override
        public byte[] get(String key) {
            return null;
        }

        @Override
        public void delete(String key, boolean wasMiss) {
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public String type() {
            return "none";
        }

        @Override
        public Stats stats() {
            return new Stats(0, 0, 0, 0, 0, 0);
        }
    }
}
