package io.jnatsd.jetstream.consumer;

import io.jnatsd.account.AccountJetStream;
import io.jnatsd.account.JetStreamAccountLimits;
import io.jnatsd.jetstream.stream.Stream;

/**
 * The account's share of the consumer rules ({@code accLim} in {@code setConsumerConfigDefaults} and
 * {@code checkConsumerCfg}, and the {@code MaxConsumers} check of {@code addConsumerWithAssignmentAndMode} in
 * {@code server/consumer.go}): the account's {@code max_ack_pending} lowers the default and caps what a consumer may
 * ask, and its {@code max_consumers} caps the consumers of each stream when the stream's own limit is unset or larger.
 *
 * <p>Threading: stateless.
 */
final class AccountConsumerLimits {
    private static final ConsumerError NO_LIMITS = new ConsumerError(400, 10120,
        "no JetStream default or applicable tiered limit present");

    private AccountConsumerLimits() {
    }

    /**
     * @param stream the parent stream
     * @return the limits of the stream's tier in its account
     * @throws ConsumerException NO_LIMITS when no tier applies
     */
    static JetStreamAccountLimits of(Stream stream) {
        AccountJetStream js = stream.account().jetStream();
        String tier = js.selectTier(stream.config().numReplicas());
        if (tier == null) {
            throw new ConsumerException(NO_LIMITS);
        }
        return js.tiers().get(tier);
    }

    /**
     * @param requested the config as asked
     * @param cfg       the config with the stream's defaults
     * @param facts     the stream
     * @param limits    the account's limits
     * @return {@code cfg} with the default {@code max_ack_pending} no larger than the account's
     */
    static ConsumerConfig withDefaults(ConsumerConfig requested, ConsumerConfig cfg, StreamFacts facts,
                                       JetStreamAccountLimits limits) {
        int accMax = limits.maxAckPending();
        if (requested.maxAckPending() == 0 && facts.maxAckPendingLimit() == 0 && cfg.ackPolicy() != AckPolicy.NONE
            && accMax > 0 && accMax < cfg.maxAckPending()) {
            ConsumerConfig.Builder b = cfg.toBuilder();
            b.maxAckPending = accMax;
            return b.build();
        }
        return cfg;
    }

    /**
     * @param cfg    the config with defaults
     * @param limits the account's limits
     * @return the error, or null
     */
    static ConsumerError check(ConsumerConfig cfg, JetStreamAccountLimits limits) {
        int accMax = limits.maxAckPending();
        if (accMax > 0 && cfg.maxAckPending() > accMax) {
            return ConsumerErrors.consumerMaxPendingAckExcess(accMax);
        }
        return null;
    }

    /**
     * @param streamMax the stream's {@code max_consumers}
     * @param limits    the account's limits
     * @return the consumers the stream may have, 0 or less for no limit
     */
    static int maxConsumers(int streamMax, JetStreamAccountLimits limits) {
        int accMax = limits.maxConsumers();
        return streamMax <= 0 || (accMax > 0 && accMax < streamMax) ? accMax : streamMax;
    }
}
