package io.jnatsd.cluster.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twin of the server's {@code routes}/{@code remotes} maps and of {@code addRoute} and
 * {@code removeRoute} in {@code server/route.go}: every route connection, and the one
 * registered route per peer server id. A second route to the same peer is a duplicate: it is
 * refused, and the kept one is marked to reconnect (and takes over the dialled URL), which is
 * how the reference keeps both sides from dropping both connections.
 *
 * <p>Thread-safe.
 */
final class RouteRegistry {

    private final Set<RouteConnection> all = ConcurrentHashMap.newKeySet();
    /** Guarded by this. */
    private final Map<String, RouteConnection> remotes = new HashMap<>();

    /** A route connection exists (not yet registered). */
    void track(RouteConnection route) {
        all.add(route);
    }

    /**
     * Registers {@code route} as the route to the peer {@code info} names; false when that peer
     * already has one (the caller closes {@code route} as a duplicate).
     */
    synchronized boolean register(RouteConnection route, RouteProtocolJson.PeerInfo info) {
        RouteConnection existing = remotes.get(info.id());
        if (existing != null && existing != route && !existing.isClosed()) {
            if (route.solicited()) {
                existing.upgradeToSolicited(route.url(), route.explicit());
            }
            existing.setRetry();
            return false;
        }
        remotes.put(info.id(), route);
        return true;
    }

    /** Forgets {@code route}; returns whether it was the registered route of its peer. */
    synchronized boolean remove(RouteConnection route) {
        all.remove(route);
        return remotes.remove(route.remoteId(), route);
    }

    synchronized boolean hasRemote(String serverId) {
        return remotes.containsKey(serverId);
    }

    /** The registered routes, one per peer. */
    synchronized List<RouteConnection> registered() {
        return new ArrayList<>(remotes.values());
    }

    /** Every route connection, registered or still in its handshake. */
    List<RouteConnection> all() {
        return new ArrayList<>(all);
    }
}
