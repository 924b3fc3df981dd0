package io.jnatsd.account.resolver;

import io.jnatsd.account.Subscription;
import io.jnatsd.auth.jwt.DirResolver;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.server.InternalConnection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twin of {@code Server.fetch} in {@code server/accounts.go}: a directory resolver that lacks an
 * account's JWT asks the other servers with {@code $SYS.REQ.ACCOUNT.<key>.CLAIMS.LOOKUP}, in the
 * system account, and takes the first JWT answered. A server that does not have it answers
 * empty; empty answers do not end the wait, they only change the error to "account jwt not
 * found" when no JWT came within the timeout.
 *
 * <p>Design note: the reference waits for as many empty answers as it knows servers; this
 * server does not count them and waits out the timeout instead.
 *
 * <p>Thread-safe; {@link #lookup} blocks its caller (never an event loop) at most the timeout;
 * answers are taken on the thread that delivers them.
 */
final class ClusterClaimsLookup implements DirResolver.RemoteLookup, AutoCloseable {

    /** The reference's {@code accLookupReqSubj}. */
    static final String LOOKUP_REQUEST = "$SYS.REQ.ACCOUNT.%s.CLAIMS.LOOKUP";

    /** One request waiting for its answer. */
    private static final class Pending {
        final CompletableFuture<String> jwt = new CompletableFuture<>();
        volatile boolean answeredEmpty;
    }

    private final InternalConnection sys;
    private final String inboxPrefix;
    private final Subscription subscription;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * @param sys      an internal connection of the system account
     * @param serverId this server's id, which makes the reply inbox unique in the cluster
     */
    ClusterClaimsLookup(InternalConnection sys, String serverId) {
        this.sys = sys;
        this.inboxPrefix = "$SYS._INBOX_." + serverId + ".lookup.";
        this.subscription = sys.subscribe(inboxPrefix + "*", null, (s, subject, reply, h, body) -> onAnswer(subject,
                body));
    }

    private void onAnswer(String subject, byte[] body) {
        Pending p = pending.get(subject);
        if (p == null) {
            return;
        }
        if (body.length == 0) {
            p.answeredEmpty = true;
        } else {
            p.jwt.complete(new String(body, StandardCharsets.UTF_8));
        }
    }

    @Override
    public String lookup(String accountKey, Duration timeout) {
        String inbox = inboxPrefix + ids.incrementAndGet();
        Pending p = new Pending();
        pending.put(inbox, p);
        try {
            sys.publish(String.format(LOOKUP_REQUEST, accountKey), inbox, null, new byte[0]);
            return p.jwt.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new JwtException(p.answeredEmpty ? "account jwt not found" : "fetching jwt timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JwtException("fetching jwt failed due to shutdown");
        } catch (ExecutionException e) {
            throw new JwtException("fetching jwt failed: " + e.getCause());
        } finally {
            pending.remove(inbox);
        }
    }

    @Override
    public void close() {
        sys.unsubscribe(subscription);
        pending.values().forEach(p -> p.jwt.completeExceptionally(new IllegalStateException("closed")));
        pending.clear();
    }
}
