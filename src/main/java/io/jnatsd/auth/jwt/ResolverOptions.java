package io.jnatsd.auth.jwt;

import java.time.Duration;

/**
 * The {@code resolver} of the conf file ({@code server/opts.go}, case {@code resolver}): which
 * account resolver a server in operator mode uses and how. Immutable.
 *
 * @param type        which resolver
 * @param url         the base URL of {@link Type#URL}, else null
 * @param dir         the directory of {@link Type#FULL} and {@link Type#CACHE}, else null
 * @param limit       most account JWTs kept in {@code dir}; 0 for the reference's default
 *                    (no limit for FULL, 1000 for CACHE)
 * @param ttl         how long CACHE keeps a JWT; zero for the JWT's own expiry
 * @param interval    how often FULL compares its directory with the other servers' (PACK); zero for one minute
 * @param timeout     how long a fetch from other servers (or the URL) may take; zero for the default
 * @param allowDelete whether FULL honours {@code $SYS.REQ.CLAIMS.DELETE}
 * @param hardDelete  whether a delete removes the file (else renames it to {@code .jwt.deleted})
 */
public record ResolverOptions(Type type, String url, String dir, long limit, Duration ttl, Duration interval,
                              Duration timeout, boolean allowDelete, boolean hardDelete) {

    /** The reference's {@code DEFAULT_ACCOUNT_FETCH_TIMEOUT}. */
    public static final Duration FETCH_TIMEOUT_DEFAULT = Duration.ofMillis(1900);
    /** The reference's default sync interval of the FULL resolver. */
    public static final Duration INTERVAL_DEFAULT = Duration.ofMinutes(1);
    /** The reference's default limit of the CACHE resolver. */
    public static final long CACHE_LIMIT_DEFAULT = 1_000;

    /** Twin of the reference's resolver kinds. */
    public enum Type {
        /** {@code MemAccResolver}: preloaded JWTs in memory. */
        MEMORY,
        /** {@code URLAccResolver}: JWTs fetched over HTTP. */
        URL,
        /** {@code DirAccResolver}: every JWT in a directory, kept in step through the system account. */
        FULL,
        /** {@code CacheDirAccResolver}: some JWTs in a directory, fetched from other servers. */
        CACHE
    }

    public ResolverOptions {
        ttl = ttl == null ? Duration.ZERO : ttl;
        interval = interval == null ? Duration.ZERO : interval;
        timeout = timeout == null ? Duration.ZERO : timeout;
    }

    /** The MEMORY resolver. */
    public static ResolverOptions memory() {
        return new ResolverOptions(Type.MEMORY, null, null, 0, null, null, null, false, false);
    }

    /** The URL resolver for {@code baseUrl}. */
    public static ResolverOptions url(String baseUrl) {
        return new ResolverOptions(Type.URL, baseUrl, null, 0, null, null, null, false, false);
    }

    /** A FULL resolver in {@code dir}, with the reference's defaults. */
    public static ResolverOptions full(String dir, boolean allowDelete) {
        return new ResolverOptions(Type.FULL, null, dir, 0, null, null, null, allowDelete, false);
    }

    /** A CACHE resolver in {@code dir}, with the reference's defaults. */
    public static ResolverOptions cache(String dir) {
        return new ResolverOptions(Type.CACHE, null, dir, 0, null, null, null, false, false);
    }

    /** The fetch timeout in effect. */
    public Duration fetchTimeout() {
        return timeout.isZero() ? FETCH_TIMEOUT_DEFAULT : timeout;
    }

    /** The sync interval in effect. */
    public Duration syncInterval() {
        return interval.isZero() || interval.isNegative() ? INTERVAL_DEFAULT : interval;
    }
}
