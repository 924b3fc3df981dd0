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
    static byte[] rawPublicKey(EdECPublicKey key) {
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
