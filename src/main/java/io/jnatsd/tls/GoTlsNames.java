package io.jnatsd.tls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names the reference's {@code tls {}} block takes for cipher suites and curves (Go's
 * {@code crypto/tls} names, {@code server/ciphersuites.go}) and their JSSE twins. Stateless.
 */
public final class GoTlsNames {

    /** Go's secure suites; TLS 1.3 suites are always on, as in Go, whatever is configured. */
    static final Set<String> SECURE_CIPHERS = Set.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    /** Go's insecure suites: named, but refused as the reference refuses them without opt-in. */
    static final Set<String> INSECURE_CIPHERS = Set.of(
            "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
            "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    static final List<String> TLS13_CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    /** Go curve names to JSSE named groups, in the reference's default order. */
    static final Map<String, String> CURVES = curves();

    private GoTlsNames() {
    }

    private static Map<String, String> curves() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("X25519MLKEM768", "X25519MLKEM768");
        m.put("X25519", "x25519");
        m.put("CurveP256", "secp256r1");
        m.put("CurveP384", "secp384r1");
        m.put("CurveP521", "secp521r1");
        return Map.copyOf(m);
    }

    /**
     * Checks a {@code cipher_suites} entry as {@code parseCipher} does.
     *
     * @throws IllegalArgumentException with the reference's text
     */
    public static void checkCipher(String name) {
        if (INSECURE_CIPHERS.contains(name)) {
            throw new IllegalArgumentException("insecure cipher suites configured without"
                    + " 'allow_insecure_cipher_suites' option set: " + name);
        }
        if (!SECURE_CIPHERS.contains(name)) {
            throw new IllegalArgumentException("unrecognized cipher " + name);
        }
    }

    /**
     * Checks a {@code curve_preferences} entry as {@code parseCurvePreferences} does.
     *
     * @throws IllegalArgumentException with the reference's text
     */
    public static void checkCurve(String name) {
        if (!CURVES.containsKey(name)) {
            throw new IllegalArgumentException("unrecognized curve preference " + name);
        }
    }

    /**
     * Checks {@code min_version} as {@code parseTLSVersion} does.
     *
     * @throws IllegalArgumentException with the reference's text
     */
    public static void checkMinVersion(String version) {
        switch (version) {
            case "1.2", "1.3" -> {
                return;
            }
            case "1.0", "1.1" -> throw new IllegalArgumentException("unsupported TLS version: TLS " + version);
            default -> throw new IllegalArgumentException("unknown version: " + version);
        }
    }

    /** The JSSE protocol names from {@code minVersion} up. */
    static String[] protocols(String minVersion) {
        return "1.3".equals(minVersion) ? new String[] {"TLSv1.3"} : new String[] {"TLSv1.3", "TLSv1.2"};
    }
}
