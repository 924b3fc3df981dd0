package io.jnatsd.jetstream.stream;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.Republish;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.SubjectTransform;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Republish, subject transform and per-message TTL on the publish path, with jnats. */
@Timeout(30)
class StreamIngestFeaturesIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    @Test
    void shouldRepublishWithStreamHeaders_whenRepublishIsSet() throws Exception {
        Connection nc = jnatsd.connect();
        Subscription sub = nc.subscribe("rp.>");
        nc.flush(Duration.ofSeconds(2));
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("RP").subjects("src.>")
            .republish(Republish.builder().source("src.>").destination("rp.>").build()).build());
        nc.jetStream().publish("src.a", new byte[]{7});
        Message m = sub.nextMessage(Duration.ofSeconds(5));
        assertThat(m.getSubject()).isEqualTo("rp.a");
        assertThat(m.getData()).containsExactly(7);
        assertThat(m.getHeaders().getFirst("Nats-Stream")).isEqualTo("RP");
        assertThat(m.getHeaders().getFirst("Nats-Subject")).isEqualTo("src.a");
        assertThat(m.getHeaders().getFirst("Nats-Sequence")).isEqualTo("1");
    }

    @Test
    void shouldStoreUnderTransformedSubject_whenSubjectTransformIsSet() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("TR").subjects("in.*")
            .subjectTransform(SubjectTransform.builder().source("in.*").destination("out.{{wildcard(1)}}").build())
            .build());
        nc.jetStream().publish("in.x", new byte[1]);
        assertThat(jsm.getMessage("TR", 1).getSubject()).isEqualTo("out.x");
    }

    @Test
    void shouldExpireMessage_whenNatsTtlIsSet() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("TTL").subjects("ttl").allowMessageTtl(true).build());
        nc.jetStream().publish(NatsMessage.builder().subject("ttl").headers(new Headers().add("Nats-TTL", "1s"))
            .data(new byte[1]).build());
        nc.jetStream().publish("ttl", new byte[1]);
        checkFor(Duration.ofSeconds(10), Duration.ofMillis(100),
            () -> assertThat(jsm.getStreamInfo("TTL").getStreamState().getMsgCount()).isEqualTo(1));
    }

    @Test
    void shouldExpireMessages_whenOlderThanMaxAge() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("AGE").subjects("age").maxAge(Duration.ofMillis(500))
            .build());
        nc.jetStream().publish("age", new byte[1]);
        checkFor(Duration.ofSeconds(10), Duration.ofMillis(100),
            () -> assertThat(jsm.getStreamInfo("AGE").getStreamState().getMsgCount()).isZero());
        assertThat(jsm.getStreamInfo("AGE").getStreamState().getLastSequence()).isEqualTo(1);
    }
}
