package io.jnatsd.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * Makes a throw-away certificate authority and certificates it signs, at test time (EC P-256,
 * valid from an hour ago for one day), with a hand-written DER encoder so that no test depends
 * on a checked-in certificate that expires or on an external tool. Writes PEM files for the
 * server and builds {@link SSLContext}s for clients.
 *
 * <p>Not thread-safe.
 */
public final class TestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final byte[] ECDSA_SHA256 = seq(oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02));
    private static final byte[] CN = oid(0x55, 0x04, 0x03);
    private static final byte[] O = oid(0x55, 0x04, 0x0a);
    private static final byte[] BASIC_CONSTRAINTS = oid(0x55, 0x1d, 0x13);
    private static final byte[] SUBJECT_ALT_NAME = oid(0x55, 0x1d, 0x11);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key and the certificate for it. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private final Issued ca;

    private TestCertificates(Issued ca) {
        this.ca = ca;
    }

    /** A fresh CA named {@code CN=jnatsd test CA}. */
    public static TestCertificates newAuthority() {
        KeyPair keys = newKeys();
        byte[] name = name("jnatsd test CA");
        return new TestCertificates(new Issued(keys, sign(keys, name, name, keys, List.of(caExtension()))));
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** A server certificate for localhost and 127.0.0.1. */
    public Issued issueServer() {
        return issue("localhost", List.of(), List.of("localhost"), true);
    }

    /**
     * A client certificate.
     *
     * @param commonName the subject's CN (the subject is {@code CN=<commonName>,O=jnatsd})
     * @param emails     e-mail SANs
     * @param dnsNames   DNS SANs
     */
    public Issued issueClient(String commonName, List<String> emails, List<String> dnsNames) {
        return issue(commonName, emails, dnsNames, false);
    }

    private Issued issue(String commonName, List<String> emails, List<String> dnsNames, boolean loopbackIp) {
        KeyPair keys = newKeys();
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        emails.forEach(e -> names.writeBytes(tlv(0x81, e.getBytes(StandardCharsets.US_ASCII))));
        dnsNames.forEach(d -> names.writeBytes(tlv(0x82, d.getBytes(StandardCharsets.US_ASCII))));
        if (loopbackIp) {
            names.writeBytes(tlv(0x87, new byte[] {127, 0, 0, 1}));
        }
        List<byte[]> extensions = names.size() == 0 ? List.of()
                : List.of(seq(SUBJECT_ALT_NAME, tlv(0x04, tlv(0x30, names.toByteArray()))));
        byte[] subject = seq(set(seq(O, utf8("jnatsd"))), set(seq(CN, utf8(commonName))));
        return new Issued(keys, sign(keys, name("jnatsd test CA"), subject, ca.keys(), extensions));
    }

    /** Writes the CA certificate as PEM. */
    public Path writeCa(Path dir) throws IOException {
        return write(dir.resolve("ca.pem"), "CERTIFICATE", encoded(ca.certificate()));
    }

    /** Writes {@code name}-cert.pem and {@code name}-key.pem (PKCS#8); returns {cert, key}. */
    public static Path[] write(Path dir, String name, Issued issued) throws IOException {
        return new Path[] {
            write(dir.resolve(name + "-cert.pem"), "CERTIFICATE", encoded(issued.certificate())),
            write(dir.resolve(name + "-key.pem"), "PRIVATE KEY", issued.keys().getPrivate().getEncoded())
        };
    }

    /** A client context that trusts this CA and, when {@code clientCert} is not null, shows it. */
    public SSLContext clientContext(Issued clientCert) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (clientCert != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", clientCert.keys().getPrivate(), PASSWORD,
                        new X509Certificate[] {clientCert.certificate(), ca.certificate()});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts this CA and shows {@code clientCert} (of any authority). */
    public SSLContext clientContextShowing(Issued clientCert) {
        return clientContext(clientCert);
    }

    private static Path write(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(KeyPair subjectKeys, byte[] issuer, byte[] subject, KeyPair issuerKeys,
                                        List<byte[]> extensions) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] validity = seq(utcTime(now.minusHours(1)), utcTime(now.plusDays(1)));
        ByteArrayOutputStream exts = new ByteArrayOutputStream();
        extensions.forEach(exts::writeBytes);
        byte[] tbs = seq(tlv(0xa0, tlv(0x02, new byte[] {2})), tlv(0x02, new BigInteger(63, RANDOM).toByteArray()),
                ECDSA_SHA256, issuer, validity, subject, subjectKeys.getPublic().getEncoded(),
                extensions.isEmpty() ? new byte[0] : tlv(0xa3, tlv(0x30, exts.toByteArray())));
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(issuerKeys.getPrivate());
            s.update(tbs);
            byte[] sig = s.sign();
            byte[] bits = new byte[sig.length + 1];
            System.arraycopy(sig, 0, bits, 1, sig.length);
            byte[] der = seq(tbs, ECDSA_SHA256, tlv(0x03, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] caExtension() {
        byte[] critical = {0x01, 0x01, (byte) 0xff};
        return seq(BASIC_CONSTRAINTS, critical, tlv(0x04, seq(new byte[] {0x01, 0x01, (byte) 0xff})));
    }

    private static byte[] name(String commonName) {
        return seq(set(seq(CN, utf8(commonName))));
    }

    private static byte[] utcTime(ZonedDateTime t) {
        return tlv(0x17, t.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] utf8(String s) {
        return tlv(0x0c, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] oid(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return tlv(0x06, b);
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
