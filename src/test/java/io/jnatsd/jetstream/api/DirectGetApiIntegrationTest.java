package io.jnatsd.jetstream.api;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class DirectGetApiIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    @Test
    void shouldAnswerWithHeaders_whenDirectGetIsAllowed() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("KV").subjects("kv.>").allowDirect(true).build());
        nc.jetStream().publish("kv.a", "1".getBytes(StandardCharsets.UTF_8));
        nc.jetStream().publish("kv.a", "2".getBytes(StandardCharsets.UTF_8));
        MessageInfo last = jsm.getLastMessage("KV", "kv.a");
        assertThat(last.getSeq()).isEqualTo(2);
        assertThat(new String(last.getData(), StandardCharsets.UTF_8)).isEqualTo("2");

        Message raw = nc.request("$JS.API.DIRECT.GET.KV.kv.a", null, Duration.ofSeconds(5));
        assertThat(raw.getHeaders().getFirst("Nats-Stream")).isEqualTo("KV");
        assertThat(raw.getHeaders().getFirst("Nats-Subject")).isEqualTo("kv.a");
        assertThat(raw.getHeaders().getFirst("Nats-Sequence")).isEqualTo("2");
        assertThat(raw.getHeaders().getFirst("Nats-Time-Stamp")).endsWith("Z");

        Message missing = nc.request("$JS.API.DIRECT.GET.KV", "{\"seq\":99}".getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(5));
        assertThat(missing.getStatus().getCode()).isEqualTo(404);
    }

    @Test
    void shouldEndBatchWithEob_whenBatchIsAsked() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("B").subjects("b.*").allowDirect(true).build());
        for (int i = 0; i < 3; i++) {
            nc.jetStream().publish("b." + i, new byte[1]);
        }
        String inbox = nc.createInbox();
        Subscription sub = nc.subscribe(inbox);
        nc.publish("$JS.API.DIRECT.GET.B", inbox,
            "{\"next_by_subj\":\"b.*\",\"batch\":10}".getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= 3; i++) {
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertThat(m.getHeaders().getFirst("Nats-Sequence")).isEqualTo(Integer.toString(i));
            assertThat(m.getHeaders().getFirst("Nats-Num-Pending")).isEqualTo(Integer.toString(3 - i));
        }
        Message eob = sub.nextMessage(Duration.ofSeconds(5));
        assertThat(eob.getStatus().getCode()).isEqualTo(204);
    }
}
