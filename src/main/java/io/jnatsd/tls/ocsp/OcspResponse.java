package io.jnatsd.tls.ocsp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A parsed and signature-checked OCSP response (twin of {@code ocsp.ParseResponseForCert} of
 * {@code golang.org/x/crypto/ocsp}, which the reference uses): the status of one certificate, its
 * validity window and the raw bytes (stapled or cached as they came). Immutable.
 *
 * @param raw               the DER response as received
 * @param status            the certificate's status
 * @param serial            the serial number the status is about
 * @param thisUpdate        when the status was known to be correct
 * @param nextUpdate        when newer information will be available, or null when unset
 * @param signerCertificate the delegated signer's certificate embedded in the response, or null
 */
public record OcspResponse(byte[] raw, Status status, BigInteger serial, Instant thisUpdate, Instant nextUpdate,
                           X509Certificate signerCertificate) {

    /** The certificate statuses of RFC 6960, named as the reference prints them. */
    public enum Status {
        GOOD("good"), REVOKED("revoked"), UNKNOWN("unknown");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /** The reference's {@code ocspStatusString}. */
        public String text() {
            return text;
        }
    }

    private static final String BASIC = "1.3.6.1.5.5.7.48.1.1";
    private static final String[] RESPONSE_STATUS = {"success", "malformed", "internal error", "unused",
        "try later", "signature required", "unauthorized"};
    private static final Map<String, String> SIGNATURES = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.5", "SHA1withRSA"),
            Map.entry("1.2.840.113549.1.1.11", "SHA256withRSA"),
            Map.entry("1.2.840.113549.1.1.12", "SHA384withRSA"),
            Map.entry("1.2.840.113549.1.1.13", "SHA512withRSA"),
            Map.entry("1.2.840.10045.4.1", "SHA1withECDSA"),
            Map.entry("1.2.840.10045.4.3.2", "SHA256withECDSA"),
            Map.entry("1.2.840.10045.4.3.3", "SHA384withECDSA"),
            Map.entry("1.2.840.10045.4.3.4", "SHA512withECDSA"),
            Map.entry("1.3.101.112", "Ed25519"));

    /**
     * Parses {@code raw} and checks its signature against {@code issuer} (or a delegate the
     * issuer signed, embedded in the response).
     *
     * @param serial the certificate whose status is wanted, or null for the first status
     * @throws IOException with the reason the response is refused
     */
    public static OcspResponse parse(byte[] raw, X509Certificate issuer, BigInteger serial) throws IOException {
        List<Der.Element> top = Der.parse(raw).children();
        int responseStatus = top.getFirst().content()[0];
        if (responseStatus != 0) {
            String why = responseStatus > 0 && responseStatus < RESPONSE_STATUS.length
                    ? RESPONSE_STATUS[responseStatus] : "unknown OCSP error";
            throw new IOException("ocsp: error from server: " + why);
        }
        if (top.size() < 2) {
            throw new IOException("ocsp: response has no body");
        }
        List<Der.Element> responseBytes = top.get(1).children().getFirst().children();
        if (!BASIC.equals(responseBytes.get(0).oid())) {
            throw new IOException("ocsp: bad OCSP response type");
        }
        List<Der.Element> basic = Der.parse(responseBytes.get(1).content()).children();
        Der.Element tbs = basic.get(0);
        String algorithm = SIGNATURES.get(basic.get(1).children().getFirst().oid());
        byte[] signature = basic.get(2).bits();
        X509Certificate signer = basic.size() > 3 ? firstCertificate(basic.get(3)) : null;
        if (algorithm == null) {
            throw new IOException("ocsp: unsupported signature algorithm");
        }
        if (issuer != null) {
            PublicKey key = issuer.getPublicKey();
            if (signer != null && !signer.equals(issuer)) {
                if (!OcspCerts.signedBy(signer, issuer)) {
                    throw new IOException("bad signature on embedded certificate");
                }
                key = signer.getPublicKey();
            }
            if (!verify(algorithm, key, tbs.encoded(), signature)) {
                throw new IOException("bad OCSP signature");
            }
        }
        return single(raw, tbs, serial, signer);
    }

    private static OcspResponse single(byte[] raw, Der.Element tbs, BigInteger serial, X509Certificate signer)
            throws IOException {
        List<Der.Element> fields = tbs.children();
        int i = fields.getFirst().contextTag() == 0 ? 1 : 0;
        List<Der.Element> responses = fields.get(i + 2).children();
        if (responses.isEmpty()) {
            throw new IOException("OCSP response contains no Status");
        }
        for (Der.Element r : responses) {
            List<Der.Element> parts = r.children();
            BigInteger sn = parts.get(0).children().get(3).integer();
            if (serial != null && !serial.equals(sn)) {
                continue;
            }
            Status status = switch (parts.get(1).contextTag()) {
                case 0 -> Status.GOOD;
                case 1 -> Status.REVOKED;
                default -> Status.UNKNOWN;
            };
            Instant thisUpdate = parts.get(2).time();
            Instant nextUpdate = null;
            for (int p = 3; p < parts.size(); p++) {
                if (parts.get(p).contextTag() == 0) {
                    nextUpdate = Der.read(parts.get(p).buf(), parts.get(p).contentStart(), parts.get(p).end()).time();
                }
            }
            return new OcspResponse(raw.clone(), status, sn, thisUpdate, nextUpdate, signer);
        }
        throw new IOException("ocsp: no response matching the supplied certificate");
    }

    private static X509Certificate firstCertificate(Der.Element explicit) throws IOException {
        List<Der.Element> certs = explicit.children().getFirst().children();
        if (certs.isEmpty()) {
            return null;
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certs.getFirst().encoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("bad embedded certificate: " + e.getMessage(), e);
        }
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The reference's {@code validOCSPResponse}: no past NextUpdate, no future ThisUpdate. */
    public String invalidReason(Instant now) {
        if (nextUpdate != null && nextUpdate.isBefore(now)) {
            return "invalid ocsp NextUpdate, is past time: " + nextUpdate;
        }
        if (thisUpdate.isAfter(now)) {
            return "invalid ocsp ThisUpdate, is future time: " + thisUpdate;
        }
        return null;
    }
}
