package io.jnatsd.cluster.route;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JetStream deliveries to a client on another node: a push consumer's deliver subject and a pull request's inbox
 * are matched on the peer, which shows the stored subject and the ack reply; acks come back over the route.
 */
@Timeout(60)
class JetStreamRouteDeliveryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void close() throws InterruptedException {
        nodes.close();
    }

    private NatsServer[] twoNodesWithJetStreamOnFirst() {
        NatsServer a = nodes.start(TestServers.baseOptions().jetStream(true).storeDir(JetStreamDirs.newStoreDir())
            .cluster(ClusterOptions.NONE.withName(ClusterNodes.CLUSTER).withListen(TestServers.HOST, -1)).build());
        NatsServer b = nodes.start(List.of(routeUrl(a)));
        awaitMesh(a, b);
        return new NatsServer[] {a, b};
    }

    private Connection connect(NatsServer s) throws Exception {
        return nodes.connect(s);
    }

    private static void stream(Connection nc) throws Exception {
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("R").subjects("r.>")
            .storageType(StorageType.Memory).build());
        for (int i = 1; i <= 3; i++) {
            nc.jetStream().publish("r.s" + i, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Message next(Subscription sub) throws InterruptedException {
        Message m = sub.nextMessage(WAIT);
        assertThat(m).as("a message on %s", sub.getSubject()).isNotNull();
        return m;
    }

    /** Subscribes {@code probe} on B and waits until A's publishes to it cross the route. */
    private static void awaitRoutedInterest(Connection onA, Connection onB, String probe) throws Exception {
        Subscription sub = onB.subscribe(probe);
        onB.flush(WAIT);
        checkFor(() -> {
            onA.publish(probe, new byte[0]);
            assertThat(sub.nextMessage(Duration.ofMillis(200))).isNotNull();
        });
    }

    @Test
    void shouldPushToSubscriberOnPeer_andTakeAcksBack() throws Exception {
        NatsServer[] n = twoNodesWithJetStreamOnFirst();
        Connection onA = connect(n[0]);
        Connection onB = connect(n[1]);
        stream(onA);
        Subscription remote = onB.subscribe("deliver.remote");
        onB.flush(WAIT);
        JetStreamManagement jsm = onA.jetStreamManagement();
        jsm.addOrUpdateConsumer("R", ConsumerConfiguration.builder().durable("push")
            .deliverSubject("deliver.remote").ackPolicy(AckPolicy.Explicit).build());
        checkFor(() -> assertThat(jsm.getConsumerInfo("R", "push").isPushBound()).isTrue());
        for (int i = 1; i <= 3; i++) {
            Message m = next(remote);
            assertThat(m.getSubject()).isEqualTo("r.s" + i);
            assertThat(m.getReplyTo()).startsWith("$JS.ACK.R.push.").doesNotContain("@");
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("m" + i);
            m.ack();
        }
        checkFor(() -> assertThat(jsm.getConsumerInfo("R", "push").getAckFloor().getStreamSequence()).isEqualTo(3));
    }

    @Test
    void shouldPushToSubscribersOnBothNodes_whenDeliverSubjectHasLocalAndRemoteInterest() throws Exception {
        NatsServer[] n = twoNodesWithJetStreamOnFirst();
        Connection onA = connect(n[0]);
        Connection onB = connect(n[1]);
        stream(onA);
        Subscription local = onA.subscribe("deliver.both");
        Subscription remote = onB.subscribe("deliver.both");
        onA.flush(WAIT);
        onB.flush(WAIT);
        // RS+ arrive in order: once the later probe crosses, B's interest in the deliver subject is known on A.
        awaitRoutedInterest(onA, onB, "deliver.probe");
        JetStreamManagement jsm = onA.jetStreamManagement();
        jsm.addOrUpdateConsumer("R", ConsumerConfiguration.builder().durable("both")
            .deliverSubject("deliver.both").ackPolicy(AckPolicy.Explicit).build());
        for (int i = 1; i <= 3; i++) {
            Message here = next(local);
            Message there = next(remote);
            assertThat(here.getSubject()).isEqualTo("r.s" + i);
            assertThat(there.getSubject()).isEqualTo("r.s" + i);
            assertThat(there.getReplyTo()).isEqualTo(here.getReplyTo()).doesNotContain("@");
            there.ack();
        }
        checkFor(() -> assertThat(jsm.getConsumerInfo("R", "both").getAckFloor().getStreamSequence()).isEqualTo(3));
    }

    @Test
    void shouldAnswerPullRequestFromPeer() throws Exception {
        NatsServer[] n = twoNodesWithJetStreamOnFirst();
        Connection onA = connect(n[0]);
        Connection onB = connect(n[1]);
        stream(onA);
        onA.jetStreamManagement().addOrUpdateConsumer("R", ConsumerConfiguration.builder().durable("pull")
            .ackPolicy(AckPolicy.Explicit).build());
        Subscription inbox = onB.subscribe("_INBOX.remote.pull");
        awaitRoutedInterest(onA, onB, "_INBOX.remote.probe");
        checkFor(() -> assertThat(onB.jetStreamManagement().getConsumerInfo("R", "pull").getName()).isEqualTo("pull"));
        onB.publish("$JS.API.CONSUMER.MSG.NEXT.R.pull", inbox.getSubject(),
            "{\"batch\":2,\"expires\":5000000000}".getBytes(StandardCharsets.UTF_8));
        Message first = next(inbox);
        assertThat(first.isStatusMessage()).isFalse();
        assertThat(first.getSubject()).isEqualTo("r.s1");
        Message second = next(inbox);
        assertThat(second.getSubject()).isEqualTo("r.s2");
        second.ack();
    }
}
