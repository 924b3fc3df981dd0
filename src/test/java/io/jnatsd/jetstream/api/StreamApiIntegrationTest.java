package io.jnatsd.jetstream.api;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(20)
class StreamApiIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    @Test
    void shouldCreateInfoPublishAndDelete_whenUsingJetStreamManagement() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        StreamInfo created = jsm.addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.>")
            .storageType(StorageType.File).build());
        assertThat(created.getConfiguration().getName()).isEqualTo("ORDERS");
        assertThat(created.getConfiguration().getSubjects()).containsExactly("orders.>");

        JetStream js = nc.jetStream();
        PublishAck ack1 = js.publish("orders.new", "one".getBytes(StandardCharsets.UTF_8));
        PublishAck ack2 = js.publish("orders.new", "two".getBytes(StandardCharsets.UTF_8));
        assertThat(ack1.getStream()).isEqualTo("ORDERS");
        assertThat(ack1.getSeqno()).isEqualTo(1);
        assertThat(ack2.getSeqno()).isEqualTo(2);

        StreamInfo info = jsm.getStreamInfo("ORDERS");
        assertThat(info.getStreamState().getMsgCount()).isEqualTo(2);
        assertThat(info.getStreamState().getLastSequence()).isEqualTo(2);

        assertThat(jsm.deleteStream("ORDERS")).isTrue();
        assertThatThrownBy(() -> jsm.getStreamInfo("ORDERS")).isInstanceOf(JetStreamApiException.class)
            .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode()).isEqualTo(10059));
    }

    @Test
    void shouldAnswerWithMemoryStream_whenStorageIsMemory() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("M").subjects("m").storageType(StorageType.Memory).build());
        PublishAck ack = nc.jetStream().publish("m", new byte[10]);
        assertThat(ack.getSeqno()).isEqualTo(1);
        assertThat(jsm.getStreamInfo("M").getConfiguration().getStorageType()).isEqualTo(StorageType.Memory);
    }
}
