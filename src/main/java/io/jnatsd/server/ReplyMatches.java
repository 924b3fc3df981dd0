package io.jnatsd.server;

import io.jnatsd.account.Subscription;
import io.jnatsd.subject.Subjects;
import io.jnatsd.subject.Sublist;
import io.jnatsd.subject.SublistResult;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Sublist matches of reply subjects that differ only in their last token, such as the {@code _INBOX.<id>.<n>}
 * replies of a client's asynchronous JetStream publishes: one match per inbox prefix rather than one per
 * message, and no entry per reply in the sublist's shared cache (which unique subjects would fill and sweep
 * over and over).
 *
 * <p>Design note: for a literal prefix {@code P}, every subscription that could receive some {@code P.x} collides
 * with {@code P.*} ({@link Sublist#reverseMatch}). When each of those ends in {@code *} at the last token or in
 * {@code >}, it receives every {@code P.x}, and no other subscription receives any: the match of {@code P.x} is
 * that set whatever {@code x} is. Only then is it kept for {@code P}, tagged with the sublist's generation, which
 * any insert or remove moves. A prefix under which some subscription names a literal last token is never kept,
 * and such replies are matched one by one.
 *
 * <p>Thread-safe.
 */
public final class ReplyMatches {

    /** Prefixes kept; past this the table is emptied (inbox prefixes are few: one per client connection). */
    static final int MAX_PREFIXES = 256;

    /** A prefix's match, valid while the sublist's generation is {@code generation}; null result: do not keep. */
    private record Entry(String prefix, long generation, SublistResult<Subscription> result) { }

    private final Sublist<Subscription> sublist;
    private final ConcurrentHashMap<String, Entry> byPrefix = new ConcurrentHashMap<>();
    /** The entry used last: a reply under the same prefix as the one before needs no substring or map lookup. */
    private volatile Entry last;

    /** @param sublist the account's sublist */
    public ReplyMatches(Sublist<Subscription> sublist) {
        this.sublist = sublist;
    }

    /**
     * @param reply a literal subject
     * @return the subscriptions that receive a message published to {@code reply}; thread-safe
     */
    public SublistResult<Subscription> match(String reply) {
        int dot = reply.lastIndexOf(Subjects.TOKEN_SEPARATOR);
        if (dot <= 0 || dot == reply.length() - 1) {
            return sublist.match(reply);
        }
        long generation = sublist.generation();
        Entry e = last;
        if (e == null || e.generation() != generation || e.prefix().length() != dot
                || !reply.startsWith(e.prefix())) {
            String prefix = reply.substring(0, dot);
            e = byPrefix.get(prefix);
            if (e == null || e.generation() != generation) {
                e = new Entry(prefix, generation, sharedMatch(prefix, Subjects.numTokens(reply)));
                if (byPrefix.size() >= MAX_PREFIXES) {
                    byPrefix.clear();
                }
                byPrefix.put(prefix, e);
            }
            last = e;
        }
        return e.result() != null ? e.result() : sublist.match(reply);
    }

    /** @return what every {@code prefix.x} matches, or null when it depends on {@code x} */
    private SublistResult<Subscription> sharedMatch(String prefix, int tokens) {
        if (!Subjects.isLiteral(prefix)) {
            return null;
        }
        SublistResult<Subscription> colliding = sublist.reverseMatch(prefix + ".*");
        for (int i = 0; i < colliding.plainCount(); i++) {
            if (!anyLastToken(colliding.plain(i).subject(), tokens)) {
                return null;
            }
        }
        for (int g = 0; g < colliding.queueGroupCount(); g++) {
            for (int i = 0; i < colliding.queueMemberCount(g); i++) {
                if (!anyLastToken(colliding.queueMember(g, i).subject(), tokens)) {
                    return null;
                }
            }
        }
        return colliding;
    }

    /** A subscription subject colliding with {@code P.*}: true when it takes any last token of a reply. */
    private static boolean anyLastToken(String subject, int tokens) {
        if (subject.equals(">") || subject.endsWith(".>")) {
            return true;
        }
        return Subjects.numTokens(subject) == tokens && subject.endsWith(".*");
    }
}
