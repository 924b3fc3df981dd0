package io.jnatsd.auth;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * NaCl's {@code box} (X25519 key agreement, then XSalsa20 and Poly1305), which nkeys' curve keys
 * ({@code xkeys}) seal and open messages with: the Salsa20 core, HSalsa20, the XSalsa20 stream and
 * the Poly1305 one-time authenticator, written here because the JDK has none of them. Speed does not
 * matter (one small message per callout), clarity does. Stateless; thread-safe.
 */
final class CurveBox {

    /** Nonce length of XSalsa20. */
    static final int NONCE_BYTES = 24;
    /** Poly1305 tag length, which leads the sealed box. */
    static final int TAG_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final int BLOCK_BYTES = 64;
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    private static final BigInteger P1305 = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
    private static final BigInteger R_CLAMP = new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16);
    private static final BigInteger MOD_128 = BigInteger.ONE.shiftLeft(128);

    private CurveBox() {
    }

    /** {@code box.Precompute}: the XSalsa20 key from an X25519 shared secret. */
    static byte[] beforenm(byte[] sharedSecret) {
        return hsalsa20(sharedSecret, new byte[16]);
    }

    /** {@code secretbox.Seal}: the Poly1305 tag, then the message XOR the stream after its first 32 bytes. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] message) {
        byte[] stream = stream(key, nonce, KEY_BYTES + message.length);
        byte[] out = new byte[TAG_BYTES + message.length];
        for (int i = 0; i < message.length; i++) {
            out[TAG_BYTES + i] = (byte) (message[i] ^ stream[KEY_BYTES + i]);
        }
        byte[] tag = poly1305(Arrays.copyOf(stream, KEY_BYTES), Arrays.copyOfRange(out, TAG_BYTES, out.length));
        System.arraycopy(tag, 0, out, 0, TAG_BYTES);
        return out;
    }

    /** {@code secretbox.Open}: the message, or null when the box is too short or its tag is wrong. */
    static byte[] open(byte[] key, byte[] nonce, byte[] box) {
        if (box.length < TAG_BYTES) {
            return null;
        }
        byte[] cipher = Arrays.copyOfRange(box, TAG_BYTES, box.length);
        byte[] stream = stream(key, nonce, KEY_BYTES + cipher.length);
        byte[] tag = poly1305(Arrays.copyOf(stream, KEY_BYTES), cipher);
        if (!MessageDigest.isEqual(tag, Arrays.copyOf(box, TAG_BYTES))) {
            return null;
        }
        byte[] out = new byte[cipher.length];
        for (int i = 0; i < cipher.length; i++) {
            out[i] = (byte) (cipher[i] ^ stream[KEY_BYTES + i]);
        }
        return out;
    }

    /** The first {@code length} bytes of the XSalsa20 stream of {@code key} and a 24-byte {@code nonce}. */
    static byte[] stream(byte[] key, byte[] nonce, int length) {
        byte[] subKey = hsalsa20(key, Arrays.copyOf(nonce, 16));
        int[] state = new int[16];
        setup(state, subKey, Arrays.copyOfRange(nonce, 16, 24), 0);
        byte[] out = new byte[length];
        byte[] block = new byte[BLOCK_BYTES];
        for (long counter = 0, off = 0; off < length; counter++, off += BLOCK_BYTES) {
            state[8] = (int) counter;
            state[9] = (int) (counter >>> 32);
            int[] x = rounds(state);
            for (int i = 0; i < 16; i++) {
                putLe(block, i * 4, x[i] + state[i]);
            }
            System.arraycopy(block, 0, out, (int) off, (int) Math.min(BLOCK_BYTES, length - off));
        }
        return out;
    }

    /** HSalsa20: 32 bytes derived from a 32-byte key and a 16-byte input. */
    static byte[] hsalsa20(byte[] key, byte[] input16) {
        int[] state = new int[16];
        setup(state, key, Arrays.copyOf(input16, 8), 0);
        state[8] = le(input16, 8);
        state[9] = le(input16, 12);
        int[] x = rounds(state);
        int[] pick = {0, 5, 10, 15, 6, 7, 8, 9};
        byte[] out = new byte[KEY_BYTES];
        for (int i = 0; i < pick.length; i++) {
            putLe(out, i * 4, x[pick[i]]);
        }
        return out;
    }

    private static void setup(int[] s, byte[] key, byte[] nonce8, long counter) {
        s[0] = SIGMA[0];
        s[5] = SIGMA[1];
        s[10] = SIGMA[2];
        s[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            s[1 + i] = le(key, i * 4);
            s[11 + i] = le(key, 16 + i * 4);
        }
        s[6] = le(nonce8, 0);
        s[7] = le(nonce8, 4);
        s[8] = (int) counter;
        s[9] = (int) (counter >>> 32);
    }

    /** The 20 rounds of the Salsa20 core, without the final addition. */
    private static int[] rounds(int[] in) {
        int[] x = in.clone();
        for (int i = 0; i < 10; i++) {
            quarter(x, 0, 4, 8, 12);
            quarter(x, 5, 9, 13, 1);
            quarter(x, 10, 14, 2, 6);
            quarter(x, 15, 3, 7, 11);
            quarter(x, 0, 1, 2, 3);
            quarter(x, 5, 6, 7, 4);
            quarter(x, 10, 11, 8, 9);
            quarter(x, 15, 12, 13, 14);
        }
        return x;
    }

    private static void quarter(int[] x, int a, int b, int c, int d) {
        x[b] ^= Integer.rotateLeft(x[a] + x[d], 7);
        x[c] ^= Integer.rotateLeft(x[b] + x[a], 9);
        x[d] ^= Integer.rotateLeft(x[c] + x[b], 13);
        x[a] ^= Integer.rotateLeft(x[d] + x[c], 18);
    }

    /** Poly1305 of {@code message} under a one-time 32-byte {@code key}. */
    static byte[] poly1305(byte[] key, byte[] message) {
        BigInteger r = leNumber(Arrays.copyOf(key, 16)).and(R_CLAMP);
        BigInteger s = leNumber(Arrays.copyOfRange(key, 16, 32));
        BigInteger acc = BigInteger.ZERO;
        for (int off = 0; off < message.length; off += 16) {
            byte[] chunk = Arrays.copyOfRange(message, off, Math.min(off + 16, message.length));
            BigInteger n = leNumber(chunk).add(BigInteger.ONE.shiftLeft(8 * chunk.length));
            acc = acc.add(n).multiply(r).mod(P1305);
        }
        byte[] big = acc.add(s).mod(MOD_128).toByteArray();
        byte[] out = new byte[TAG_BYTES];
        for (int i = 0; i < TAG_BYTES && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static BigInteger leNumber(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    private static int le(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void putLe(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
