package io.jnatsd.tls.ocsp;

import java.time.Duration;

/**
 * {@code tls { ocsp_peer {} }} (twin of {@code OCSPPeerConfig} in {@code server/certidp/certidp.go}).
 * Immutable.
 *
 * @param verify                 check client certificates against their OCSP responders
 * @param caTimeout              how long a responder may take ({@code ca_timeout})
 * @param allowedClockSkew       tolerance on the response's times ({@code allowed_clockskew})
 * @param ttlWhenNextUpdateUnset how long a response without NextUpdate stays current
 * @param warnOnly               log failures, never refuse
 * @param unknownIsGood          the "unknown" status passes
 * @param allowWhenCaUnreachable pass when no responder answers and no revocation is cached
 */
public record OcspPeerConfig(boolean verify, Duration caTimeout, Duration allowedClockSkew,
                             Duration ttlWhenNextUpdateUnset, boolean warnOnly, boolean unknownIsGood,
                             boolean allowWhenCaUnreachable) {

    public static final Duration CA_TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    public static final Duration ALLOWED_CLOCK_SKEW_DEFAULT = Duration.ofSeconds(30);
    public static final Duration TTL_WHEN_NEXT_UPDATE_UNSET_DEFAULT = Duration.ofHours(1);

    /** The reference's {@code NewOCSPPeerConfig} with {@code verify} set. */
    public static OcspPeerConfig defaults(boolean verify) {
        return new OcspPeerConfig(verify, CA_TIMEOUT_DEFAULT, ALLOWED_CLOCK_SKEW_DEFAULT,
                TTL_WHEN_NEXT_UPDATE_UNSET_DEFAULT, false, false, false);
    }
}
