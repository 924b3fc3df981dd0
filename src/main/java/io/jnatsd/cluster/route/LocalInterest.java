package io.jnatsd.cluster.route;

import io.jnatsd.account.Subscription;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code updateRouteSubscriptionMap} and {@code sendSubsToRoute} in
 * {@code server/route.go}: the interest of this server's own subscriptions as the routes see
 * it, per account, keyed {@code "subject"} or {@code "subject queue"} with a count (the
 * reference's {@code acc.rm}). A plain subject is announced with {@code RS+} when its count
 * goes from 0 to 1 and withdrawn with {@code RS-} when it goes back to 0; a queue is announced
 * on every change, with the count as the group's weight.
 *
 * <p>With route pooling, each change goes only to the routes that carry its account
 * ({@link RoutePool#carries}), without the account name on an account's dedicated route.
 *
 * <p>Thread-safe: one lock serialises changes and the joining of routes, so that a route
 * gets the full list once and then every change after it, in order.
 */
final class LocalInterest {

    private final Object lock = new Object();
    /** Guarded by {@link #lock}: account → key → count. */
    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    /** Guarded by {@link #lock}: the routes that hear of changes. */
    private final List<RouteConnection> routes = new ArrayList<>();
    /** The cluster's import rules: interest they deny is counted but never announced. Set once at start. */
    private volatile RoutePermissions permissions = RoutePermissions.ALLOW_ALL;
    /** Guarded by {@link #lock}: which routes carry which account. */
    private RoutePool pool;

    LocalInterest(RoutePool pool) {
        this.pool = pool;
    }

    /** The pool changed (a reload, or an account moved to dedicated routes): later changes follow it. Any thread. */
    void setPool(RoutePool next) {
        synchronized (lock) {
            pool = next;
        }
    }

    /**
     * Sends every local interest of {@code account} to the routes that now carry it (an account that lost its
     * dedicated routes goes back to its pool route). Any thread.
     */
    void resend(String account) {
        synchronized (lock) {
            for (RouteConnection r : routes) {
                if (!pool.carries(r, account)) {
                    continue;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                appendAccount(out, account, r.slot().account() == null);
                if (out.size() > 0) {
                    r.sendInterest(out.toByteArray());
                }
            }
        }
    }

    /** Sets the cluster's route permissions; called once, before any route. */
    void setPermissions(RoutePermissions p) {
        permissions = p;
    }

    /** A local subscription of {@code account} came ({@code delta} 1) or went (-1). Any thread. */
    void update(String account, Subscription sub, int delta) {
        String queue = sub.queue();
        boolean isQueue = queue != null && !queue.isEmpty();
        String key = isQueue ? sub.subject() + " " + queue : sub.subject();
        synchronized (lock) {
            Map<String, Integer> rm = counts.computeIfAbsent(account, k -> new HashMap<>());
            Integer old = rm.get(key);
            int n = (old == null ? 0 : old) + delta;
            boolean send = isQueue;
            if (n <= 0) {
                if (old == null) {
                    return;
                }
                rm.remove(key);
                send = true;
            } else {
                rm.put(key, n);
                send |= old == null;
            }
            if (!send || routes.isEmpty() || !permissions.canImport(sub.subject())) {
                return;
            }
            String q = isQueue ? queue : null;
            byte[] named = null;
            byte[] bare = null;
            for (RouteConnection r : routes) {
                if (!pool.carries(r, account)) {
                    continue;
                }
                if (r.slot().account() == null) {
                    named = named != null ? named : n > 0 ? sub(account, sub.subject(), q, n)
                            : unsub(account, sub.subject(), q);
                    r.sendInterest(named);
                } else {
                    bare = bare != null ? bare : n > 0 ? sub(null, sub.subject(), q, n) : unsub(null, sub.subject(), q);
                    r.sendInterest(bare);
                }
            }
        }
    }

    /** {@code route} is registered: send it every local interest, then every change. Any thread. */
    void addRoute(RouteConnection route) {
        synchronized (lock) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            boolean named = route.slot().account() == null;
            for (String account : counts.keySet()) {
                if (pool.carries(route, account)) {
                    appendAccount(all, account, named);
                }
            }
            routes.add(route);
            if (all.size() > 0) {
                route.sendInterest(all.toByteArray());
            }
        }
    }

    /** Appends an {@code RS+} for each interest of {@code account}, naming it when {@code named}; caller holds the lock. */
    private void appendAccount(ByteArrayOutputStream out, String account, boolean named) {
        Map<String, Integer> rm = counts.get(account);
        if (rm == null) {
            return;
        }
        for (Map.Entry<String, Integer> e : rm.entrySet()) {
            String key = e.getKey();
            int space = key.indexOf(' ');
            String subject = space < 0 ? key : key.substring(0, space);
            String queue = space < 0 ? null : key.substring(space + 1);
            if (permissions.canImport(subject)) {
                out.writeBytes(sub(named ? account : null, subject, queue, e.getValue()));
            }
        }
    }

    void removeRoute(RouteConnection route) {
        synchronized (lock) {
            routes.remove(route);
        }
    }

    /** {@code RS+ [<account> ]<subject>[ <queue> <weight>]\r\n}: no account (null) on a dedicated route. */
    static byte[] sub(String account, String subject, String queue, int weight) {
        String line = "RS+ " + (account == null ? "" : account + " ") + subject + (queue == null ? "" : " " + queue + " " + weight) + "\r\n";
        return line.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code RS- [<account> ]<subject>[ <queue>]\r\n}: no account (null) on a dedicated route. */
    static byte[] unsub(String account, String subject, String queue) {
        String line = "RS- " + (account == null ? "" : account + " ") + subject + (queue == null ? "" : " " + queue) + "\r\n";
        return line.getBytes(StandardCharsets.ISO_8859_1);
    }
}
