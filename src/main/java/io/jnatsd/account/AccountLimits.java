package io.jnatsd.account;

/**
 * Twin of the {@code limits} of a conf-file account ({@code parseAccountLimits} in
 * {@code server/opts.go}): what the account's clients may take together. -1 is no limit.
 *
 * @param maxConnections   client connections of the account at once
 * @param maxSubscriptions subscriptions per client of the account
 * @param maxPayload       largest message a client of the account may publish, in bytes
 */
public record AccountLimits(int maxConnections, int maxSubscriptions, int maxPayload) {

    /** No limits: the reference's {@code jwt.NoLimit} for each. */
    public static final AccountLimits NONE = new AccountLimits(-1, -1, -1);
}
