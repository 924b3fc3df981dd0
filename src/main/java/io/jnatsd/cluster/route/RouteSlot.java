package io.jnatsd.cluster.route;

/**
 * A route connection's place among its peer's routes (the reference's {@code route.poolIdx},
 * {@code route.accName} and {@code route.noPool}): a slot of the peer's pool, the dedicated route of a
 * pinned account, or the one route to a peer without pooling. Set during the handshake, read by
 * {@link RoutePool#carries} as interest changes.
 *
 * <p>Thread-safe (volatile fields, each written once or twice during the handshake).
 */
final class RouteSlot {

    private volatile String account;
    private volatile int index = -1;
    private volatile boolean noPool;

    /** The pinned account of a dedicated route (not named in its protocols), or null. */
    String account() {
        return account;
    }

    void pin(String pinnedAccount) {
        account = pinnedAccount;
    }

    /** The slot in the peer's pool, -1 until registered and for a dedicated route. */
    int index() {
        return index;
    }

    void setIndex(int poolIndex) {
        index = poolIndex;
    }

    /** Whether the peer does not pool (Go 2.9, or {@code pool_size: -1}): this route carries every account. */
    boolean noPool() {
        return noPool;
    }

    void setNoPool() {
        noPool = true;
        index = 0;
    }
}
