package io.jnatsd.auth;

/** CRC-16/XMODEM (polynomial 0x1021, initial 0), the checksum nkeys append to keys. */
final class Crc16 {

    private static final int POLYNOMIAL = 0x1021;

    private Crc16() {
    }

    static int xmodem(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc ^= (data[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
            }
        }
        return crc & 0xffff;
    }
}
