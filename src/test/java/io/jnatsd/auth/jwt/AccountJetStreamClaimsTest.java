package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.AccountJetStream;
import io.jnatsd.account.JetStreamAccountLimits;
import io.jnatsd.testing.TestJwts;
import io.nats.client.NKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The JetStream limits of an account JWT, as {@code updateAccountClaimsWithRefresh} reads them. */
@Timeout(10)
class AccountJetStreamClaimsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldEnableUntieredLimits_whenStorageIsSet() throws Exception {
        ObjectNode nats = TestJwts.nats();
        nats.putObject("limits").put("mem_storage", -1).put("disk_storage", 1000).put("streams", 3)
            .put("consumer", 4).put("max_ack_pending", 0).put("mem_max_stream_bytes", 7)
            .put("max_bytes_required", true);
        String jwt = TestJwts.account(NKey.createOperator(null), NKey.createAccount(null), nats);
        AccountJetStream js = AccountJetStreamClaims.read(jwt);
        assertThat(js.enabled()).isTrue();
        assertThat(js.tiers()).containsOnlyKeys("");
        assertThat(js.tiers().get("")).isEqualTo(new JetStreamAccountLimits(-1, 1000, 3, 4, -1, 7, -1, true));
    }

    @Test
    void shouldReadTiers_whenOnlyTieredLimitsAreSet() throws Exception {
        ObjectNode limits = JSON.createObjectNode();
        limits.putObject("tiered_limits").putObject("R1").put("disk_storage", 500).put("streams", 2);
        AccountJetStream js = AccountJetStreamClaims.fromLimits(limits);
        assertThat(js.enabled()).isTrue();
        assertThat(js.selectTier(1)).isEqualTo("R1");
        assertThat(js.selectTier(3)).isNull();
        assertThat(js.tiers().get("R1").maxStreams()).isEqualTo(2);
    }

    @Test
    void shouldBeDisabled_whenNoStorageIsSet() {
        ObjectNode limits = JSON.createObjectNode().put("streams", 5).put("subs", -1);
        assertThat(AccountJetStreamClaims.fromLimits(limits).enabled()).isFalse();
        assertThat(AccountJetStreamClaims.fromLimits(JSON.createObjectNode()).enabled()).isFalse();
    }
}
