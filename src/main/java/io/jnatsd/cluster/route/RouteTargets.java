package io.jnatsd.cluster.route;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The routes one message goes to, each once, with the queue groups the peer is to pick a
 * member of (the reference's {@code c.in.rts} and {@code routeTarget.qs}). Reused per thread.
 *
 * <p>Not thread-safe: one per event loop thread.
 */
final class RouteTargets {

    private RouteConnection[] routes = new RouteConnection[8];
    private byte[][] queues = new byte[8][];
    private int[] queueLengths = new int[8];
    private int size;
    private String lastAccount;
    private byte[] lastAccountBytes;

    int size() {
        return size;
    }

    RouteConnection route(int i) {
        return routes[i];
    }

    /** Queue names of target {@code i}, each followed by a space, in {@code [0, queuesLength(i))}. */
    byte[] queues(int i) {
        return queues[i];
    }

    int queuesLength(int i) {
        return queueLengths[i];
    }

    void addPlain(RouteConnection route) {
        indexOf(route);
    }

    void addQueue(RouteConnection route, byte[] name) {
        int i = indexOf(route);
        int n = name.length;
        byte[] q = queues[i];
        int len = queueLengths[i];
        if (q == null || q.length < len + n + 1) {
            q = q == null ? new byte[Math.max(64, n + 1)] : Arrays.copyOf(q, Math.max(q.length * 2, len + n + 1));
            queues[i] = q;
        }
        System.arraycopy(name, 0, q, len, n);
        q[len + n] = ' ';
        queueLengths[i] = len + n + 1;
    }

    /** The account's name as sent in an RMSG; remembers the last account, so a steady publisher allocates nothing. */
    byte[] accountBytes(String account) {
        if (!account.equals(lastAccount)) {
            lastAccountBytes = account.getBytes(StandardCharsets.ISO_8859_1);
            lastAccount = account;
        }
        return lastAccountBytes;
    }

    private int indexOf(RouteConnection route) {
        for (int i = 0; i < size; i++) {
            if (routes[i] == route) {
                return i;
            }
        }
        if (size == routes.length) {
            routes = Arrays.copyOf(routes, size * 2);
            queues = Arrays.copyOf(queues, size * 2);
            queueLengths = Arrays.copyOf(queueLengths, size * 2);
        }
        routes[size] = route;
        queueLengths[size] = 0;
        return size++;
    }

    void reset() {
        Arrays.fill(routes, 0, size, null);
        size = 0;
    }
}
