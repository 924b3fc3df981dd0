package io.jnatsd.monitor;

import java.time.Instant;
import java.util.Comparator;

/**
 * Twin of {@code SortOpt} in {@code server/monitor_sort_opts.go}: the orders /connz knows.
 * Only cid, start and uptime sort up (uptime oldest first); every other sorts down, as the
 * reference does.
 */
enum ConnzSort {
    CID("cid", Comparator.comparingLong(ConnInfo::cid)),
    START("start", Comparator.comparingLong(ConnInfo::cid)),
    SUBS("subs", Comparator.comparingInt(ConnInfo::subscriptions).reversed()),
    PENDING("pending", Comparator.comparingLong(ConnInfo::pendingBytes).reversed()),
    MSGS_TO("msgs_to", Comparator.comparingLong(ConnInfo::outMsgs).reversed()),
    MSGS_FROM("msgs_from", Comparator.comparingLong(ConnInfo::inMsgs).reversed()),
    BYTES_TO("bytes_to", Comparator.comparingLong(ConnInfo::outBytes).reversed()),
    BYTES_FROM("bytes_from", Comparator.comparingLong(ConnInfo::inBytes).reversed()),
    LAST("last", Comparator.comparing(ConnInfo::lastActivity).reversed()),
    IDLE("idle", Comparator.comparing(ConnInfo::lastActivity)),
    UPTIME("uptime", Comparator.comparing(ConnInfo::start)),
    STOP("stop", Comparator.comparing((ConnInfo c) -> c.stop() == null ? Instant.MIN : c.stop()).reversed()),
    REASON("reason", Comparator.comparing(ConnInfo::reason)),
    RTT("rtt", Comparator.comparingLong(ConnInfo::rttNanos).reversed());

    private final String queryName;
    private final Comparator<ConnInfo> order;

    ConnzSort(String queryName, Comparator<ConnInfo> order) {
        this.queryName = queryName;
        this.order = order;
    }

    Comparator<ConnInfo> order() {
        return order;
    }

    /** The sort named in the query, CID when empty, null when unknown. */
    static ConnzSort parse(String name) {
        if (name.isEmpty()) {
            return CID;
        }
        for (ConnzSort s : values()) {
            if (s.queryName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
