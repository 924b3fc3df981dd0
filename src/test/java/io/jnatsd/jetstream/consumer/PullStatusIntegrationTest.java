package io.jnatsd.jetstream.consumer;

import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The status messages of pull requests, read raw from the reply inbox. */
@Timeout(30)
class PullStatusIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private Connection setup(int msgs, ConsumerConfiguration cc) throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("Q").subjects("q").storageType(StorageType.Memory).build());
        JetStream js = nc.jetStream();
        for (int i = 0; i < msgs; i++) {
            js.publish("q", "0123456789".getBytes(StandardCharsets.UTF_8));
        }
        jsm.addOrUpdateConsumer("Q", cc);
        return nc;
    }

    private static ConsumerConfiguration durable() {
        return ConsumerConfiguration.builder().durable("c").ackPolicy(AckPolicy.Explicit).maxBatch(50).build();
    }

    private static Message pull(Connection nc, Subscription inbox, String body) throws Exception {
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.Q.c", inbox.getSubject(), body.getBytes(StandardCharsets.UTF_8));
        return inbox.nextMessage(Duration.ofSeconds(3));
    }

    private static String status(Message m) {
        return m.getStatus().getCode() + " " + m.getStatus().getMessage();
    }

    @Test
    void shouldAnswer404_whenNoWaitAndNothingPending() throws Exception {
        Connection nc = setup(0, durable());
        Subscription inbox = nc.subscribe(nc.createInbox());
        Message m = pull(nc, inbox, "{\"batch\":1,\"no_wait\":true}");
        assertThat(status(m)).isEqualTo("404 No Messages");
    }

    @Test
    void shouldAnswer408WithPending_whenRequestExpires() throws Exception {
        Connection nc = setup(1, durable());
        Subscription inbox = nc.subscribe(nc.createInbox());
        Message first = pull(nc, inbox, "{\"batch\":3,\"expires\":300000000}");
        assertThat(first.isJetStream()).isTrue();
        Message timeout = inbox.nextMessage(Duration.ofSeconds(3));
        assertThat(status(timeout)).isEqualTo("408 Request Timeout");
        assertThat(timeout.getHeaders().getFirst("Nats-Pending-Messages")).isEqualTo("2");
        assertThat(timeout.getHeaders().getFirst("Nats-Pending-Bytes")).isEqualTo("0");
    }

    @Test
    void shouldAnswer409_whenLimitsExceeded() throws Exception {
        Connection nc = setup(2, durable());
        Subscription inbox = nc.subscribe(nc.createInbox());
        assertThat(status(pull(nc, inbox, "{\"batch\":51}"))).isEqualTo("409 Exceeded MaxRequestBatch of 50");
        Message tooBig = pull(nc, inbox, "{\"batch\":1,\"max_bytes\":5}");
        assertThat(status(tooBig)).isEqualTo("409 Message Size Exceeds MaxBytes");
        assertThat(status(pull(nc, inbox, "{\"batch\":1,\"expires\":100,\"idle_heartbeat\":90}")))
            .isEqualTo("400 Bad Request - heartbeat value too large");
    }

    @Test
    void shouldSendHeartbeats_whenRequestAsksForThem() throws Exception {
        Connection nc = setup(0, durable());
        Subscription inbox = nc.subscribe(nc.createInbox());
        Message hb = pull(nc, inbox, "{\"batch\":1,\"expires\":2000000000,\"idle_heartbeat\":200000000}");
        assertThat(status(hb)).isEqualTo("100 Idle Heartbeat");
    }

    @Test
    void shouldAnswer409_whenPullingPushConsumer() throws Exception {
        Connection nc = setup(0, ConsumerConfiguration.builder().durable("c").deliverSubject("push.here").build());
        Subscription inbox = nc.subscribe(nc.createInbox());
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.Q.c", inbox.getSubject(), new byte[0]);
        assertThat(status(inbox.nextMessage(Duration.ofSeconds(3)))).isEqualTo("409 Consumer is push based");
    }

    @Test
    void shouldEndWaitingRequests_whenConsumerDeleted() throws Exception {
        Connection nc = setup(0, durable());
        Subscription inbox = nc.subscribe(nc.createInbox());
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.Q.c", inbox.getSubject(),
            "{\"batch\":1,\"expires\":5000000000}".getBytes(StandardCharsets.UTF_8));
        // The request may still be queued for the consumer's worker after the flush: delete once it waits.
        checkFor(() -> assertThat(nc.jetStreamManagement().getConsumerInfo("Q", "c").getNumWaiting()).isEqualTo(1));
        nc.jetStreamManagement().deleteConsumer("Q", "c");
        assertThat(status(inbox.nextMessage(Duration.ofSeconds(3)))).isEqualTo("409 Consumer Deleted");
    }
}
