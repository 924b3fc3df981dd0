package io.jnatsd.jetstream.api;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AccountStatistics;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class AccountApiIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    @Test
    void shouldReportUsage_whenStreamsHoldMessages() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("F").subjects("f").build());
        jsm.addStream(StreamConfiguration.builder().name("M").subjects("m").storageType(StorageType.Memory)
            .maxBytes(1_000_000).build());
        nc.jetStream().publish("f", new byte[100]);
        nc.jetStream().publish("m", new byte[100]);
        AccountStatistics st = jsm.getAccountStatistics();
        assertThat(st.getStreams()).isEqualTo(2);
        assertThat(st.getStorage()).isPositive();
        assertThat(st.getMemory()).isPositive();
        assertThat(st.getReservedMemory()).isEqualTo(1_000_000);
        assertThat(st.getApi().getTotalApiRequests()).isGreaterThanOrEqualTo(2);
        assertThat(st.getLimits().getMaxStreams()).isEqualTo(-1);
    }
}
