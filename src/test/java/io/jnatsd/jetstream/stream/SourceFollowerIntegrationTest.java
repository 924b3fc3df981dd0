package io.jnatsd.jetstream.stream;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.Mirror;
import io.nats.client.api.Source;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Mirrors and sources followed inside the server, over the wire with jnats. */
@Timeout(30)
class SourceFollowerIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    @Test
    void shouldFollowOrigin_whenMirrorAndSourceAreCreated() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("O").subjects("o.*").build());
        for (int i = 0; i < 4; i++) {
            nc.jetStream().publish(i % 2 == 0 ? "o.a" : "o.b", new byte[]{(byte) i});
        }
        jsm.deleteMessage("O", 2);
        jsm.addStream(StreamConfiguration.builder().name("M").mirror(Mirror.builder().sourceName("O").build())
            .build());
        jsm.addStream(StreamConfiguration.builder().name("S").sources(Source.builder().sourceName("O")
            .filterSubject("o.a").build()).build());
        nc.jetStream().publish("o.a", new byte[]{9});
        checkFor(() -> {
            StreamInfo m = jsm.getStreamInfo("M");
            assertThat(m.getStreamState().getMsgCount()).isEqualTo(4);
            assertThat(m.getStreamState().getLastSequence()).isEqualTo(5);
            assertThat(m.getMirrorInfo().getLag()).isZero();
            StreamInfo s = jsm.getStreamInfo("S");
            assertThat(s.getStreamState().getMsgCount()).isEqualTo(3);
            assertThat(s.getSourceInfos()).hasSize(1);
        });
        assertThat(jsm.getMessage("M", 5).getData()).containsExactly(9);
        assertThat(jsm.getMessage("S", 3).getHeaders().getFirst("Nats-Stream-Source")).isEqualTo("O 5");
    }

    @Test
    void shouldResumeWithoutDuplicates_whenServerRestarts() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("O").subjects("o").build());
        jsm.addStream(StreamConfiguration.builder().name("S").sources(Source.builder().sourceName("O").build())
            .build());
        nc.jetStream().publish("o", new byte[1]);
        nc.jetStream().publish("o", new byte[1]);
        checkFor(() -> assertThat(jsm.getStreamInfo("S").getStreamState().getMsgCount()).isEqualTo(2));
        nc.close();
        jnatsd.restartOnSamePort();
        Connection nc2 = jnatsd.connect();
        nc2.jetStream().publish("o", new byte[1]);
        JetStreamManagement jsm2 = nc2.jetStreamManagement();
        checkFor(() -> assertThat(jsm2.getStreamInfo("S").getStreamState().getMsgCount()).isEqualTo(3));
        assertThat(jsm2.getStreamInfo("S").getStreamState().getLastSequence()).isEqualTo(3);
    }
}
