package io.jnatsd.server;

import io.jnatsd.account.Subscription;
import io.jnatsd.protocol.Ops;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.SublistResult;

import java.nio.charset.StandardCharsets;

/**
 * Twin of the no-responders branch of {@code processInboundClientMsg} in {@code server/client.go}:
 * a request nobody received is answered at once with a 503 status message, sent to the
 * requester's own subscription on the reply subject.
 */
final class NoResponders {

    /** Length of {@code NATS/1.0 503\r\nNats-Subject: \r\n\r\n}, the header without the subject. */
    private static final int HEADER_WITHOUT_SUBJECT = 32;

    private NoResponders() {
    }

    /** Sends the 503 to {@code requester} if it subscribes to the reply subject. Event loop only. */
    static void reply(ClientConnection requester, PubArgs request, PendingFlushes flushes) {
        String reply = request.reply();
        SublistResult<Subscription> matches = requester.account().sublist().match(reply);
        for (int i = 0; i < matches.plainCount(); i++) {
            Subscription sub = matches.plain(i);
            if (sub.owner() == requester) {
                String subject = request.subject();
                int headerLength = HEADER_WITHOUT_SUBJECT + subject.length();
                String msg = "HMSG " + reply + " " + sub.sid() + " " + headerLength + " " + headerLength + "\r\n"
                        + Ops.NO_RESPONDERS_STATUS + Ops.NATS_SUBJECT_HEADER + subject + "\r\n\r\n\r\n";
                requester.sendProto(msg.getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
        }
    }
}
