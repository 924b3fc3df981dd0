package io.jnatsd.auth.jwt;

/**
 * Twin of the {@code AccountResolver} interface of {@code server/accounts.go}: where a server
 * in operator mode finds the JWT of an account it has not seen yet. Implementations are
 * thread-safe.
 */
public interface AccountResolver extends AutoCloseable {

    /**
     * The JWT of the account {@code accountKey}. May block (a file, an HTTP request, a
     * request to other servers), at most the resolver's timeout.
     *
     * @throws JwtException when there is none, saying why
     */
    String fetch(String accountKey);

    /**
     * The JWT of {@code accountKey} as {@link #fetch}, without asking other servers (a directory
     * resolver's cluster lookup): what an event loop may wait for. The default is {@link #fetch}.
     *
     * @throws JwtException when there is none here, saying why
     */
    default String fetchWithoutAsking(String accountKey) {
        return fetch(accountKey);
    }

    /**
     * Keeps {@code jwt} as the JWT of {@code accountKey} (a preload, or a JWT fetched from
     * elsewhere).
     *
     * @throws JwtException when the resolver is read-only or the JWT cannot be kept
     */
    void store(String accountKey, String jwt);

    /** Whether {@link #store} is refused (the URL resolver). */
    boolean readOnly();

    /** Stops background work. The default has none. Idempotent. */
    @Override
    default void close() {
    }

    /**
     * The resolver {@code options} ask for. A directory resolver creates its directory.
     *
     * @throws JwtException when it cannot be made
     */
    static AccountResolver create(ResolverOptions options) {
        return switch (options.type()) {
            case MEMORY -> new MemoryResolver();
            case URL -> new UrlResolver(options.url(), options.fetchTimeout());
            case FULL, CACHE -> new DirResolver(options);
        };
    }
}
