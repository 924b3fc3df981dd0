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

    @Test
    void shouldUpdateLimitsAndSubjects_whenUpdateIsAllowed() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("U").subjects("u.a").build());
        for (int i = 0; i < 5; i++) {
            nc.jetStream().publish("u.a", new byte[1]);
        }
        StreamInfo updated = jsm.updateStream(StreamConfiguration.builder().name("U").subjects("u.a", "u.b")
            .maxMessages(2).build());
        assertThat(updated.getConfiguration().getSubjects()).containsExactly("u.a", "u.b");
        assertThat(updated.getStreamState().getMsgCount()).isEqualTo(2);
        assertThat(nc.jetStream().publish("u.b", new byte[1]).getSeqno()).isEqualTo(6);
    }

    @Test
    void shouldListSubjectsAndDeleted_whenInfoAsksForDetails() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("I").subjects("i.>").build());
        nc.jetStream().publish("i.a", new byte[1]);
        nc.jetStream().publish("i.b", new byte[1]);
        nc.jetStream().publish("i.b", new byte[1]);
        nc.jetStream().publish("i.c", new byte[1]);
        assertThat(jsm.deleteMessage("I", 2)).isTrue();
        StreamInfo info = jsm.getStreamInfo("I", io.nats.client.api.StreamInfoOptions.builder()
            .filterSubjects("i.b").deletedDetails().build());
        assertThat(info.getStreamState().getSubjectMap()).containsEntry("i.b", 1L).hasSize(1);
        assertThat(info.getStreamState().getDeleted()).containsExactly(2L);
        assertThat(info.getStreamState().getDeletedCount()).isEqualTo(1);
    }

    @Test
    void shouldPageAndFilter_whenListingNames() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        for (int i = 0; i < 3; i++) {
            jsm.addStream(StreamConfiguration.builder().name("S" + i).subjects("s" + i + ".>").build());
        }
        assertThat(jsm.getStreamNames()).containsExactly("S0", "S1", "S2");
        assertThat(jsm.getStreamNames("s1.x")).containsExactly("S1");
        assertThat(jsm.getStreams()).extracting(si -> si.getConfiguration().getName())
            .containsExactly("S0", "S1", "S2");
    }

    @Test
    void shouldPurgeByFilterSeqAndKeep_whenAsked() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("P").subjects("p.*").build());
        for (int i = 0; i < 10; i++) {
            nc.jetStream().publish(i % 2 == 0 ? "p.even" : "p.odd", new byte[1]);
        }
        assertThat(jsm.purgeStream("P", io.nats.client.PurgeOptions.subject("p.even")).getPurged()).isEqualTo(5);
        assertThat(jsm.purgeStream("P", io.nats.client.PurgeOptions.builder().keep(2).build()).getPurged())
            .isEqualTo(3);
        assertThat(jsm.purgeStream("P", io.nats.client.PurgeOptions.builder().sequence(10).build())
            .getPurged()).isEqualTo(1);
        assertThat(jsm.getStreamInfo("P").getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(jsm.purgeStream("P").getPurged()).isEqualTo(1);
    }
}
