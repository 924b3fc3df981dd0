package io.jnatsd.cluster.route;

import java.nio.charset.StandardCharsets;

/**
 * Twin of {@code computeRoutePoolIdx} in {@code server/route.go}: the route of a pool that carries an account,
 * the 32-bit FNV-1a hash of the account name modulo the pool size, so every server of the cluster (Go or jnatsd)
 * picks the same one. {@link RoutePool} uses it.
 *
 * <p>Stateless; thread-safe.
 */
final class RoutePoolIndex {

    private static final int FNV32_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV32_PRIME = 0x01000193;

    private RoutePoolIndex() {
    }

    /** @return the pool index in {@code [0, poolSize)}, 0 when the pool has at most one route */
    static int of(int poolSize, String account) {
        if (poolSize <= 1) {
            return 0;
        }
        return Integer.remainderUnsigned(fnv1a32(account.getBytes(StandardCharsets.UTF_8)), poolSize);
    }

    static int fnv1a32(byte[] data) {
        int h = FNV32_OFFSET_BASIS;
        for (byte b : data) {
            h ^= b & 0xFF;
            h *= FNV32_PRIME;
        }
        return h;
    }
}
