package io.jnatsd.tls.ocsp;

import java.util.List;

/**
 * Everything OCSP of one server: stapling (the top-level {@code ocsp} block), the peer check of
 * client certificates ({@code tls { ocsp_peer }}) and its response cache ({@code ocsp_cache}).
 * Immutable.
 *
 * @param mode         the stapling mode; {@link OcspMode#AUTO} when there is no {@code ocsp} block
 * @param overrideUrls responders to ask instead of the certificate's AIA ({@code url}, {@code urls})
 * @param peer         {@code tls { ocsp_peer }}, or null
 * @param cache        {@code ocsp_cache}, or null for the default (local) cache
 */
public record OcspOptions(OcspMode mode, List<String> overrideUrls, OcspPeerConfig peer, OcspCacheConfig cache) {

    /** No {@code ocsp}, {@code ocsp_cache} or {@code ocsp_peer}: stapling for Must-Staple certificates only. */
    public static final OcspOptions NONE = new OcspOptions(OcspMode.AUTO, List.of(), null, null);

    public OcspOptions {
        mode = mode == null ? OcspMode.AUTO : mode;
        overrideUrls = overrideUrls == null ? List.of() : List.copyOf(overrideUrls);
    }

    /** True when client certificates are checked. */
    public boolean peerVerify() {
        return peer != null && peer.verify();
    }

    /** The cache in force: the configured one, or the reference's default. */
    public OcspCacheConfig cacheOrDefault() {
        return cache == null ? OcspCacheConfig.defaults() : cache;
    }
}
