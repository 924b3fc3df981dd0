package io.jnatsd.auth;

import javax.crypto.KeyAgreement;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;

/**
 * Twin of the curve keys of {@code github.com/nats-io/nkeys} ({@code xkeys.go}): an X25519 key
 * pair whose public key is an nkey starting with {@code X}, which seals a message for a recipient
 * as {@code "xkv1" + nonce + box} and opens what a sender sealed for it. The auth callout's
 * {@code xkey} option encrypts requests and responses with it; the server has one pair, whose
 * public key INFO carries as {@code xkey} (the reference's {@code s.xkp}).
 *
 * <p>Immutable; thread-safe.
 */
public final class XKeys {

    /** Role prefix byte of a curve key: its text starts with 'X'. */
    public static final int PREFIX_CURVE = 23 << 3;
    /** The reference's {@code XKeyVersionV1}, which leads every sealed message. */
    static final byte[] VERSION = "xkv1".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey privateKey;
    private final String publicKey;

    private XKeys(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = NKeys.encode(PREFIX_CURVE, rawPublic((XECPublicKey) pair.getPublic()));
    }

    /** A fresh key pair ({@code nkeys.CreateCurveKeys}). */
    public static XKeys generate() {
        try {
            return new XKeys(KeyPairGenerator.getInstance("X25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no X25519", e);
        }
    }

    /** The public nkey ({@code X...}). */
    public String publicKey() {
        return publicKey;
    }

    /** Seals {@code input} for the holder of {@code recipient} (a public {@code X...} key). */
    public byte[] seal(byte[] input, String recipient) throws GeneralSecurityException {
        byte[] nonce = new byte[CurveBox.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] box = CurveBox.seal(sharedKey(recipient), nonce, input);
        byte[] out = new byte[VERSION.length + nonce.length + box.length];
        System.arraycopy(VERSION, 0, out, 0, VERSION.length);
        System.arraycopy(nonce, 0, out, VERSION.length, nonce.length);
        System.arraycopy(box, 0, out, VERSION.length + nonce.length, box.length);
        return out;
    }

    /**
     * Opens what {@code sender} sealed for this key.
     *
     * @throws GeneralSecurityException when it is not a sealed message, or not from {@code sender}
     */
    public byte[] open(byte[] input, String sender) throws GeneralSecurityException {
        int head = VERSION.length + CurveBox.NONCE_BYTES;
        if (input.length <= head) {
            throw new GeneralSecurityException("nkeys: invalid encrypted data");
        }
        if (!Arrays.equals(Arrays.copyOf(input, VERSION.length), VERSION)) {
            throw new GeneralSecurityException("nkeys: encrypted input is not a recognized version");
        }
        byte[] nonce = Arrays.copyOfRange(input, VERSION.length, head);
        byte[] out = CurveBox.open(sharedKey(sender), nonce, Arrays.copyOfRange(input, head, input.length));
        if (out == null) {
            throw new GeneralSecurityException("nkeys: could not decrypt input");
        }
        return out;
    }

    private byte[] sharedKey(String peer) throws GeneralSecurityException {
        byte[] raw;
        try {
            raw = NKeys.decodePublic(PREFIX_CURVE, peer);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("nkeys: invalid recipient", e);
        }
        byte[] be = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            be[i] = raw[KEY_BYTES - 1 - i];
        }
        be[0] &= 0x7f;
        KeyAgreement ka = KeyAgreement.getInstance("X25519");
        ka.init(privateKey);
        ka.doPhase(KeyFactory.getInstance("X25519").generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be))), true);
        return CurveBox.beforenm(ka.generateSecret());
    }

    private static byte[] rawPublic(XECPublicKey key) {
        byte[] be = key.getU().toByteArray();
        byte[] out = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    @Override
    public String toString() {
        return "XKeys[" + publicKey + "]";
    }
}
