package io.jnatsd.subject;

/**
 * Told when exact interest in one literal subject (and queue) starts or stops: the twin of the notification
 * channels of `server/sublist.go` ({@code RegisterNotification}, {@code RegisterQueueNotification}).
 *
 * <p>"Exact" means a subscription inserted on that very subject; wildcard subscriptions that would also match
 * it do not count, as in the reference.
 *
 * <p>Called while the {@link Sublist}'s write lock is held, so that the calls for one subject arrive in order:
 * an implementation must return quickly and must not call back into that Sublist (hand the news to its own
 * thread or queue instead), just as the reference only does a non-blocking channel send.
 */
@FunctionalInterface
public interface InterestListener {

    /** Exact interest is now present ({@code true}) or gone ({@code false}). */
    void onInterestChanged(boolean hasInterest);
}
