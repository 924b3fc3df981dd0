package io.jnatsd.auth;

import io.nats.client.NKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nkey decoding and Ed25519 signatures, checked against the official client's own NKey. */
class NKeysTest {

    @Test
    void shouldDecodeOfficialClientKeys_whenSeedAndPublicKeyAreValid() throws Exception {
        NKey user = NKey.createUser(null);
        String publicKey = new String(user.getPublicKey());
        NKeys.Seed seed = NKeys.decodeSeed(new String(user.getSeed()));
        assertThat(seed.rolePrefix()).isEqualTo(NKeys.PREFIX_USER);
        assertThat(NKeys.encodeSeed(NKeys.PREFIX_USER, seed.raw())).isEqualTo(new String(user.getSeed()));
        assertThat(NKeys.isValidPublicUserKey(publicKey)).isTrue();
        assertThat(NKeys.isValidPublicKey(NKeys.PREFIX_ACCOUNT, publicKey)).isFalse();
    }

    @Test
    void shouldVerifyOfficialClientSignature_whenNonceSignedWithMatchingSeed() throws Exception {
        NKey user = NKey.createUser(null);
        String nonce = Nonces.generate();
        byte[] sig = user.sign(nonce.getBytes(StandardCharsets.US_ASCII));
        String pub = new String(user.getPublicKey());
        String urlSig = Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        assertThat(Nonces.verifySigned(NKeys.PREFIX_USER, pub, nonce, urlSig)).isTrue();
        assertThat(Nonces.verifySigned(NKeys.PREFIX_USER, pub, nonce, Base64.getEncoder().encodeToString(sig)))
                .isTrue();
        assertThat(Nonces.verifySigned(NKeys.PREFIX_USER, pub, nonce + "x", urlSig)).isFalse();
        String other = new String(NKey.createUser(null).getPublicKey());
        assertThat(Nonces.verifySigned(NKeys.PREFIX_USER, other, nonce, urlSig)).isFalse();
        assertThat(Nonces.verifySigned(NKeys.PREFIX_USER, pub, nonce, "not base64!")).isFalse();
    }

    @Test
    void shouldSignAsOfficialClientVerifies_whenSigningWithDecodedSeed() throws Exception {
        NKey user = NKey.createUser(null);
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = Ed25519.sign(NKeys.decodeSeed(new String(user.getSeed())).raw(), data);
        assertThat(user.verify(data, sig)).isTrue();
    }

    @Test
    void shouldRefuseKey_whenChecksumIsWrong() throws Exception {
        String pub = new String(NKey.createUser(null).getPublicKey());
        char last = pub.charAt(pub.length() - 1);
        String broken = pub.substring(0, pub.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThatThrownBy(() -> NKeys.decodePublic(NKeys.PREFIX_USER, broken))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(NKeys.isValidPublicUserKey("UABC")).isFalse();
        assertThat(NKeys.isValidPublicUserKey("not-a-key")).isFalse();
    }
}
