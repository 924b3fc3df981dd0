package io.jnatsd.auth;

import io.jnatsd.subject.Subjects;
import io.jnatsd.subject.Sublist;
import io.jnatsd.subject.SublistResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twin of {@code permissions} in {@code server/client.go} and of {@code setPermissions},
 * {@code canSubscribe}, {@code pubAllowedFullCheck} and {@code responseAllowed}: one
 * connection's permissions compiled into allow and deny sublists, plus the replies it was
 * granted by {@code allow_responses}.
 *
 * <p>Design note: the static publish decision of a subject never changes, so the connection
 * caches it ({@link PublishPermissionCache}); a reply grant is dynamic and never cached,
 * as in the reference.
 *
 * <p>Thread-safe: the sublists are immutable after construction; the reply grants are a
 * concurrent map written by publishers' threads as they deliver requests.
 */
public final class ClientPermissions {

    /** Grants held before expired and used-up ones are swept (the reference's replyPermLimit). */
    static final int REPLY_GRANTS_PRUNE_AT = 4096;

    private final Permissions source;
    private final Sublist<String> pubAllow;
    private final Sublist<String> pubDeny;
    private final Sublist<String> subAllow;
    private final Sublist<String> subDeny;
    private final List<String> subDenyList;
    private final Permissions.ResponsePermission response;
    private final Map<String, ReplyGrant> replies;

    /** A reply a client may publish to: when granted and how often it was used. */
    private static final class ReplyGrant {
        final long grantedNanos = System.nanoTime();
        int used;
    }

    private ClientPermissions(Permissions p) {
        this.source = p;
        Permissions.SubjectPermission pub = p.publish();
        this.pubAllow = pub == null || pub.allow() == null ? null : build(pub.allow(), false);
        this.pubDeny = pub == null || pub.deny().isEmpty() ? null : build(pub.deny(), false);
        Permissions.SubjectPermission sub = p.subscribe();
        this.subAllow = sub == null || sub.allow() == null || sub.allow().isEmpty() ? null : build(sub.allow(), true);
        this.subDeny = sub == null || sub.deny().isEmpty() ? null : build(sub.deny(), true);
        this.subDenyList = sub == null ? List.of() : sub.deny();
        this.response = p.response();
        this.replies = response == null ? null : new ConcurrentHashMap<>();
    }

    /** Compiles {@code p}; null when there is nothing to check. */
    public static ClientPermissions of(Permissions p) {
        if (p == null || (p.publish() == null && p.subscribe() == null && p.response() == null)) {
            return null;
        }
        return new ClientPermissions(p);
    }

    private static Sublist<String> build(List<String> subjects, boolean withQueue) {
        Sublist<String> sl = Sublist.withoutCache();
        for (String entry : subjects) {
            String subject = entry.trim();
            String queue = null;
            if (withQueue) {
                String[] parts = subject.split("\\s+");
                if (parts.length == 2) {
                    subject = parts[0];
                    queue = parts[1];
                }
            }
            if (Subjects.isValidSubject(subject)) {
                sl.insert(subject, queue, entry);
            }
        }
        return sl;
    }

    public Permissions source() {
        return source;
    }

    /** Whether publishes need a check at all. */
    public boolean checksPublish() {
        return pubAllow != null || pubDeny != null;
    }

    /** Whether delivered requests grant reply permissions. */
    public boolean tracksReplies() {
        return replies != null;
    }

    /** The static allow/deny decision for publishing to the literal {@code subject}; cacheable. */
    public boolean publishAllowedStatically(String subject) {
        boolean allowed = true;
        if (pubAllow != null) {
            allowed = pubAllow.hasInterest(subject);
        }
        if (allowed && pubDeny != null) {
            allowed = !pubDeny.hasInterest(subject);
        }
        return allowed;
    }

    /**
     * Whether a reply grant lets this client publish to {@code subject}; counts the use and
     * drops a grant that is used up or expired.
     */
    public boolean responseAllowed(String subject) {
        if (replies == null) {
            return false;
        }
        ReplyGrant g = replies.get(subject);
        if (g == null) {
            return false;
        }
        synchronized (g) {
            g.used++;
            if (response.maxMsgs() > 0 && g.used > response.maxMsgs() || expired(g, System.nanoTime())) {
                replies.remove(subject, g);
                return false;
            }
            return true;
        }
    }

    /**
     * A request with reply subject {@code reply} was delivered to this client: it may answer,
     * unless it may publish there anyway. Publisher's thread.
     */
    public void grantReply(String reply) {
        if (replies == null || publishAllowedStatically(reply)) {
            return;
        }
        replies.put(reply, new ReplyGrant());
        if (replies.size() > REPLY_GRANTS_PRUNE_AT) {
            pruneReplies();
        }
    }

    private void pruneReplies() {
        long now = System.nanoTime();
        replies.entrySet().removeIf(e -> (response.maxMsgs() > 0 && e.getValue().used >= response.maxMsgs())
                || expired(e.getValue(), now));
    }

    private boolean expired(ReplyGrant g, long nowNanos) {
        long ttl = response.expires().toNanos();
        return ttl > 0 && nowNanos - g.grantedNanos > ttl;
    }

    /**
     * Whether this client may subscribe to {@code subject} in {@code queue} (null for none):
     * the allow list (where a queue-qualified entry admits that queue only), then the deny list.
     */
    public boolean canSubscribe(String subject, String queue) {
        boolean allowed = true;
        if (subAllow != null) {
            SublistResult<String> r = subAllow.match(subject);
            allowed = r.plainCount() > 0;
            if (queue != null && r.queueGroupCount() > 0) {
                allowed = r.queueGroupIndex(queue) >= 0;
            }
        }
        if (allowed && subDeny != null) {
            SublistResult<String> r = subDeny.match(subject);
            allowed = r.plainCount() == 0;
            if (allowed && queue != null && r.queueGroupCount() > 0) {
                allowed = r.queueGroupIndex(queue) < 0;
            }
        }
        return allowed;
    }

    /**
     * Whether a wildcard subscription to {@code subject} may still see denied subjects, so
     * that each delivery must be checked ({@link #deliveryDenied}).
     */
    public boolean needsDeliveryFilter(String subject) {
        if (subDeny == null || Subjects.isLiteral(subject)) {
            return false;
        }
        for (String deny : subDenyList) {
            String d = deny.trim().split("\\s+")[0];
            if (Subjects.subjectsCollide(d, subject)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a message on the literal {@code subject} must not be delivered (plain deny match). */
    public boolean deliveryDenied(String subject) {
        return subDeny != null && subDeny.match(subject).plainCount() > 0;
    }
}
