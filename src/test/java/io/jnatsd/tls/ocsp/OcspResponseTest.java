package io.jnatsd.tls.ocsp;

import org.bouncycastle.cert.ocsp.OCSPReq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OCSP codec against BouncyCastle: requests it reads, responses it builds. */
class OcspResponseTest {

    static OcspTestPki pki;

    @BeforeAll
    static void makePki() throws Exception {
        pki = new OcspTestPki();
    }

    @AfterAll
    static void stop() {
        pki.close();
    }

    @Test
    void shouldEncodeRequestThatBouncyCastleReads_whenAskingForACertificate() throws Exception {
        OcspTestPki.Issued cert = pki.issueClient("req");
        OCSPReq req = new OCSPReq(OcspFetcher.request(cert.certificate(), pki.ca()));
        assertThat(req.getRequestList()).hasSize(1);
        assertThat(req.getRequestList()[0].getCertID().getSerialNumber())
                .isEqualTo(cert.certificate().getSerialNumber());
    }

    @Test
    void shouldReadEachStatus_whenResponseIsSignedByTheIssuer() throws Exception {
        OcspTestPki.Issued cert = pki.issueClient("status");
        for (OcspTestPki.Status s : OcspTestPki.Status.values()) {
            pki.setStatus(cert, s);
            OcspResponse r = OcspResponse.parse(pki.responseFor(cert.certificate()), pki.ca(),
                    cert.certificate().getSerialNumber());
            assertThat(r.status().name()).isEqualTo(s.name());
            assertThat(r.nextUpdate()).isAfter(r.thisUpdate());
            assertThat(r.invalidReason(Instant.now())).isNull();
        }
    }

    @Test
    void shouldLeaveNextUpdateUnset_whenResponderOmitsIt() throws Exception {
        OcspTestPki.Issued cert = pki.issueClient("no-next");
        pki.setValidFor(null);
        try {
            OcspResponse r = OcspResponse.parse(pki.responseFor(cert.certificate()), pki.ca(), null);
            assertThat(r.nextUpdate()).isNull();
        } finally {
            pki.setValidFor(Duration.ofHours(1));
        }
    }

    @Test
    void shouldRefuseResponse_whenSignedByAnotherAuthority() throws Exception {
        OcspTestPki.Issued cert = pki.issueClient("wrong");
        try (OcspTestPki other = new OcspTestPki()) {
            assertThatThrownBy(() -> OcspResponse.parse(pki.responseFor(cert.certificate()), other.ca(), null))
                    .isInstanceOf(IOException.class).hasMessage("bad OCSP signature");
        }
    }

    @Test
    void shouldRefuseGarbage_whenBytesAreNotAResponse() {
        assertThatThrownBy(() -> OcspResponse.parse(new byte[] {0x30, 0x03, 0x0a, 0x01}, pki.ca(), null))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> OcspResponse.parse(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x06}, pki.ca(), null))
                .isInstanceOf(IOException.class).hasMessage("ocsp: error from server: unauthorized");
    }

    @Test
    void shouldReadAiaAndMustStaple_whenCertificateHasThem() throws Exception {
        OcspTestPki.Issued must = pki.issueServer(true);
        assertThat(OcspCerts.responderUrls(must.certificate())).containsExactly(pki.url());
        assertThat(OcspCerts.mustStaple(must.certificate())).isTrue();
        OcspTestPki.Issued plain = pki.issueWithoutAia("plain");
        assertThat(OcspCerts.responderUrls(plain.certificate())).isEmpty();
        assertThat(OcspCerts.mustStaple(plain.certificate())).isFalse();
    }
}
