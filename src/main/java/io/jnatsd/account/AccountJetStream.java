package io.jnatsd.account;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether an account has JetStream and with which limits: the reference's {@code Account.jsLimits}, a map from tier
 * name ({@code ""} for the one untiered limit, else {@code R1}, {@code R3}, ...) to {@link JetStreamAccountLimits};
 * no map at all means JetStream is not enabled for the account. Read from a conf-file account's {@code jetstream}
 * value or from an account JWT's JetStream limits. Immutable.
 *
 * @param tiers          tier name to limits; empty when not enabled
 * @param enabled        whether JetStream is enabled for the account
 * @param clusterTraffic {@code system} or {@code owner} (the account whose clustered traffic it is), "" for the default
 */
public record AccountJetStream(Map<String, JetStreamAccountLimits> tiers, boolean enabled, String clusterTraffic) {

    /** The name of the untiered limits. */
    public static final String DEFAULT_TIER = "";

    /** JetStream not enabled. */
    public static final AccountJetStream DISABLED = new AccountJetStream(Map.of(), false, "");

    /** JetStream enabled without limits (the reference's {@code defaultJSAccountTiers}). */
    public static final AccountJetStream UNLIMITED = new AccountJetStream(
        Map.of(DEFAULT_TIER, JetStreamAccountLimits.UNLIMITED), true, "");

    /** Copies the tiers in their order. */
    public AccountJetStream {
        tiers = tiers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
        clusterTraffic = clusterTraffic == null ? "" : clusterTraffic;
    }

    /**
     * @param limits the untiered limits
     * @return JetStream enabled with those limits
     */
    public static AccountJetStream of(JetStreamAccountLimits limits) {
        return new AccountJetStream(Map.of(DEFAULT_TIER, limits), true, "");
    }

    /**
     * @param traffic the {@code cluster_traffic} value
     * @return this with that value
     */
    public AccountJetStream withClusterTraffic(String traffic) {
        return new AccountJetStream(tiers, enabled, traffic);
    }

    /**
     * Twin of {@code selectLimits} in {@code server/jetstream.go}: the untiered limits when there are, else the tier
     * of the replica count.
     *
     * @param replicas the stream's replicas (0 is 1)
     * @return the tier name, or null when no tier applies
     */
    public String selectTier(int replicas) {
        if (tiers.containsKey(DEFAULT_TIER)) {
            return DEFAULT_TIER;
        }
        String tier = tierName(replicas);
        return tiers.containsKey(tier) ? tier : null;
    }

    /**
     * @param replicas a replica count (0 is 1)
     * @return the reference's tier name, {@code R<replicas>}
     */
    public static String tierName(int replicas) {
        return "R" + Math.max(1, replicas);
    }
}
