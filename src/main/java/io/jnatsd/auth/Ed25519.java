package io.jnatsd.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Ed25519 with raw 32-byte keys, as nkeys hold them, on the JDK's own EdDSA: verifying the
 * signature of a nonce or a JWT. Stateless; thread-safe.
 */
public final class Ed25519 {

    private static final int KEY_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;

    private Ed25519() {
    }

    /** The JDK public key of 32 raw bytes (RFC 8032: little-endian y, x's sign in the top bit). */
    public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != KEY_LENGTH) {
            throw new GeneralSecurityException("ed25519: bad public key length");
        }
        byte[] bigEndian = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndian[i] = raw[KEY_LENGTH - 1 - i];
        }
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                point));
    }

    /** The JDK private key of a 32-byte seed. */
    public static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519,
                seed));
    }

    /** Whether {@code signature} is {@code data} signed by the key of {@code rawPublicKey}. Never throws. */
    public static boolean verify(byte[] rawPublicKey, byte[] data, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(publicKey(rawPublicKey));
            v.update(data);
            return v.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Signs {@code data} with the key of a 32-byte seed. */
    public static byte[] sign(byte[] seed, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(privateKey(seed));
        s.update(data);
        return s.sign();
    }
}
