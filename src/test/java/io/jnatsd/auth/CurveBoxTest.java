package io.jnatsd.auth;

import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written XSalsa20, Poly1305 and box against BouncyCastle's, and xkeys sealing round trips. */
class CurveBoxTest {

    private final Random random = new Random(42);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void shouldMatchBouncyCastle_whenStreamingXSalsa20() {
        for (int length : new int[] {1, 63, 64, 65, 200, 1000}) {
            byte[] key = bytes(32);
            byte[] nonce = bytes(24);
            XSalsa20Engine bc = new XSalsa20Engine();
            bc.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
            byte[] expected = new byte[length];
            bc.processBytes(new byte[length], 0, length, expected, 0);
            assertThat(CurveBox.stream(key, nonce, length)).isEqualTo(expected);
        }
    }

    @Test
    void shouldMatchBouncyCastle_whenAuthenticatingWithPoly1305() {
        for (int length : new int[] {0, 1, 15, 16, 17, 100}) {
            byte[] key = bytes(32);
            byte[] msg = bytes(length);
            Poly1305 bc = new Poly1305();
            bc.init(new KeyParameter(key));
            bc.update(msg, 0, msg.length);
            byte[] expected = new byte[16];
            bc.doFinal(expected, 0);
            assertThat(CurveBox.poly1305(key, msg)).isEqualTo(expected);
        }
    }

    @Test
    void shouldAgreeWithBouncyCastleX25519_whenSealingForAKey() throws Exception {
        XKeys server = XKeys.generate();
        XKeys service = XKeys.generate();
        byte[] sealed = server.seal("hello".getBytes(StandardCharsets.UTF_8), service.publicKey());
        assertThat(new String(sealed, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("xkv1");
        assertThat(new String(service.open(sealed, server.publicKey()), StandardCharsets.UTF_8)).isEqualTo("hello");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> service.open(tampered, server.publicKey()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> service.open(sealed, XKeys.generate().publicKey()))
                .isInstanceOf(GeneralSecurityException.class);

        // The box of BouncyCastle's X25519 agreement opens what XKeys sealed.
        byte[] aliceSk = bytes(32);
        byte[] alicePk = new byte[32];
        X25519.scalarMultBase(aliceSk, 0, alicePk, 0);
        XKeys bob = XKeys.generate();
        byte[] bobPk = io.jnatsd.auth.NKeys.decodePublic(XKeys.PREFIX_CURVE, bob.publicKey());
        byte[] shared = new byte[32];
        X25519.scalarMult(aliceSk, 0, bobPk, 0, shared, 0);
        byte[] box = bob.seal("to alice".getBytes(StandardCharsets.UTF_8),
                io.jnatsd.auth.NKeys.encode(XKeys.PREFIX_CURVE, alicePk));
        byte[] nonce = java.util.Arrays.copyOfRange(box, 4, 28);
        byte[] opened = CurveBox.open(CurveBox.beforenm(shared), nonce, java.util.Arrays.copyOfRange(box, 28, box.length));
        assertThat(new String(opened, StandardCharsets.UTF_8)).isEqualTo("to alice");
    }
}
