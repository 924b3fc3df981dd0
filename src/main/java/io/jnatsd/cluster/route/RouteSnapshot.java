package io.jnatsd.cluster.route;

import java.time.Instant;
import java.util.List;

/**
 * One route as /routez shows it (the reference's {@code RouteInfo} in {@code server/monitor.go}).
 *
 * @param rid            the route's connection id
 * @param remoteId       the peer's server id
 * @param remoteName     the peer's server name
 * @param didSolicit     whether this server dialled the route
 * @param isConfigured   whether the route is one of the configured (explicit) routes
 * @param ip             the peer's address
 * @param port           the peer's port on this connection
 * @param start          when the connection was made
 * @param lastActivity   when the peer was last heard from
 * @param pendingBytes   bytes queued for the peer
 * @param subscriptions  how many subscriptions the peer announced
 * @param subscriptionsList the announced subjects ({@code subject} or {@code subject queue}), when asked for
 * @param compression    the compression mode in use ({@code not supported}, {@code off}, {@code s2_fast}, ...)
 * @param account        the pinned account of a dedicated route, or empty
 * @param poolIndex      the connection's slot in its peer's pool (0 without pooling, -1 for a dedicated route)
 */
public record RouteSnapshot(long rid, String remoteId, String remoteName, boolean didSolicit, boolean isConfigured,
                            String ip, int port, Instant start, Instant lastActivity, long pendingBytes, long inMsgs,
                            long outMsgs, long inBytes, long outBytes, int subscriptions,
                            List<String> subscriptionsList, String compression, String account, int poolIndex) {
}
