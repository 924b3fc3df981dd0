package io.jnatsd.jetstream.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest of message headers and payloads ({@code cipher: chachapoly|aes}); the role of the
 * reference's {@code genEncryptionKeys} and block ciphers in {@code server/filestore.go}, done per record.
 *
 * <p>Design note: each message record is sealed with an AEAD under a fresh random 96-bit nonce stored in the
 * record, with the sequence and subject as associated data, so a record cannot be moved to another sequence
 * unnoticed. The subject stays in clear text, so recovery rebuilds the indexes without the key. Sealed layout
 * (after the subject, see {@link RecordCodec#TYPE_SEALED_MSG}):
 * <pre>
 *   +------------+----------------------------------------+-----------+
 *   | nonce (12) | ciphertext of headers then payload     | tag (16)  |
 *   +------------+----------------------------------------+-----------+
 * </pre>
 *
 * <p>Threading: not thread-safe (one {@link Cipher} object); the store lock guards it.
 */
public final class StoreCipher {
    /** Bytes a sealed record adds: nonce and tag. */
    public static final int OVERHEAD = 12 + 16;

    /** The algorithms of the reference's {@code cipher} option. */
    public enum Kind {
        /** ChaCha20-Poly1305, the reference's default. */
        CHACHAPOLY,
        /** AES-256-GCM. */
        AES
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Kind kind;
    private final SecretKeySpec key;
    private final Cipher cipher;

    private StoreCipher(Kind kind, byte[] key32) throws GeneralSecurityException {
        if (key32.length != 32) {
            throw new IllegalArgumentException("key must be 32 bytes");
        }
        this.kind = kind;
        this.key = new SecretKeySpec(key32, kind == Kind.AES ? "AES" : "ChaCha20");
        this.cipher = Cipher.getInstance(kind == Kind.AES ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
    }

    /**
     * @param kind       the algorithm
     * @param passphrase the configured key text; the cipher key is its SHA-256
     * @return a cipher
     */
    public static StoreCipher fromPassphrase(Kind kind, String passphrase) {
        try {
            byte[] k = MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8));
            return new StoreCipher(kind, k);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + kind, e);
        }
    }

    /** @return the algorithm */
    public Kind kind() {
        return kind;
    }

    private static byte[] aad(long seq, byte[] subject) {
        return ByteBuffer.allocate(8 + subject.length).putLong(seq).put(subject).array();
    }

    private void init(int mode, byte[] nonce) throws GeneralSecurityException {
        if (kind == Kind.AES) {
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        } else {
            cipher.init(mode, key, new IvParameterSpec(nonce));
        }
    }

    /**
     * @param seq     the record's sequence
     * @param subject the subject bytes
     * @param hdr     headers
     * @param payload payload
     * @return nonce, ciphertext and tag
     */
    byte[] seal(long seq, byte[] subject, byte[] hdr, byte[] payload) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            init(Cipher.ENCRYPT_MODE, nonce);
            cipher.updateAAD(aad(seq, subject));
            byte[] out = new byte[OVERHEAD + hdr.length + payload.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            int n = cipher.update(hdr, 0, hdr.length, out, 12);
            cipher.doFinal(payload, 0, payload.length, out, 12 + n);
            return out;
        } catch (GeneralSecurityException e) {
            throw new StoreException(StoreError.IO, e);
        }
    }

    /**
     * @param seq     the record's sequence
     * @param subject the subject bytes
     * @param sealed  nonce, ciphertext and tag
     * @return headers then payload, in clear
     * @throws StoreException IO if the tag does not verify (wrong key or tampering)
     */
    byte[] open(long seq, byte[] subject, byte[] sealed) {
        try {
            init(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(sealed, 12));
            cipher.updateAAD(aad(seq, subject));
            return cipher.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new StoreException(StoreError.IO, e);
        }
    }
}
