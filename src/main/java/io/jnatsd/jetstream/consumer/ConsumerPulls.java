package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.api.JsApiRouter;

/**
 * Twin of {@code processNextMsgRequest} in {@code server/consumer.go}: takes a pull request into a consumer's
 * wait queue, or refuses it with the reference's status message.
 *
 * <p>Threading: runs on the consumer's worker with the consumer's monitor held.
 */
final class ConsumerPulls {
    private static final byte[] REQUIRED_API_LEVEL = StatusMessages.status(412, "Required Api Level");

    private ConsumerPulls() {
    }

    /**
     * @param c       the consumer (caller holds its monitor, on its worker)
     * @param reply   the request's reply subject
     * @param headers the request's headers, or null
     * @param body    the request body
     */
    static void handle(Consumer c, String reply, byte[] headers, byte[] body) {
        if (reply == null || reply.isEmpty()) {
            return;
        }
        if (c.waiting == null) {
            c.sendStatus(reply, StatusMessages.PUSH_BASED);
            return;
        }
        if (JsApiRouter.requiresHigherApiLevel(headers)) {
            c.sendStatus(reply, REQUIRED_API_LEVEL);
            return;
        }
        PullRequest r;
        try {
            r = PullRequest.parse(body);
        } catch (IllegalArgumentException e) {
            c.sendStatus(reply, StatusMessages.status(400, "Bad Request - " + e.getMessage()));
            return;
        }
        c.numPendingCounter.catchUp(c);
        byte[] refused = PullRules.refusal(c.config, r);
        if (refused == null) {
            refused = c.priority.onRequest(r);
        }
        if (refused != null) {
            c.sendStatus(reply, refused);
            return;
        }
        long now = c.host.nowNanos();
        c.lastActivityNanos = now;
        if (c.waiting.isFull()) {
            c.waiting.process(false, now, c.host::hasInterest, c.lastDelivered(), c::sendStatus);
        }
        if (r.noWait()) {
            long pendingMsgs = c.numPendingCounter.get() + c.tracker.redeliveryCount();
            if (pendingMsgs <= 0 && r.expiresNanos() == 0) {
                c.sendStatus(reply, StatusMessages.NO_MESSAGES);
                return;
            }
            if (pendingMsgs > 0 && pendingMsgs < c.waiting.batchPending()) {
                c.sendStatus(reply, StatusMessages.REQUESTS_PENDING);
                return;
            }
        }
        if (c.waiting.add(reply, r, now) == null) {
            if (r.idleHeartbeatNanos() == 0) {
                c.sendStatus(reply, StatusMessages.EXCEEDED_MAX_WAITING);
            }
            return;
        }
        c.setWantsMessages(true);
        c.signal();
    }
}
