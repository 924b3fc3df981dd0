package io.jnatsd.server;

import io.jnatsd.account.Subscription;

import java.time.Instant;
import java.util.List;

/**
 * What monitoring may know of one client connection at one instant: the fields of the
 * reference's {@code ConnInfo} ({@code server/monitor.go}) that jnatsd has, copied on the
 * connection's own event loop so that readers on other threads see a consistent whole.
 *
 * @param cid            connection id
 * @param ip             the client's address, or empty
 * @param port           the client's port, 0 when unknown
 * @param start          when the connection was accepted
 * @param lastActivity   when the client was last heard from
 * @param stop           when it closed, or null while open
 * @param reason         why it closed (the reference's {@code ClosedState} text), or empty while open
 * @param rttNanos       last measured round trip, 0 when not measured yet
 * @param pendingBytes   outbound bytes not yet written to the socket
 * @param inMsgs         messages received from the client
 * @param outMsgs        messages delivered to the client
 * @param inBytes        payload bytes received
 * @param outBytes       payload bytes delivered
 * @param name           CONNECT name, or empty
 * @param lang           CONNECT lang, or empty
 * @param version        CONNECT version, or empty
 * @param account        the account's name
 * @param user           the CONNECT user, or empty
 * @param subscriptions  the connection's subscriptions, detached from the connection so that a
 *                       snapshot kept after close holds no reference to it
 */
public record ClientSnapshot(
        long cid,
        String ip,
        int port,
        Instant start,
        Instant lastActivity,
        Instant stop,
        String reason,
        long rttNanos,
        long pendingBytes,
        long inMsgs,
        long outMsgs,
        long inBytes,
        long outBytes,
        String name,
        String lang,
        String version,
        String account,
        String user,
        List<Sub> subscriptions) {

    public boolean closed() {
        return stop != null;
    }

    /**
     * One subscription as it stood when the snapshot was taken.
     *
     * @param subject the subject
     * @param queue   the queue group, or empty
     * @param sid     the client's id for it
     * @param msgs    messages delivered to it
     * @param max     its auto-unsubscribe limit, 0 for none
     */
    public record Sub(String subject, String queue, String sid, long msgs, long max) {

        static Sub of(Subscription s) {
            return new Sub(s.subject(), s.queue() == null ? "" : s.queue(), s.sid(), s.delivered(), s.maxMsgs());
        }
    }
}
