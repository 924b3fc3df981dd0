package io.jnatsd.tls.ocsp;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test PKI made at test time with BouncyCastle: a CA, certificates whose AIA points at an
 * in-test OCSP responder on loopback, and that responder, which answers with BouncyCastle-built
 * responses signed by the CA, each certificate's status as the test sets it. Not thread-safe
 * except the responder's state (statuses, counts, up/down), which is concurrent.
 */
final class OcspTestPki implements AutoCloseable {

    enum Status { GOOD, REVOKED, UNKNOWN }

    /** A key and its certificate. */
    record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffffL);
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyPair caKeys = keys();
    private final X509Certificate ca;
    private final HttpServer http;
    private final Map<BigInteger, Status> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean up = true;
    private volatile Duration validFor = Duration.ofHours(1);

    OcspTestPki() throws Exception {
        X500Name name = new X500Name("CN=jnatsd OCSP test CA");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), from(), to(), name,
                caKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca = sign(b, caKeys);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.createContext("/ocsp", ex -> {
            requests.incrementAndGet();
            byte[] body;
            int code = 200;
            try (ex) {
                if (!up) {
                    ex.sendResponseHeaders(503, -1);
                    return;
                }
                try {
                    body = answer(requestBytes(ex));
                } catch (Exception e) {
                    body = new byte[0];
                    code = 500;
                }
                ex.getResponseHeaders().add("Content-Type", "application/ocsp-response");
                ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    ex.getResponseBody().write(body);
                }
            }
        });
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/ocsp";
    }

    X509Certificate ca() {
        return ca;
    }

    /** A server certificate for localhost/127.0.0.1 with this responder in its AIA. */
    Issued issueServer(boolean mustStaple) throws Exception {
        return issue("localhost", true, mustStaple);
    }

    /** A client certificate with this responder in its AIA. */
    Issued issueClient(String cn) throws Exception {
        return issue(cn, true, false);
    }

    /** A certificate without an AIA extension. */
    Issued issueWithoutAia(String cn) throws Exception {
        return issue(cn, false, false);
    }

    private Issued issue(String cn, boolean aia, boolean mustStaple) throws Exception {
        KeyPair k = keys();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(ca.getSubjectX500Principal()
                .getName()), serial(), from(), to(), new X500Name("CN=" + cn + ",O=jnatsd"), k.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        if (aia) {
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, url())));
        }
        if (mustStaple) {
            b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.24"), false, new DERSequence(new ASN1Integer(5)));
        }
        Issued issued = new Issued(k, sign(b, caKeys));
        statuses.put(issued.certificate().getSerialNumber(), Status.GOOD);
        return issued;
    }

    void setStatus(Issued cert, Status status) {
        statuses.put(cert.certificate().getSerialNumber(), status);
    }

    /** How long responses are valid (NextUpdate - ThisUpdate); null for no NextUpdate. */
    void setValidFor(Duration d) {
        validFor = d;
    }

    void setUp(boolean v) {
        up = v;
    }

    int requests() {
        return requests.get();
    }

    /** The DER response this responder gives for {@code cert} now. */
    byte[] responseFor(X509Certificate cert) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(ca), cert.getSerialNumber());
        return respond(new CertificateID[] {id});
    }

    private byte[] answer(byte[] request) throws Exception {
        Req[] reqs = new OCSPReq(request).getRequestList();
        CertificateID[] ids = new CertificateID[reqs.length];
        for (int i = 0; i < reqs.length; i++) {
            ids[i] = reqs[i].getCertID();
        }
        return respond(ids);
    }

    private byte[] respond(CertificateID[] ids) throws Exception {
        JcaBasicOCSPRespBuilder b = new JcaBasicOCSPRespBuilder(ca.getPublicKey(),
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1));
        Instant now = Instant.now();
        Date thisUpdate = Date.from(now.minusSeconds(1));
        Duration v = validFor;
        Date nextUpdate = v == null ? null : Date.from(now.plus(v));
        for (CertificateID id : ids) {
            CertificateStatus s = switch (statuses.getOrDefault(id.getSerialNumber(), Status.UNKNOWN)) {
                case GOOD -> CertificateStatus.GOOD;
                case REVOKED -> new RevokedStatus(Date.from(now.minusSeconds(60)), CRLReason.keyCompromise);
                case UNKNOWN -> new UnknownStatus();
            };
            b.addResponse(id, s, thisUpdate, nextUpdate);
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
        BasicOCSPResp basic = b.build(signer, null, Date.from(now));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private static byte[] requestBytes(com.sun.net.httpserver.HttpExchange ex) throws IOException {
        if ("POST".equals(ex.getRequestMethod())) {
            try (InputStream in = ex.getRequestBody()) {
                return in.readAllBytes();
            }
        }
        String path = ex.getRequestURI().getRawPath();
        String enc = path.substring(path.lastIndexOf('/') + 1);
        return Base64.getDecoder().decode(URLDecoder.decode(enc, StandardCharsets.US_ASCII));
    }

    /** Writes {@code name}-cert.pem and {@code name}-key.pem; returns {cert, key}. */
    static Path[] write(Path dir, String name, Issued issued) throws IOException {
        return new Path[] {pem(dir.resolve(name + "-cert.pem"), "CERTIFICATE", encoded(issued.certificate())),
            pem(dir.resolve(name + "-key.pem"), "PRIVATE KEY", issued.keys().getPrivate().getEncoded())};
    }

    Path writeCa(Path dir) throws IOException {
        return pem(dir.resolve("ca.pem"), "CERTIFICATE", encoded(ca));
    }

    /** A client context trusting this CA and, when not null, showing {@code cert}. */
    SSLContext clientContext(Issued cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (cert != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", cert.keys().getPrivate(), PASSWORD, new X509Certificate[] {cert.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
        }
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return c;
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair issuer) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
        X509CertificateHolder h = b.build(signer);
        return new JcaX509CertificateConverter().getCertificate(h);
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static Date from() {
        return Date.from(Instant.now().minusSeconds(3600));
    }

    private static Date to() {
        return Date.from(Instant.now().plusSeconds(86400));
    }
}
