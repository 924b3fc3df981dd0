package io.jnatsd.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Twin of {@code TLSConfigOpts} in {@code server/opts.go} for the client port's {@code tls {}}
 * block, plus the top-level {@code allow_non_tls}. Immutable.
 *
 * @param certFile               the server's certificate chain (PEM)
 * @param keyFile                the server's private key (PEM: PKCS#8, PKCS#1 RSA or SEC1 EC)
 * @param caFile                 the CAs client certificates must chain to (PEM), or null
 * @param verify                 require and verify a client certificate
 * @param verifyAndMap           as {@code verify}, and map the certificate to a configured user
 * @param timeout                how long a TLS handshake may take
 * @param handshakeFirst         TLS before INFO ({@code handshake_first})
 * @param handshakeFirstFallback with {@code handshakeFirst}: how long to wait for a ClientHello
 *                               before falling back to INFO first; zero for never
 * @param cipherSuites           the Go names of the TLS 1.2 cipher suites, empty for the defaults
 * @param curvePreferences       the Go names of the key exchange groups, empty for the defaults
 * @param minVersion             "1.2" or "1.3"
 * @param insecure               accepted as the reference accepts it; it has no effect on a server
 * @param allowNonTls            plain-text clients may connect too ({@code allow_non_tls})
 * @param admission              {@code pinned_certs} and {@code connection_rate_limit}
 */
public record TlsOptions(Path certFile, Path keyFile, Path caFile, boolean verify, boolean verifyAndMap,
                         Duration timeout, boolean handshakeFirst, Duration handshakeFirstFallback,
                         List<String> cipherSuites, List<String> curvePreferences, String minVersion,
                         boolean insecure, boolean allowNonTls, TlsAdmission admission) {

    /** The reference's TLS_TIMEOUT. */
    public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    /** The reference's DEFAULT_TLS_HANDSHAKE_FIRST_FALLBACK_DELAY ({@code handshake_first: auto}). */
    public static final Duration HANDSHAKE_FIRST_FALLBACK_DEFAULT = Duration.ofMillis(50);
    /** The lowest TLS version the reference accepts. */
    public static final String MIN_VERSION_DEFAULT = "1.2";

    public TlsOptions {
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? TIMEOUT_DEFAULT : timeout;
        handshakeFirstFallback = handshakeFirstFallback == null ? Duration.ZERO : handshakeFirstFallback;
        cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
        curvePreferences = curvePreferences == null ? List.of() : List.copyOf(curvePreferences);
        minVersion = minVersion == null ? MIN_VERSION_DEFAULT : minVersion;
        verify = verify || verifyAndMap;
        admission = admission == null ? TlsAdmission.NONE : admission;
    }

    /** The options without {@code pinned_certs} or {@code connection_rate_limit}. */
    public TlsOptions(Path certFile, Path keyFile, Path caFile, boolean verify, boolean verifyAndMap,
                      Duration timeout, boolean handshakeFirst, Duration handshakeFirstFallback,
                      List<String> cipherSuites, List<String> curvePreferences, String minVersion,
                      boolean insecure, boolean allowNonTls) {
        this(certFile, keyFile, caFile, verify, verifyAndMap, timeout, handshakeFirst, handshakeFirstFallback,
                cipherSuites, curvePreferences, minVersion, insecure, allowNonTls, TlsAdmission.NONE);
    }

    public TlsOptions withAdmission(TlsAdmission v) {
        return new TlsOptions(certFile, keyFile, caFile, verify, verifyAndMap, timeout, handshakeFirst,
                handshakeFirstFallback, cipherSuites, curvePreferences, minVersion, insecure, allowNonTls, v);
    }

    /** A server certificate and key, nothing else: the {@code --tls --tlscert --tlskey} flags. */
    public static TlsOptions of(Path certFile, Path keyFile) {
        return new TlsOptions(certFile, keyFile, null, false, false, null, false, null, null, null, null,
                false, false);
    }

    public TlsOptions withCaFile(Path v) {
        return new TlsOptions(certFile, keyFile, v, verify, verifyAndMap, timeout, handshakeFirst,
                handshakeFirstFallback, cipherSuites, curvePreferences, minVersion, insecure, allowNonTls, admission);
    }

    public TlsOptions withVerify(boolean v) {
        return new TlsOptions(certFile, keyFile, caFile, v, verifyAndMap, timeout, handshakeFirst,
                handshakeFirstFallback, cipherSuites, curvePreferences, minVersion, insecure, allowNonTls, admission);
    }

    public TlsOptions withVerifyAndMap(boolean v) {
        return new TlsOptions(certFile, keyFile, caFile, verify, v, timeout, handshakeFirst,
                handshakeFirstFallback, cipherSuites, curvePreferences, minVersion, insecure, allowNonTls, admission);
    }

    public TlsOptions withHandshakeFirst(boolean v, Duration fallback) {
        return new TlsOptions(certFile, keyFile, caFile, verify, verifyAndMap, timeout, v, fallback,
                cipherSuites, curvePreferences, minVersion, insecure, allowNonTls, admission);
    }

    public TlsOptions withTimeout(Duration v) {
        return new TlsOptions(certFile, keyFile, caFile, verify, verifyAndMap, v, handshakeFirst,
                handshakeFirstFallback, cipherSuites, curvePreferences, minVersion, insecure, allowNonTls, admission);
    }

    public TlsOptions withAllowNonTls(boolean v) {
        return new TlsOptions(certFile, keyFile, caFile, verify, verifyAndMap, timeout, handshakeFirst,
                handshakeFirstFallback, cipherSuites, curvePreferences, minVersion, insecure, v, admission);
    }

    public TlsOptions withCipherSuites(List<String> v) {
        return new TlsOptions(certFile, keyFile, caFile, verify, verifyAndMap, timeout, handshakeFirst,
                handshakeFirstFallback, v, curvePreferences, minVersion, insecure, allowNonTls, admission);
    }

    public TlsOptions withCurvePreferences(List<String> v) {
        return new TlsOptions(certFile, keyFile, caFile, verify, verifyAndMap, timeout, handshakeFirst,
                handshakeFirstFallback, cipherSuites, v, minVersion, insecure, allowNonTls, admission);
    }

    public TlsOptions withMinVersion(String v) {
        return new TlsOptions(certFile, keyFile, caFile, verify, verifyAndMap, timeout, handshakeFirst,
                handshakeFirstFallback, cipherSuites, curvePreferences, v, insecure, allowNonTls, admission);
    }

    /** INFO's {@code tls_required}: every client must speak TLS ({@code tls_available} otherwise). */
    public boolean required() {
        return !allowNonTls;
    }
}
