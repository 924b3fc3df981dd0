package io.jnatsd.tls;

import java.util.Set;

/**
 * Who may start a TLS session on the client port besides what the handshake checks: the
 * {@code pinned_certs} and {@code connection_rate_limit} of the {@code tls {}} block (the
 * reference's {@code TLSPinnedCerts} and {@code TLSRateLimit}). Immutable.
 *
 * @param pinnedCerts                lower-case hex SHA-256 digests of the DER SubjectPublicKeyInfo of
 *                                   the client certificates let in; empty for any
 * @param connectionRateLimitPerSecond TLS connections accepted per second; 0 for no limit
 */
public record TlsAdmission(Set<String> pinnedCerts, long connectionRateLimitPerSecond) {

    /** No pinning, no rate limit. */
    public static final TlsAdmission NONE = new TlsAdmission(Set.of(), 0);

    public TlsAdmission {
        pinnedCerts = pinnedCerts == null ? Set.of() : Set.copyOf(pinnedCerts);
    }

    public TlsAdmission withPinnedCerts(Set<String> v) {
        return new TlsAdmission(v, connectionRateLimitPerSecond);
    }

    public TlsAdmission withConnectionRateLimit(long perSecond) {
        return new TlsAdmission(pinnedCerts, perSecond);
    }
}
