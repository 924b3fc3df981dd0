package io.jnatsd.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files a {@code tls {}} block names, as Go's {@code tls.LoadX509KeyPair} and
 * {@code AppendCertsFromPEM} do: certificate chains, and private keys in PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) form,
 * the last two rewrapped as PKCS#8 for the JDK. Stateless.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** DER of OID id-ecPublicKey. */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d,
        0x02, 0x01};

    private PemFiles() {
    }

    /**
     * Every certificate of a PEM file, in file order.
     *
     * @throws IOException when the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        byte[] pem = Files.readAllBytes(file);
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new IOException("no certificate found in " + file);
            }
            return certs;
        } catch (CertificateException e) {
            throw new IOException("failed to parse certificates in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first private key of a PEM file.
     *
     * @throws IOException when the file cannot be read or holds no key this class knows
     */
    public static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
            try {
                return switch (type) {
                    case "PRIVATE KEY" -> pkcs8(der);
                    case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(
                            new PKCS8EncodedKeySpec(wrap(RSA_ALGORITHM, der)));
                    case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(
                            new PKCS8EncodedKeySpec(wrapEc(der)));
                    default -> throw new IOException("unsupported private key type " + type + " in " + file);
                };
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException("failed to parse private key in " + file + ": " + e.getMessage(), e);
            }
        }
        throw new IOException("no private key found in " + file);
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** PrivateKeyInfo { version 0, algorithm, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        byte[] version = {0x02, 0x01, 0x00};
        return Der.sequence(version, algorithm, Der.tlv(0x04, key));
    }

    /** SEC1 ECPrivateKey carries its curve in [0]; PKCS#8 wants it in the algorithm identifier. */
    private static byte[] wrapEc(byte[] sec1) {
        byte[] curveOid = Der.findContextTag(sec1, 0xa0);
        if (curveOid == null) {
            throw new IllegalArgumentException("EC key without curve parameters");
        }
        return wrap(Der.sequence(EC_PUBLIC_KEY_OID, curveOid), sec1);
    }

    /** Just enough DER for the rewrapping above. */
    static final class Der {
        private Der() {
        }

        static byte[] tlv(int tag, byte[] value) {
            byte[] len = length(value.length);
            byte[] out = new byte[1 + len.length + value.length];
            out[0] = (byte) tag;
            System.arraycopy(len, 0, out, 1, len.length);
            System.arraycopy(value, 0, out, 1 + len.length, value.length);
            return out;
        }

        static byte[] sequence(byte[]... parts) {
            int n = 0;
            for (byte[] p : parts) {
                n += p.length;
            }
            byte[] body = new byte[n];
            int at = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, body, at, p.length);
                at += p.length;
            }
            return tlv(0x30, body);
        }

        private static byte[] length(int n) {
            if (n < 0x80) {
                return new byte[] {(byte) n};
            }
            byte[] digits = BigInteger.valueOf(n).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0;
            byte[] out = new byte[1 + digits.length - skip];
            out[0] = (byte) (0x80 | (digits.length - skip));
            System.arraycopy(digits, skip, out, 1, digits.length - skip);
            return out;
        }

        /** The content of the first element tagged {@code tag} directly inside the outer SEQUENCE. */
        static byte[] findContextTag(byte[] der, int tag) {
            int[] outer = header(der, 0);
            int at = outer[0];
            int end = at + outer[1];
            while (at < end) {
                int t = der[at] & 0xff;
                int[] h = header(der, at);
                if (t == tag) {
                    byte[] out = new byte[h[1]];
                    System.arraycopy(der, h[0], out, 0, h[1]);
                    return out;
                }
                at = h[0] + h[1];
            }
            return null;
        }

        /** {contentOffset, contentLength} of the element at {@code at}. */
        private static int[] header(byte[] der, int at) {
            int len = der[at + 1] & 0xff;
            int offset = at + 2;
            if (len >= 0x80) {
                int count = len & 0x7f;
                len = 0;
                for (int i = 0; i < count; i++) {
                    len = (len << 8) | (der[offset + i] & 0xff);
                }
                offset += count;
            }
            return new int[] {offset, len};
        }
    }
}
