package io.jnatsd.jetstream.consumer;

import java.util.List;

/**
 * What the consumer rules need to know of the parent stream's config.
 *
 * @param name                         the stream name
 * @param retention                    "limits", "interest" or "workqueue"
 * @param replicas                     the stream's replicas
 * @param subjects                     the stream's subjects
 * @param maxAckPendingLimit           consumer_limits.max_ack_pending, 0 if unset
 * @param inactiveThresholdLimitNanos  consumer_limits.inactive_threshold, 0 if unset
 */
public record StreamFacts(String name, String retention, int replicas, List<String> subjects,
                          int maxAckPendingLimit, long inactiveThresholdLimitNanos) {

    /** Copies the subject list. */
    public StreamFacts {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        replicas = Math.max(1, replicas);
    }

    /** @return true for interest or workqueue retention */
    public boolean interestOrWorkQueue() {
        return "interest".equals(retention) || "workqueue".equals(retention);
    }

    /** @return true for workqueue retention */
    public boolean workQueue() {
        return "workqueue".equals(retention);
    }

    /** @return true for interest retention */
    public boolean interest() {
        return "interest".equals(retention);
    }
}
