package io.jnatsd.tls.ocsp;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What OCSP needs to know about a certificate (twin of the helpers of {@code server/certidp/certidp.go}
 * and of {@code hasOCSPStatusRequest} in {@code server/ocsp.go}): its responder URLs (AIA), the
 * Must-Staple flag, its issuer's CertID hashes, the cache key. Stateless.
 */
public final class OcspCerts {

    private static final String AIA = "1.3.6.1.5.5.7.1.1";
    private static final String AD_OCSP = "1.3.6.1.5.5.7.48.1";
    private static final String TLS_FEATURE = "1.3.6.1.5.5.7.1.24";
    private static final int STATUS_REQUEST = 5;
    private static final int URI_NAME = 6;

    private OcspCerts() {
    }

    /** The OCSP responder URLs of the certificate's AIA extension, http(s) only, as the reference keeps them. */
    public static List<String> responderUrls(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(AIA);
        List<String> out = new ArrayList<>();
        if (ext == null) {
            return out;
        }
        try {
            Der.Element seq = Der.parse(Der.parse(ext).content());
            for (Der.Element ad : seq.children()) {
                List<Der.Element> parts = ad.children();
                if (parts.size() == 2 && AD_OCSP.equals(parts.get(0).oid()) && parts.get(1).contextTag() == URI_NAME) {
                    String url = new String(parts.get(1).content(), java.nio.charset.StandardCharsets.US_ASCII);
                    if (isWebUrl(url)) {
                        out.add(url);
                    }
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    private static boolean isWebUrl(String url) {
        try {
            String scheme = URI.create(url).getScheme();
            return scheme != null && (scheme.toLowerCase(Locale.ROOT).equals("http")
                    || scheme.toLowerCase(Locale.ROOT).equals("https"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True when the TLS Feature extension asks for status_request (Must-Staple). */
    public static boolean mustStaple(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(TLS_FEATURE);
        if (ext == null) {
            return false;
        }
        try {
            for (Der.Element n : Der.parse(Der.parse(ext).content()).children()) {
                if (n.integer().intValue() == STATUS_REQUEST) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The cache key of the reference: base64 of the SHA-256 of the whole certificate. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return Base64.getEncoder().encodeToString(sha("SHA-256", cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key of the staple's file under the store: hex of the SHA-256 of the certificate. */
    public static String hexFingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(sha("SHA-256", cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject as the reference logs it. */
    public static String subject(X509Certificate cert) {
        return cert == null ? "" : cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** SHA-1 of the issuer's subject name: the CertID's issuerNameHash. */
    static byte[] issuerNameHash(X509Certificate issuer) {
        return sha1(issuer.getSubjectX500Principal().getEncoded());
    }

    /** SHA-1 of the issuer's public key bits: the CertID's issuerKeyHash. */
    static byte[] issuerKeyHash(X509Certificate issuer) {
        try {
            List<Der.Element> spki = Der.parse(issuer.getPublicKey().getEncoded()).children();
            return sha1(spki.get(1).bits());
        } catch (IOException e) {
            throw new IllegalArgumentException("bad issuer public key", e);
        }
    }

    /** The DER CertID (SHA-1) of {@code serial} under {@code issuer}. */
    static byte[] certId(X509Certificate issuer, BigInteger serial) {
        return Der.sequence(Der.sequence(Der.oid("1.3.14.3.2.26"), Der.nullValue()),
                Der.octets(issuerNameHash(issuer)), Der.octets(issuerKeyHash(issuer)), Der.integer(serial));
    }

    /** True when {@code issuer} signed {@code cert}. */
    public static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The chain as the TLS verification built it: {@code presented}, extended with the trusted
     * certificates that issued its last link until a self-signed one or none is found.
     */
    public static List<X509Certificate> verifiedChain(X509Certificate[] presented, List<X509Certificate> trusted) {
        List<X509Certificate> chain = new ArrayList<>(List.of(presented));
        for (int guard = 0; guard < 8 && !chain.isEmpty(); guard++) {
            X509Certificate last = chain.getLast();
            if (signedBy(last, last)) {
                break;
            }
            X509Certificate next = trusted.stream().filter(t -> !chain.contains(t) && signedBy(last, t))
                    .findFirst().orElse(null);
            if (next == null) {
                break;
            }
            chain.add(next);
        }
        return chain;
    }

    static byte[] sha1(byte[] data) {
        try {
            return sha("SHA-1", data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha(String alg, byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(alg).digest(data);
    }
}
