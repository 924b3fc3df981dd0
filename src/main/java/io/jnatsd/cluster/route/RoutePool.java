package io.jnatsd.cluster.route;

import io.jnatsd.config.ClusterOptions;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Twin of the pool half of {@code server/route.go} ({@code routesPoolSize}, {@code accRoutes},
 * {@code setRouteInfo} in {@code server/server.go}): which route connection of a peer carries an
 * account. Each peer gets {@code pool_size} connections; an account's interest and messages use the
 * connection at the account's pool index ({@link RoutePoolIndex}); a pinned account
 * ({@code cluster { accounts [...] }}) has a dedicated route of its own, on which the account name is
 * left out of {@code RS+}/{@code RS-}/{@code RMSG}; a peer without pooling (Go 2.9, or
 * {@code pool_size: -1}) has one route that carries every account.
 *
 * <p>Immutable; thread-safe.
 */
final class RoutePool {

    /** {@code pool_size: -1}: no pooling, no pinned accounts, one route per peer, as a 2.9 server. */
    static final int POOL_DISABLED = -1;

    private final int configuredSize;
    private final Set<String> pinned;

    /**
     * @param configuredSize the {@code pool_size} option: a positive size, 0 for the default, or negative to
     *                       disable pooling
     * @param pinned         the pinned accounts, in the configured order
     */
    RoutePool(int configuredSize, List<String> pinned) {
        this.configuredSize = configuredSize == 0 ? ClusterOptions.POOL_SIZE_DEFAULT
                : configuredSize;
        this.pinned = this.configuredSize < 0 ? Set.of() : Collections.unmodifiableSet(
                new LinkedHashSet<>(pinned));
    }

    /** This pool with {@code accounts} as its pinned accounts (a reload, or a peer moving an account). */
    RoutePool withPinned(Collection<String> accounts) {
        return new RoutePool(configuredSize, List.copyOf(accounts));
    }

    /** Whether this server pools routes (and says {@code route_pool_size} in its INFO). */
    boolean pooling() {
        return configuredSize > 0;
    }

    /** The {@code route_pool_size} this server announces, or 0 to leave it out (behave as a 2.9 server). */
    int announcedSize() {
        return pooling() ? configuredSize : 0;
    }

    /** The reference's {@code routesPoolSize}: the configured size, 1 when pooling is disabled. */
    int localSize() {
        return pooling() ? configuredSize : 1;
    }

    /** The accounts with dedicated routes, in the configured order. */
    Set<String> pinnedAccounts() {
        return pinned;
    }

    boolean isPinned(String account) {
        return pinned.contains(account);
    }

    /** The pool index of {@code account}'s route, or -1 when it has a dedicated route. */
    int indexOf(String account) {
        return isPinned(account) ? -1 : RoutePoolIndex.of(localSize(), account);
    }

    /**
     * Whether {@code route} carries {@code account}'s interest (and so, following that interest, its
     * messages): its own dedicated route, the route at its pool index, or a route to a peer without pooling.
     */
    boolean carries(RouteConnection route, String account) {
        return carries(route.slot().account(), route.slot().noPool(), route.slot().index(), account);
    }

    /** As {@link #carries(RouteConnection, String)} for a route with these properties. */
    boolean carries(String routeAccount, boolean routeNoPool, int routePoolIndex, String account) {
        if (routeAccount != null) {
            return routeAccount.equals(account);
        }
        if (routeNoPool) {
            return true;
        }
        return !isPinned(account) && routePoolIndex == indexOf(account);
    }
}
