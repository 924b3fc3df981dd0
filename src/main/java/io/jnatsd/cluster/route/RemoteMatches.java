package io.jnatsd.cluster.route;

import io.jnatsd.account.Account;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.server.SubjectMatchCache;
import io.jnatsd.subject.Sublist;
import io.jnatsd.subject.SublistResult;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.IdentityHashMap;

/**
 * The peers' interest in the subject of a message a local connection published, the route half of the
 * reference's per-publisher {@code c.in.results}: one {@link SubjectMatchCache} per account and per publishing
 * thread, keyed by the subject's bytes, so that a publisher sending to a subject it used before neither builds
 * a String nor touches the shared remote sublist. Owned by one server's {@link RouteForwarder}: the thread-local
 * is a field of this instance, so servers sharing a JVM (and its threads) never see each other's caches.
 *
 * <p>Invalidation: each cache is cleared when its remote sublist's generation moves, and every change of the
 * peers' interest moves it ({@code RS+}, {@code RS-}, a queue weight, a route that closes, an account that moves
 * to a dedicated route: all insert into or remove from the sublist). {@link RemoteInterest} never drops an
 * account's sublist once made, so the account-to-sublist step is kept too.
 *
 * <p>Thread-safe: each thread has its own caches.
 */
final class RemoteMatches {

    /** More accounts than this on one thread (accounts replaced by reloads, say): start the thread's map over. */
    static final int MAX_ACCOUNTS_PER_THREAD = 64;

    private final RemoteInterest interest;
    private final FastThreadLocal<PerThread> perThread = new FastThreadLocal<>() {
        @Override
        protected PerThread initialValue() {
            return new PerThread();
        }
    };

    RemoteMatches(RemoteInterest interest) {
        this.interest = interest;
    }

    /** The remote subscriptions matching {@code msg}'s subject in {@code account}; never null. */
    SublistResult<RemoteSub> match(Account account, PubArgs msg) {
        PerThread t = perThread.get();
        SubjectMatchCache<RemoteSub> cache = t.lastAccount == account ? t.lastCache : t.find(account, interest);
        if (cache == null || cache.sublist().count() == 0) {
            return SublistResult.empty();
        }
        return cache.match(msg.argBuf(), msg.subjectOffset(), msg.subjectLength());
    }

    /** One thread's caches. Confined to that thread. */
    private static final class PerThread {
        private final IdentityHashMap<Account, SubjectMatchCache<RemoteSub>> byAccount = new IdentityHashMap<>();
        private Account lastAccount;
        private SubjectMatchCache<RemoteSub> lastCache;

        /** The cache of {@code account}, or null while no peer has shown interest in it (nothing is kept then). */
        SubjectMatchCache<RemoteSub> find(Account account, RemoteInterest interest) {
            SubjectMatchCache<RemoteSub> cache = byAccount.get(account);
            if (cache == null) {
                Sublist<RemoteSub> sublist = interest.sublistIfAny(account.name());
                if (sublist == null) {
                    return null;
                }
                if (byAccount.size() >= MAX_ACCOUNTS_PER_THREAD) {
                    byAccount.clear();
                }
                cache = new SubjectMatchCache<>(sublist);
                byAccount.put(account, cache);
            }
            lastAccount = account;
            lastCache = cache;
            return cache;
        }
    }
}
