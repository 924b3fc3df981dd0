package io.jnatsd.jetstream;

import io.jnatsd.config.JetStreamOptions;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions.Builder;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class JetStreamModuleIntegrationTest {
    private final Path storeDir = JetStreamDirs.newStoreDir();

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(storeDir).jetStreamOptions(
            new JetStreamOptions(-1, -1, "hub", null, "", false, 0, 0, 0, 0, 0, 0, null)));

    @Test
    void shouldSayJetStreamInInfo_whenEnabled() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();
        assertThat(raw.readLine()).contains("\"jetstream\":true");
    }

    @Test
    void shouldAnswerOnDomainPrefix_whenDomainIsSet() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement(new Builder().domain("hub").build());
        jsm.addStream(StreamConfiguration.builder().name("D").subjects("d").build());
        assertThat(jsm.getStreamNames()).containsExactly("D");
        var ack = nc.jetStream().publish("d", new byte[1]);
        assertThat(ack.getDomain()).isEqualTo("hub");
        assertThat(nc.jetStreamManagement().getAccountStatistics().getDomain()).isEqualTo("hub");
    }

    @Test
    void shouldRecoverFileStream_whenServerRestarts() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("R").subjects("r.*").maxMessagesPerSubject(5).build());
        for (int i = 0; i < 10; i++) {
            nc.jetStream().publish("r." + (i % 2), new byte[]{(byte) i});
        }
        jsm.deleteMessage("R", 7);
        nc.close();
        jnatsd.restartOnSamePort();
        Connection nc2 = jnatsd.connect();
        JetStreamManagement jsm2 = nc2.jetStreamManagement();
        var info = jsm2.getStreamInfo("R");
        assertThat(info.getConfiguration().getMaxMsgsPerSubject()).isEqualTo(5);
        assertThat(info.getStreamState().getMsgCount()).isEqualTo(9);
        assertThat(info.getStreamState().getLastSequence()).isEqualTo(10);
        assertThat(jsm2.getMessage("R", 10).getData()).containsExactly(9);
        assertThat(nc2.jetStream().publish("r.0", new byte[1]).getSeqno()).isEqualTo(11);
    }

    @Test
    void shouldStillDetectDuplicates_whenServerRestarts() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("DD").subjects("dd").build());
        nc.jetStream().publish("dd", new byte[1], io.nats.client.PublishOptions.builder().messageId("x").build());
        nc.close();
        jnatsd.restartOnSamePort();
        Connection nc2 = jnatsd.connect();
        var ack = nc2.jetStream().publish("dd", new byte[1],
            io.nats.client.PublishOptions.builder().messageId("x").build());
        assertThat(ack.isDuplicate()).isTrue();
        assertThat(ack.getSeqno()).isEqualTo(1);
    }
}
