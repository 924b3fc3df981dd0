package io.jnatsd.monitor;

import io.jnatsd.server.ClientListener;
import io.jnatsd.server.ClientSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Twin of {@code closedRingBuffer} in {@code server/ring.go}: the last
 * {@code max_closed_clients} closed connections with their reason, oldest first, for
 * {@code /connz?state=closed}. Thread-safe (one monitor; appends come from I/O threads, one
 * per closing connection, and are a single array store).
 */
final class ClosedConnections implements ClientListener {

    /** The reference's {@code DEFAULT_MAX_CLOSED_CLIENTS}. */
    static final int MAX_CLOSED_CLIENTS_DEFAULT = 10_000;

    private final ClientSnapshot[] ring;
    private long total;

    ClosedConnections(int maxClosedClients) {
        this.ring = new ClientSnapshot[Math.max(1, maxClosedClients)];
    }

    @Override
    public synchronized void onClientClosed(ClientSnapshot snapshot) {
        ring[(int) (total % ring.length)] = snapshot;
        total++;
    }

    /** The held connections, oldest first. */
    synchronized List<ClientSnapshot> snapshot() {
        int len = (int) Math.min(total, ring.length);
        List<ClientSnapshot> out = new ArrayList<>(len);
        int head = (int) (total % ring.length);
        int first = total <= ring.length ? 0 : head;
        for (int i = 0; i < len; i++) {
            out.add(ring[(first + i) % ring.length]);
        }
        return out;
    }

    /** How many connections have closed since the monitor started, held or not. */
    synchronized long totalClosed() {
        return total;
    }
}
