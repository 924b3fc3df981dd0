package io.jnatsd.cluster.route;

import io.jnatsd.auth.NKeys;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Twin of {@code reloadClusterPoolAndAccounts} in {@code server/reload.go} and of the
 * {@code RouteAccReqID} half of {@code processRouteInfo} in {@code server/route.go}: a reload that changes
 * {@code pool_size} or the pinned {@code accounts} of the cluster block, and a peer's notice that an account
 * moves to dedicated routes.
 *
 * <ul>
 *   <li>An added account is pinned at once, each peer is told with an INFO naming the account and a request
 *       id (it pins the account too and echoes the id), the peers' interest in it is dropped from the pool
 *       routes, and once the peers confirmed (or {@link #CONFIRM_TIMEOUT_MILLIS} passed) its dedicated routes
 *       are dialled; each side then sends the account's interest on them.</li>
 *   <li>A removed account's dedicated routes are closed for good, and its interest goes back on the pool
 *       route of its index.</li>
 *   <li>A new pool size closes every pool route (not the dedicated ones); the routes come back with the new
 *       size, and the configured routes are dialled again.</li>
 * </ul>
 *
 * <p>Thread-safe: {@link #apply} runs on the reloading thread (one reload at a time), {@link #onPeerNotice} on
 * a route's event loop.
 */
final class PinnedAccountMoves {

    private static final Logger LOG = LoggerFactory.getLogger(PinnedAccountMoves.class);
    /** How long a reload waits for the peers to confirm an account's move (the reference's 2 seconds). */
    static final long CONFIRM_TIMEOUT_MILLIS = 2000;

    private final RouteModule module;
    /** The request id of the move this server waits on, and its confirmations; null when none. */
    private volatile String pendingId;
    private volatile CountDownLatch pendingConfirms;
    /**
     * Accounts moving to dedicated routes, until the first of them is up (the reference's
     * {@code accTransitioningToDedicatedRoute}): their interest on a pool route is stale and ignored.
     */
    private final Set<String> moving = ConcurrentHashMap.newKeySet();

    PinnedAccountMoves(RouteModule module) {
        this.module = module;
    }

    /** Applies a reload's pool size and pinned accounts. Reloading thread. */
    void apply(ClusterOptions current, ClusterOptions next, ServerOptions options) throws InterruptedException {
        RoutePool old = module.pool();
        RoutePool fresh = new RoutePool(next.poolSize(), RouteModule.pinnedAccounts(next, options));
        boolean sizeChanged = current.poolSize() != next.poolSize();
        List<String> added = minus(fresh.pinnedAccounts(), old.pinnedAccounts());
        List<String> removed = minus(old.pinnedAccounts(), fresh.pinnedAccounts());
        if (!sizeChanged && added.isEmpty() && removed.isEmpty()) {
            return;
        }
        if (!added.isEmpty()) {
            Set<String> both = new LinkedHashSet<>(old.pinnedAccounts());
            both.addAll(added);
            moving.addAll(added);
            module.setPool(old.withPinned(both));
            announce(added, old.announcedSize());
        }
        RouteRegistry registry = module.registry();
        for (String account : removed) {
            for (RouteConnection r : registry.removePinned(account)) {
                r.setNoReconnect();
                r.close("Route Removed");
            }
        }
        module.setPool(fresh);
        if (sizeChanged) {
            for (RouteConnection r : registry.poolRoutes()) {
                r.close("Route Removed");
            }
            module.solicitor().solicitConfigured(module.options());
        } else {
            for (String account : removed) {
                module.localInterest().resend(account);
            }
        }
        for (String account : added) {
            dialDedicated(account);
        }
        LOG.info("Reloaded: cluster pool size {}, pinned accounts {}", fresh.announcedSize(), fresh.pinnedAccounts());
    }

    /** Tells each pooled peer that {@code accounts} move to dedicated routes, and waits for the confirmations. */
    private void announce(List<String> accounts, int poolSize) throws InterruptedException {
        String id = NKeys.newServerId().substring(0, 22);
        List<RouteConnection> peers = new ArrayList<>();
        for (RouteConnection r : module.registry().onePerPeer()) {
            if (!r.slot().noPool()) {
                peers.add(r);
            }
        }
        for (RouteConnection r : module.registry().poolRoutes()) {
            if (!r.slot().noPool()) {
                accounts.forEach(r::dropRemoteSubs);
            }
        }
        if (peers.isEmpty()) {
            return;
        }
        CountDownLatch confirms = new CountDownLatch(peers.size() * accounts.size());
        pendingConfirms = confirms;
        pendingId = id;
        try {
            for (RouteConnection r : peers) {
                for (String account : accounts) {
                    r.sendProtoNow(RouteProtocolJson.accountMoveLine(poolSize, account, id));
                }
            }
            if (!confirms.await(CONFIRM_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Timed out waiting for confirmation from all routes regarding per-account routes changes");
            }
        } finally {
            pendingId = null;
            pendingConfirms = null;
        }
    }

    /** Dials {@code account}'s dedicated route to every pooled peer that does not have one yet. */
    private void dialDedicated(String account) {
        for (RouteConnection r : module.registry().onePerPeer()) {
            if (!r.slot().noPool() && r.url() != null && !module.registry().hasPinned(account, r.remoteId())) {
                module.solicitor().dialPinned(r.url(), r.explicit(), account);
            }
        }
    }

    /**
     * A peer's INFO with a move request id: with an account, the peer moves it to dedicated routes (pin it
     * here too, drop the peers' interest in it from the pool routes, confirm); without, a peer confirms our
     * move. Event loop of {@code route}.
     */
    void onPeerNotice(RouteConnection route, RouteProtocolJson.PeerInfo info) {
        String account = info.routeAccount();
        if (account.isEmpty()) {
            CountDownLatch confirms = pendingConfirms;
            if (confirms != null && info.accountMoveId().equals(pendingId)) {
                confirms.countDown();
            }
            return;
        }
        if (module.lookupAccount(account) == null) {
            LOG.error("{}Error looking up account \"{}\": account not found", route.logPrefix(), account);
            return;
        }
        RoutePool pool = module.pool();
        if (!pool.isPinned(account)) {
            Set<String> pinned = new LinkedHashSet<>(pool.pinnedAccounts());
            pinned.add(account);
            moving.add(account);
            module.setPool(pool.withPinned(pinned));
        }
        for (RouteConnection r : module.registry().poolRoutes()) {
            if (!r.slot().noPool()) {
                r.dropRemoteSubs(account);
            }
        }
        route.sendProtoNow(RouteProtocolJson.accountMoveReply(info));
    }

    /** Whether {@code account}'s interest on a pool route is to be ignored: it moves to dedicated routes. */
    boolean isMoving(String account) {
        return !moving.isEmpty() && moving.contains(account);
    }

    /** A dedicated route of {@code account} is up: its move is over. Any thread. */
    void onDedicatedRoute(String account) {
        moving.remove(account);
    }

    private static List<String> minus(Set<String> from, Set<String> other) {
        List<String> out = new ArrayList<>();
        for (String s : from) {
            if (!other.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
