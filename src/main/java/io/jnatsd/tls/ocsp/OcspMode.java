package io.jnatsd.tls.ocsp;

/** The stapling modes of the top-level {@code ocsp} block (the reference's {@code OCSPMode}). */
public enum OcspMode {
    /** Staple only when the certificate has Must-Staple; never shut down. */
    AUTO,
    /** Always staple; refuse to start, or shut down, when the status is not good. */
    ALWAYS,
    /** Never staple, even with Must-Staple. */
    NEVER,
    /** Staple with Must-Staple, and then refuse to start, or shut down, when revoked. */
    MUST
}
