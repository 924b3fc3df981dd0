package io.jnatsd.cluster.route;

import io.jnatsd.subject.Sublist;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The interest of the peers, per account: a {@link Sublist} of {@link RemoteSub}s apart from
 * the account's own (which holds local subscriptions only). Kept apart so that a message that
 * came in over a route is matched against local interest alone (one hop), and so that a
 * server without routes never looks here.
 *
 * <p>Thread-safe.
 */
final class RemoteInterest {

    private final ConcurrentHashMap<String, Sublist<RemoteSub>> byAccount = new ConcurrentHashMap<>();

    /** The remote sublist of {@code account}, created on first use. */
    Sublist<RemoteSub> sublist(String account) {
        return byAccount.computeIfAbsent(account, k -> new Sublist<>());
    }

    /** The remote sublist of {@code account}, or null when no peer has shown interest in it. */
    Sublist<RemoteSub> sublistIfAny(String account) {
        return byAccount.get(account);
    }

    /** Remote subscriptions in every account. */
    int count() {
        int n = 0;
        for (Sublist<RemoteSub> s : byAccount.values()) {
            n += s.count();
        }
        return n;
    }
}
