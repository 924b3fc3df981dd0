package io.jnatsd.tls;

import io.jnatsd.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The key id of {@code pinned_certs}: SHA-256 of the leaf's DER SubjectPublicKeyInfo, lower-case hex. */
class PinnedCertsTest {

    private final TestCertificates authority = TestCertificates.newAuthority();

    @Test
    void shouldHashSubjectPublicKeyInfo_asBouncyCastleReadsIt() throws Exception {
        TestCertificates.Issued alice = authority.issueClient("alice", List.of(), List.of());
        byte[] spki = org.bouncycastle.asn1.x509.Certificate.getInstance(alice.certificate().getEncoded())
                .getSubjectPublicKeyInfo().getEncoded("DER");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        assertThat(PinnedCerts.keyId(alice.certificate())).isEqualTo(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void shouldMatchOnlyLeafCertificate_whenPinsAreSet() {
        TestCertificates.Issued alice = authority.issueClient("alice", List.of(), List.of());
        TestCertificates.Issued bob = authority.issueClient("bob", List.of(), List.of());
        Set<String> pins = Set.of(PinnedCerts.keyId(alice.certificate()));
        assertThat(PinnedCerts.matches(pins, List.of(alice.certificate()))).isTrue();
        assertThat(PinnedCerts.matches(pins, List.of(bob.certificate(), alice.certificate()))).isFalse();
        assertThat(PinnedCerts.matches(pins, List.of())).isFalse();
        assertThat(PinnedCerts.matches(Set.of(), List.of())).isTrue();
    }
}
