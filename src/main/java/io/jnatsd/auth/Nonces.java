package io.jnatsd.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Twin of {@code generateNonce} in {@code server/server.go}: the nonce INFO carries for a client
 * to sign when nkeys or JWTs are in use, 11 random bytes as unpadded base64url. Thread-safe.
 */
public final class Nonces {

    /** The reference's nonceRawLen. */
    static final int RAW_LENGTH = 11;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Nonces() {
    }

    /** A fresh nonce. Thread-safe. */
    public static String generate() {
        byte[] raw = new byte[RAW_LENGTH];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /**
     * Whether {@code signature} (base64url, or standard base64 as the reference also takes) is
     * {@code nonce} signed by the public nkey {@code nkey} of role {@code prefix}. Never throws.
     */
    public static boolean verifySigned(int prefix, String nkey, String nonce, String signature) {
        if (nonce == null || signature == null || signature.isEmpty()) {
            return false;
        }
        byte[] sig;
        try {
            sig = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            try {
                sig = Base64.getDecoder().decode(signature);
            } catch (IllegalArgumentException e2) {
                return false;
            }
        }
        byte[] key;
        try {
            key = NKeys.decodePublic(prefix, nkey);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ed25519.verify(key, nonce.getBytes(StandardCharsets.US_ASCII), sig);
    }
}
