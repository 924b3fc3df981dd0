package io.jnatsd.auth.jwt;

import java.net.InetAddress;
import java.util.List;

/** The {@code src} check of a user JWT ({@code validateSrc}): is the client's address in one of the networks. */
final class Cidrs {

    private Cidrs() {
    }

    /** Whether {@code ip} lies in one of {@code cidrs}; a bad CIDR or address matches nothing. */
    static boolean containsAny(List<String> cidrs, String ip) {
        if (ip == null) {
            return false;
        }
        try {
            byte[] address = InetAddress.ofLiteral(ip).getAddress();
            for (String cidr : cidrs) {
                if (contains(cidr, address)) {
                    return true;
                }
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private static boolean contains(String cidr, byte[] address) {
        int slash = cidr.indexOf('/');
        try {
            byte[] network = InetAddress.ofLiteral(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (network.length != address.length || bits < 0 || bits > network.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
