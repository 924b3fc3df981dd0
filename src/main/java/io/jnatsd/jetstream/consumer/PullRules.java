package io.jnatsd.jetstream.consumer;

import io.jnatsd.server.GoDurations;

/**
 * Twin of the request checks of {@code processNextMsgRequest} in {@code server/consumer.go}: the limits a pull
 * request must stay within and the priority-group rules, each refusal with the reference's status line.
 * Stateless.
 */
final class PullRules {

    private PullRules() {
    }

    /**
     * @param c the consumer config
     * @param r the request
     * @return the status message refusing it, or null when it may wait
     */
    static byte[] refusal(ConsumerConfig c, PullRequest r) {
        if (c.maxBatch() > 0 && r.batch() > c.maxBatch()) {
            return StatusMessages.status(409, "Exceeded MaxRequestBatch of " + c.maxBatch());
        }
        if (r.expiresNanos() > 0 && c.maxExpiresNanos() > 0 && r.expiresNanos() > c.maxExpiresNanos()) {
            return StatusMessages.status(409, "Exceeded MaxRequestExpires of " + GoDurations.string(c.maxExpiresNanos()));
        }
        if (r.maxBytes() > 0 && c.maxBytes() > 0 && r.maxBytes() > c.maxBytes()) {
            return StatusMessages.status(409, "Exceeded MaxRequestMaxBytes of " + c.maxBytes());
        }
        if (r.hasPriorityGroup()) {
            if ((r.minPending() != 0 || r.minAckPending() != 0) && c.priorityPolicy() != PriorityPolicy.OVERFLOW) {
                return StatusMessages.status(400, "Bad Request - Not a Overflow Priority consumer");
            }
            if (!r.id().isEmpty() && c.priorityPolicy() != PriorityPolicy.PINNED_CLIENT) {
                return StatusMessages.status(400, "Bad Request - Not a Pinned Client Priority consumer");
            }
            if (r.priority() < 0 || r.priority() > 9) {
                return StatusMessages.status(400, "Bad Request - Priority must be between 0 and 9");
            }
            if (c.priorityPolicy() != PriorityPolicy.NONE) {
                if (r.group().isEmpty()) {
                    return StatusMessages.status(400, "Bad Request - Priority Group missing");
                }
                if (c.priorityGroups() == null || !c.priorityGroups().contains(r.group())) {
                    return StatusMessages.status(400, "Bad Request - Invalid Priority Group");
                }
            }
        }
        return null;
    }
}
