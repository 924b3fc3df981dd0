package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.account.AccountJetStream;
import io.jnatsd.account.JetStreamAccountLimits;
import io.jnatsd.auth.NKeys;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JetStream limits of an account JWT ({@code nats.limits}: {@code mem_storage}, {@code disk_storage},
 * {@code streams}, {@code consumer}, {@code max_ack_pending}, {@code mem_max_stream_bytes},
 * {@code disk_max_stream_bytes}, {@code max_bytes_required}, {@code tiered_limits}) as the reference turns them
 * into {@code Account.jsLimits} in {@code updateAccountClaimsWithRefresh} ({@code server/accounts.go}): JetStream
 * is enabled when the untiered or some tier's memory or disk storage is not 0. Stateless.
 */
public final class AccountJetStreamClaims {

    private AccountJetStreamClaims() {
    }

    /**
     * @param accountJwt an account JWT signed by an operator key
     * @return whether it enables JetStream, with which limits
     * @throws JwtException when the JWT is bad
     */
    public static AccountJetStream read(String accountJwt) {
        Jwt jwt = Jwt.decode(accountJwt, NKeys.PREFIX_OPERATOR);
        return fromLimits(jwt.nats().path("limits"));
    }

    /**
     * @param limits the {@code nats.limits} object of an account JWT
     * @return whether it enables JetStream, with which limits
     */
    public static AccountJetStream fromLimits(JsonNode limits) {
        if (storageSet(limits)) {
            return AccountJetStream.of(tier(limits));
        }
        JsonNode tiered = limits.path("tiered_limits");
        Map<String, JetStreamAccountLimits> tiers = new LinkedHashMap<>();
        boolean enabled = false;
        for (Map.Entry<String, JsonNode> e : tiered.properties()) {
            enabled |= storageSet(e.getValue());
            tiers.put(e.getKey(), tier(e.getValue()));
        }
        return enabled ? new AccountJetStream(tiers, true, "") : AccountJetStream.DISABLED;
    }

    private static boolean storageSet(JsonNode l) {
        return l.path("mem_storage").asLong(0) != 0 || l.path("disk_storage").asLong(0) != 0;
    }

    private static JetStreamAccountLimits tier(JsonNode l) {
        return new JetStreamAccountLimits(l.path("mem_storage").asLong(0), l.path("disk_storage").asLong(0),
            (int) l.path("streams").asLong(0), (int) l.path("consumer").asLong(0),
            (int) unlimitedUnlessPositive(l.path("max_ack_pending").asLong(0)),
            unlimitedUnlessPositive(l.path("mem_max_stream_bytes").asLong(0)),
            unlimitedUnlessPositive(l.path("disk_max_stream_bytes").asLong(0)),
            l.path("max_bytes_required").asBoolean(false));
    }

    private static long unlimitedUnlessPositive(long v) {
        return v > 0 ? v : -1;
    }
}
