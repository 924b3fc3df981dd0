package io.jnatsd.cluster.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twin of the server's {@code routes}/{@code accRoutes} maps and of {@code addRoute},
 * {@code handleDuplicateRoute} and {@code removeRoute} in {@code server/route.go}: every route
 * connection, the pool of registered connections per peer server id (one slot per pool index, a
 * single slot for a peer without pooling), and the dedicated route per pinned account and peer.
 *
 * <p>A connection that finds its slot taken is a duplicate: it is refused, and the kept one is
 * marked to reconnect (and takes over the dialled URL), which is how the reference keeps both sides
 * from dropping both connections. A dialled connection to a pooled peer takes the first free slot;
 * an accepted one the slot its INFO names ({@code route_pool_idx}); with every slot taken it is an
 * extra connection and is closed for good.
 *
 * <p>Thread-safe.
 */
final class RouteRegistry {

    /** What {@link #register} decided. */
    enum Outcome {
        /** The connection has its slot. */
        REGISTERED,
        /** The slot (or the peer, without pooling) already has a connection: close as a duplicate. */
        DUPLICATE,
        /** Every slot of the pool is taken: close the extra connection, do not reconnect. */
        POOL_FULL,
        /** The INFO breaks the pooling rules: send {@link Admission#error()} and close. */
        REFUSED
    }

    /**
     * @param index       the pool index the connection took (-1 unless registered in a pool slot)
     * @param firstOfPeer whether this is the first registered connection to the peer (gossip, connect URLs)
     * @param dialMore    whether this server dialled it and the pool still has free slots to dial
     * @param error       the protocol error text for {@link Outcome#REFUSED}
     */
    record Admission(Outcome outcome, int index, boolean firstOfPeer, boolean dialMore, String error) {

        static Admission refused(String error) {
            return new Admission(Outcome.REFUSED, -1, false, false, error);
        }

        static Admission of(Outcome outcome) {
            return new Admission(outcome, -1, false, false, null);
        }
    }

    /** The pool of one peer. Guarded by the registry. */
    private static final class Peer {
        private RouteConnection[] slots;
        private final boolean pooled;

        Peer(int size, boolean pooled) {
            this.slots = new RouteConnection[size];
            this.pooled = pooled;
        }

        /** The first live connection, or null. */
        RouteConnection first() {
            for (RouteConnection r : slots) {
                if (r != null && !r.isClosed()) {
                    return r;
                }
            }
            return null;
        }
    }

    private final Set<RouteConnection> all = ConcurrentHashMap.newKeySet();
    /** Guarded by this: peer server id → its pool. */
    private final Map<String, Peer> remotes = new HashMap<>();
    /** Guarded by this: pinned account → peer server id → dedicated route. */
    private final Map<String, Map<String, RouteConnection>> pinned = new HashMap<>();

    RouteRegistry(RoutePool pool) {
        for (String account : pool.pinnedAccounts()) {
            pinned.put(account, new HashMap<>());
        }
    }

    /** {@code account} now has dedicated routes: its route connections are accepted (a reload, or a peer's notice). */
    synchronized void addPinned(String account) {
        pinned.putIfAbsent(account, new HashMap<>());
    }

    /** {@code account} has no dedicated routes any more; returns the ones it had, for the caller to close. */
    synchronized List<RouteConnection> removePinned(String account) {
        Map<String, RouteConnection> routes = pinned.remove(account);
        return routes == null ? List.of() : new ArrayList<>(routes.values());
    }

    /** Every registered pool connection (not the dedicated ones). */
    synchronized List<RouteConnection> poolRoutes() {
        List<RouteConnection> out = new ArrayList<>();
        for (Peer p : remotes.values()) {
            for (RouteConnection r : p.slots) {
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** A route connection exists (not yet registered). */
    void track(RouteConnection route) {
        all.add(route);
    }

    /**
     * Registers {@code route} as a route to the peer {@code info} names, in a pool slot or as the dedicated
     * route of its pinned account. Sets the route's pool index (and marks a route to a peer without pooling).
     */
    synchronized Admission register(RouteConnection route, RouteProtocolJson.PeerInfo info, RoutePool pool) {
        String account = route.slot().account();
        boolean pooled = info.poolSize() > 0 && pool.pooling();
        int effective = Math.max(pool.localSize(), info.poolSize());
        if (!pooled) {
            if (account != null) {
                route.setNoReconnect();
                return Admission.refused("Not possible to have a dedicated route for account \"" + account
                        + "\" between those servers");
            }
            route.slot().setNoPool();
        } else if (route.solicited() && info.poolIndex() != 0) {
            return Admission.refused("Route pool index should not be set but is set to " + info.poolIndex());
        } else if (!route.solicited() && (info.poolIndex() < 0 || info.poolIndex() >= effective)) {
            return Admission.refused("Invalid route pool index: " + info.poolIndex() + " - pool size is "
                    + info.poolSize());
        }
        if (account != null) {
            return registerPinned(route, info.id(), account);
        }
        Peer peer = remotes.get(info.id());
        if (peer == null || peer.first() == null) {
            peer = new Peer(pooled ? effective : 1, pooled);
            remotes.put(info.id(), peer);
            return take(peer, route, pooled ? info.poolIndex() : 0, effective);
        }
        if (!pooled || !peer.pooled) {
            duplicate(peer.first(), route, !pooled);
            return Admission.of(Outcome.DUPLICATE);
        }
        if (peer.slots.length < effective) {
            peer.slots = Arrays.copyOf(peer.slots, effective);
        }
        int index = -1;
        if (!route.solicited()) {
            index = info.poolIndex();
            RouteConnection existing = peer.slots[index];
            if (existing != null && !existing.isClosed()) {
                duplicate(existing, route, false);
                return Admission.of(Outcome.DUPLICATE);
            }
            for (RouteConnection r : peer.slots) {
                if (r != null && r.solicited()) {
                    route.upgradeToSolicited(r.url(), r.explicit());
                    break;
                }
            }
        } else {
            for (RouteConnection r : peer.slots) {
                if (r != null) {
                    r.upgradeToSolicited(route.url(), route.explicit());
                }
            }
            for (int i = 0; i < peer.slots.length && index < 0; i++) {
                if (peer.slots[i] == null || peer.slots[i].isClosed()) {
                    index = i;
                }
            }
        }
        if (index < 0) {
            route.setNoReconnect();
            return Admission.of(Outcome.POOL_FULL);
        }
        return take(peer, route, index, effective);
    }

    private Admission take(Peer peer, RouteConnection route, int index, int effective) {
        peer.slots[index] = route;
        route.slot().setIndex(index);
        int size = 0;
        for (RouteConnection r : peer.slots) {
            if (r != null) {
                size++;
            }
        }
        boolean dialMore = peer.pooled && route.solicited() && size != effective;
        return new Admission(Outcome.REGISTERED, index, !peer.pooled || size == 1, dialMore, null);
    }

    private Admission registerPinned(RouteConnection route, String peerId, String account) {
        Map<String, RouteConnection> routes = pinned.get(account);
        if (routes == null) {
            return Admission.refused("No route for account \"" + account + "\"");
        }
        RouteConnection existing = routes.get(peerId);
        if (existing != null && existing != route && !existing.isClosed()) {
            duplicate(existing, route, true);
            return Admission.of(Outcome.DUPLICATE);
        }
        routes.put(peerId, route);
        return new Admission(Outcome.REGISTERED, -1, false, false, null);
    }

    /** The reference's {@code handleDuplicateRoute}: the kept route takes over the dialled URL and retries. */
    private static void duplicate(RouteConnection kept, RouteConnection extra, boolean noReconnect) {
        if (noReconnect) {
            extra.setNoReconnect();
        }
        if (extra.solicited()) {
            kept.upgradeToSolicited(extra.url(), extra.explicit());
        }
        kept.setRetry();
    }

    /** Forgets {@code route}; returns whether it was the last registered pool route of its peer. */
    synchronized boolean remove(RouteConnection route) {
        all.remove(route);
        String account = route.slot().account();
        if (account != null) {
            Map<String, RouteConnection> routes = pinned.get(account);
            if (routes != null) {
                routes.remove(route.remoteId(), route);
            }
            return false;
        }
        Peer peer = remotes.get(route.remoteId());
        int index = route.slot().index();
        if (peer == null || index < 0 || index >= peer.slots.length || peer.slots[index] != route) {
            return false;
        }
        peer.slots[index] = null;
        if (peer.first() == null) {
            remotes.remove(route.remoteId());
            return true;
        }
        return false;
    }

    synchronized boolean hasRemote(String serverId) {
        return remotes.containsKey(serverId);
    }

    /** Whether {@code serverId} has a dedicated route for {@code account}. */
    synchronized boolean hasPinned(String account, String serverId) {
        Map<String, RouteConnection> routes = pinned.get(account);
        return routes != null && routes.containsKey(serverId);
    }

    /** Every registered route connection: each pool's, then the dedicated ones. */
    synchronized List<RouteConnection> registered() {
        List<RouteConnection> out = poolRoutes();
        for (Map<String, RouteConnection> routes : pinned.values()) {
            out.addAll(routes.values());
        }
        return out;
    }

    /** One registered route per peer (the reference's {@code forEachRemote}): gossip, peers' URLs. */
    synchronized List<RouteConnection> onePerPeer() {
        List<RouteConnection> out = new ArrayList<>();
        for (Peer p : remotes.values()) {
            RouteConnection r = p.first();
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** How many peers have a registered pool. */
    synchronized int peerCount() {
        return remotes.size();
    }

    /** Every route connection, registered or still in its handshake. */
    List<RouteConnection> all() {
        return new ArrayList<>(all);
    }
}
