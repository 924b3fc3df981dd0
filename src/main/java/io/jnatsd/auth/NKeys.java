package io.jnatsd.auth;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.EdECPublicKey;

/**
 * Twin of the encoding in {@code github.com/nats-io/nkeys}: ed25519 public keys written as
 * base32 text with a role prefix and a CRC16 trailer, the form of server ids and user keys.
 */
public final class NKeys {

    /** Role prefix byte of a server key: its text starts with 'N'. */
    public static final int PREFIX_SERVER = 13 << 3;
    /** Role prefix byte of a user key: its text starts with 'U'. */
    public static final int PREFIX_USER = 20 << 3;
    /** Role prefix byte of an account key: its text starts with 'A'. */
    public static final int PREFIX_ACCOUNT = 0;

    /** Role prefix byte of an operator key: its text starts with 'O'. */
    public static final int PREFIX_OPERATOR = 14 << 3;
    /** Prefix byte of a seed: its text starts with 'S', the role follows in the next 5 bits. */
    public static final int PREFIX_SEED = 18 << 3;

    private static final int ED25519_KEY_LENGTH = 32;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private NKeys() {
    }

    /** A fresh server public key, as the reference creates at start for its server id. */
    public static String newServerId() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            EdECPublicKey key = (EdECPublicKey) generator.generateKeyPair().getPublic();
            return encode(PREFIX_SERVER, rawPublicKey(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /**
     * The 32 raw key bytes of a public nkey of role {@code expectedPrefix}, checked: length,
     * role and CRC16, as {@code nkeys.FromPublicKey} does.
     *
     * @throws IllegalArgumentException when the text is not such a key
     */
    public static byte[] decodePublic(int expectedPrefix, String text) {
        byte[] raw = decodeChecked(text);
        if (raw.length != 1 + ED25519_KEY_LENGTH || (raw[0] & 0xff) != expectedPrefix) {
            throw new IllegalArgumentException("nkeys: invalid public key");
        }
        byte[] key = new byte[ED25519_KEY_LENGTH];
        System.arraycopy(raw, 1, key, 0, ED25519_KEY_LENGTH);
        return key;
    }

    /** Whether {@code text} is a valid public key of role {@code prefix}. */
    public static boolean isValidPublicKey(int prefix, String text) {
        try {
            decodePublic(prefix, text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code text} is a valid public user key ({@code nkeys.IsValidPublicUserKey}). */
    public static boolean isValidPublicUserKey(String text) {
        return isValidPublicKey(PREFIX_USER, text);
    }

    /**
     * A seed ({@code SU...}, {@code SA...}, {@code SO...}): its role prefix and 32 raw bytes.
     *
     * @param rolePrefix the role's prefix byte, as {@link #PREFIX_USER}
     * @param raw        the Ed25519 private key seed
     */
    public record Seed(int rolePrefix, byte[] raw) {
    }

    /**
     * Decodes a seed as {@code nkeys.FromSeed} does.
     *
     * @throws IllegalArgumentException when the text is not a seed
     */
    public static Seed decodeSeed(String text) {
        byte[] raw = decodeChecked(text);
        if (raw.length != 2 + ED25519_KEY_LENGTH || (raw[0] & 0xf8) != PREFIX_SEED) {
            throw new IllegalArgumentException("nkeys: invalid seed");
        }
        int role = ((raw[0] & 0x07) << 5) | ((raw[1] & 0xf8) >>> 3);
        byte[] seed = new byte[ED25519_KEY_LENGTH];
        System.arraycopy(raw, 2, seed, 0, ED25519_KEY_LENGTH);
        return new Seed(role, seed);
    }

    /** Encodes a 32-byte seed of {@code rolePrefix} as seed text. */
    public static String encodeSeed(int rolePrefix, byte[] seed) {
        byte[] raw = new byte[2 + seed.length + 2];
        raw[0] = (byte) (PREFIX_SEED | (rolePrefix >>> 5));
        raw[1] = (byte) ((rolePrefix & 31) << 3);
        System.arraycopy(seed, 0, raw, 2, seed.length);
        int crc = Crc16.xmodem(raw, 0, 2 + seed.length);
        raw[raw.length - 2] = (byte) crc;
        raw[raw.length - 1] = (byte) (crc >>> 8);
        return base32(raw);
    }

    /** Base32 text to bytes, with the trailing CRC16 checked and removed. */
    private static byte[] decodeChecked(String text) {
        if (text == null || text.isEmpty() || !text.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '2' && c <= '7')) {
            throw new IllegalArgumentException("nkeys: invalid encoding");
        }
        byte[] all = base32Decode(text);
        if (all.length < 3) {
            throw new IllegalArgumentException("nkeys: invalid encoding");
        }
        int n = all.length - 2;
        int crc = (all[n] & 0xff) | (all[n + 1] & 0xff) << 8;
        if (crc != Crc16.xmodem(all, 0, n)) {
            throw new IllegalArgumentException("nkeys: invalid checksum");
        }
        byte[] out = new byte[n];
        System.arraycopy(all, 0, out, 0, n);
        return out;
    }

    /** Encodes 32 raw key bytes with the role prefix. */
    public static String encode(int prefix, byte[] rawKey) {
        byte[] raw = new byte[1 + rawKey.length + 2];
        raw[0] = (byte) prefix;
        System.arraycopy(rawKey, 0, raw, 1, rawKey.length);
        int crc = Crc16.xmodem(raw, 0, 1 + rawKey.length);
        raw[raw.length - 2] = (byte) crc;
        raw[raw.length - 1] = (byte) (crc >>> 8);
        return base32(raw);
    }

    /** The 32 key bytes of an Ed25519 public key, little-endian y with the x sign bit, as RFC 8032. */
    public static byte[] rawPublicKey(EdECPublicKey key) {
        byte[] bigEndianY = key.getPoint().getY().toByteArray();
        byte[] out = new byte[ED25519_KEY_LENGTH];
        for (int i = 0; i < ED25519_KEY_LENGTH && i < bigEndianY.length; i++) {
            out[i] = bigEndianY[bigEndianY.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            out[ED25519_KEY_LENGTH - 1] |= (byte) 0x80;
        }
        return out;
    }

    static String base32(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }

    /** Decodes base32 text without padding; used by tests and later by nkey auth. */
    static byte[] base32Decode(String text) {
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c - '2' + 26;
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
