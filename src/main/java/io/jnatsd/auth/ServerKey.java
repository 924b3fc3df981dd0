package io.jnatsd.auth;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;

/**
 * The server's own nkey (the reference's {@code s.kp}): its public half is the server id
 * ({@code N...}) that INFO carries, its private half signs what the server issues, such as the
 * auth callout's request JWTs. The private key never leaves this object.
 *
 * <p>Immutable; thread-safe.
 */
public final class ServerKey {

    private final KeyPair pair;
    private final String publicKey;

    private ServerKey(KeyPair pair) {
        this.pair = pair;
        this.publicKey = NKeys.encode(NKeys.PREFIX_SERVER, NKeys.rawPublicKey((EdECPublicKey) pair.getPublic()));
    }

    /** A fresh random key, as each reference server makes at start. */
    public static ServerKey generate() {
        try {
            return new ServerKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** The public nkey: the server id. */
    public String publicKey() {
        return publicKey;
    }

    /** The Ed25519 signature of {@code data} by this key. Thread-safe. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public String toString() {
        return "ServerKey[" + publicKey + "]";
    }
}
