package io.jnatsd.cluster.route;

import io.jnatsd.subject.Sublist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One route's share of the peer's interest (the route's {@code c.subs} in {@code server/route.go}): the
 * {@link RemoteSub}s its {@code RS+} created, keyed {@code "account subject[ queue]"}, each also inserted in the
 * account's {@link RemoteInterest} sublist and removed from it by {@code RS-}, when the account moves to a
 * dedicated route ({@code removeRemoteSubsForAcc}), or when the route closes.
 *
 * <p>Event loop of the route only, except {@link #size}, which may be read from any thread (a monitoring hint).
 */
final class RouteRemoteSubs {

    private record Entry(String account, RemoteSub sub) {
    }

    private final RemoteInterest interest;
    private final Map<String, Entry> byKey = new HashMap<>();
    private volatile int size;

    RouteRemoteSubs(RemoteInterest interest) {
        this.interest = interest;
    }

    private static String key(String account, String subject, String queue) {
        return account + " " + subject + (queue == null ? "" : " " + queue);
    }

    /**
     * The peer announced {@code subject} (and {@code queue} with {@code weight}) in {@code account}: a new
     * subscription, or a queue weight update.
     *
     * @throws IllegalArgumentException when the sublist refuses the subject
     */
    void add(RouteConnection route, String account, String subject, String queue, int weight) {
        String key = key(account, subject, queue);
        Entry existing = byKey.get(key);
        if (existing == null) {
            RemoteSub sub = new RemoteSub(route, subject, queue, weight);
            interest.sublist(account).insert(subject, queue, sub);
            byKey.put(key, new Entry(account, sub));
            size = byKey.size();
        } else if (queue != null && existing.sub().queueWeight() != weight) {
            existing.sub().setWeight(weight);
            interest.sublist(account).queueWeightChanged(subject);
        }
    }

    /** The peer withdrew {@code subject} (and {@code queue}) in {@code account}. */
    void remove(String account, String subject, String queue) {
        Entry e = byKey.remove(key(account, subject, queue));
        if (e != null) {
            withdraw(e);
            size = byKey.size();
        }
    }

    /** Drops every subscription of {@code account} (it moves to a dedicated route). */
    void removeAccount(String account) {
        for (Iterator<Entry> it = byKey.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.account().equals(account)) {
                withdraw(e);
                it.remove();
            }
        }
        size = byKey.size();
    }

    /** Drops every subscription (the route closed). */
    void clear() {
        for (Entry e : byKey.values()) {
            withdraw(e);
        }
        byKey.clear();
        size = 0;
    }

    private void withdraw(Entry e) {
        Sublist<RemoteSub> sublist = interest.sublist(e.account());
        sublist.remove(e.sub().subject(), e.sub().queue(), e.sub());
    }

    /** How many subscriptions the peer holds on this route. Any thread. */
    int size() {
        return size;
    }

    /** {@code "subject"} or {@code "subject queue"} of each subscription, for /routez. */
    List<String> list() {
        List<String> out = new ArrayList<>();
        for (Entry e : byKey.values()) {
            RemoteSub s = e.sub();
            out.add(s.queue() == null ? s.subject() : s.subject() + " " + s.queue());
        }
        return out;
    }
}
