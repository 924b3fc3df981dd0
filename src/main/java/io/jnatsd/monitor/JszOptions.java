package io.jnatsd.monitor;

/**
 * Twin of {@code JSzOptions} in {@code server/monitor.go}: what /jsz (and the {@code JSZ} system
 * requests) ask for, decoded from the query as {@code HandleJsz} does (a bad boolean or integer is
 * the reference's 400) and defaulted as {@code Jsz} does: a negative offset is 0, a zero limit
 * is 1024, consumers imply streams, and streams without {@code acc} imply accounts. Immutable.
 *
 * @param account         {@code acc}: the one account to detail, "" for none
 * @param accounts        detail every account (paged by offset and limit)
 * @param streams         detail each account's streams
 * @param consumers       detail each stream's consumers
 * @param config          include stream and consumer configs
 * @param leaderOnly      answer only when this server is the meta leader (a lone server always is)
 * @param offset          accounts skipped
 * @param limit           accounts listed at most
 */
record JszOptions(String account, boolean accounts, boolean streams, boolean consumers, boolean config,
                  boolean leaderOnly, int offset, int limit) {

    /** The reference's default page size of accounts. */
    static final int LIMIT_DEFAULT = 1024;

    /** Decodes the query parameters of {@code HandleJsz}, in its order. */
    static JszOptions from(QueryParams q) throws BadRequestException {
        boolean accounts = q.bool("accounts");
        boolean streams = q.bool("streams");
        boolean consumers = q.bool("consumers");
        q.bool("direct-consumers");
        boolean config = q.bool("config");
        int offset = q.integer("offset");
        int limit = q.integer("limit");
        boolean leader = q.bool("leader-only");
        q.bool("raft");
        q.bool("stream-leader-only");
        String acc = q.get("acc");
        streams |= consumers;
        accounts |= streams && acc.isEmpty();
        return new JszOptions(acc, accounts, streams, consumers, config, leader, Math.max(0, offset),
                limit == 0 ? LIMIT_DEFAULT : limit);
    }
}
