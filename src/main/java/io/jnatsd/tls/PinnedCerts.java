package io.jnatsd.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Twin of {@code matchesPinnedCert} in {@code server/auth.go}: a TLS peer is let in only when
 * the SHA-256 of its leaf certificate's DER SubjectPublicKeyInfo, in lower-case hex, is one of
 * the {@code pinned_certs}. Stateless.
 */
public final class PinnedCerts {

    private PinnedCerts() {
    }

    /** Whether {@code chain} passes {@code pins}: always when nothing is pinned, never without a certificate. */
    public static boolean matches(Set<String> pins, List<X509Certificate> chain) {
        if (pins.isEmpty()) {
            return true;
        }
        return !chain.isEmpty() && pins.contains(keyId(chain.getFirst()));
    }

    /** The hex SHA-256 of the certificate's SubjectPublicKeyInfo (what {@code pinned_certs} lists). */
    public static String keyId(X509Certificate cert) {
        try {
            // PublicKey.getEncoded() of an X.509 certificate's key is its DER SubjectPublicKeyInfo.
            byte[] spki = cert.getPublicKey().getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
