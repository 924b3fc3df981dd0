package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.ConsumeOptions;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.Subscription;
import io.nats.client.api.PriorityGroupState;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Priority groups over the wire: pinned client, unpin, pin timeout, overflow and prioritized pull requests. */
@Timeout(60)
class PriorityGroupsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String ADVISORIES = "$JS.EVENT.ADVISORY.CONSUMER.*.P.c";
    private static final String LONG = "\"expires\":10000000000,\"group\":\"A\"";
    private static final String SHORT = "\"expires\":300000000,\"group\":\"A\"";

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    private Connection setup(String consumerConfig, int msgs) throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("P").subjects("p")
            .storageType(StorageType.Memory).build());
        JsonNode r = api(nc, "$JS.API.CONSUMER.CREATE.P.c", "{\"stream_name\":\"P\",\"config\":" + consumerConfig + "}");
        assertThat(r.has("error")).as(r.toString()).isFalse();
        publish(nc, msgs);
        return nc;
    }

    private static void publish(Connection nc, int msgs) throws Exception {
        for (int i = 0; i < msgs; i++) {
            nc.jetStream().publish("p", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static JsonNode api(Connection nc, String subject, String body) throws Exception {
        Message m = nc.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        return JSON.readTree(m.getData());
    }

    private static void pull(Connection nc, Subscription inbox, String body) {
        nc.publish("$JS.API.CONSUMER.MSG.NEXT.P.c", inbox.getSubject(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Message next(Subscription inbox) throws InterruptedException {
        Message m = inbox.nextMessage(WAIT);
        assertThat(m).as("a message on %s", inbox.getSubject()).isNotNull();
        return m;
    }

    private static String status(Message m) {
        return m.isStatusMessage() ? m.getStatus().getCode() + " " + m.getStatus().getMessage() : "message";
    }

    private static String pinOf(Message m) {
        assertThat(m.isJetStream()).as(status(m)).isTrue();
        return m.getHeaders().getFirst("Nats-Pin-Id");
    }

    private static JsonNode advisory(Subscription adv, String kind) throws Exception {
        while (true) {
            Message m = next(adv);
            if (m.getSubject().startsWith("$JS.EVENT.ADVISORY.CONSUMER." + kind + ".")) {
                return JSON.readTree(m.getData());
            }
        }
    }

    private static String pinned(String ttl) {
        return "{\"durable_name\":\"c\",\"ack_policy\":\"explicit\",\"priority_policy\":\"pinned_client\","
            + "\"priority_groups\":[\"A\"],\"priority_timeout\":" + ttl + "}";
    }

    @Test
    void shouldServeOnlyPinnedClient_whenPinnedClientPolicy() throws Exception {
        Connection nc = setup(pinned("60000000000"), 0);
        Subscription adv = nc.subscribe(ADVISORIES);
        Subscription a = nc.subscribe(nc.createInbox());
        Subscription b = nc.subscribe(nc.createInbox());
        nc.flush(WAIT);
        publish(nc, 3);
        pull(nc, a, "{\"batch\":1," + LONG + "}");
        String pin = pinOf(next(a));
        assertThat(pin).hasSize(22);
        JsonNode p = advisory(adv, "PINNED");
        assertThat(p.get("type").asText()).isEqualTo("io.nats.jetstream.advisory.v1.consumer_group_pinned");
        assertThat(p.get("pinned_id").asText()).isEqualTo(pin);
        assertThat(p.get("group").asText()).isEqualTo("A");

        pull(nc, b, "{\"batch\":1," + SHORT + "}");
        assertThat(status(next(b))).isEqualTo("408 Request Timeout");

        pull(nc, a, "{\"batch\":1,\"id\":\"" + pin + "\"," + LONG + "}");
        Message second = next(a);
        assertThat(pinOf(second)).isEqualTo(pin);
        assertThat(second.metaData().streamSequence()).isEqualTo(2);

        pull(nc, b, "{\"batch\":1,\"id\":\"not-the-pin\"," + LONG + "}");
        assertThat(status(next(b))).isEqualTo("423 Nats-Pin-Id mismatch");

        List<PriorityGroupState> states = nc.jetStreamManagement().getConsumerInfo("P", "c").getPriorityGroupStates();
        assertThat(states).hasSize(1);
        assertThat(states.get(0).getGroup()).isEqualTo("A");
        assertThat(states.get(0).getPinnedClientId()).isEqualTo(pin);
        assertThat(states.get(0).getPinnedTime()).isNotNull();
    }

    @Test
    void shouldPinTheNextRequest_whenThePinnedRequestsClientIsGone() throws Exception {
        Connection nc = setup(pinned("60000000000"), 0);
        Connection gone = jnatsd.connect();
        Subscription goneInbox = gone.subscribe(gone.createInbox());
        gone.flush(WAIT);
        pull(gone, goneInbox, "{\"batch\":1," + LONG + "}");
        gone.flush(WAIT);
        checkFor(() -> assertThat(nc.jetStreamManagement().getConsumerInfo("P", "c").getNumWaiting()).isEqualTo(1));
        Subscription b = nc.subscribe(nc.createInbox());
        nc.flush(WAIT);
        pull(nc, b, "{\"batch\":1," + LONG + "}");
        checkFor(() -> assertThat(nc.jetStreamManagement().getConsumerInfo("P", "c").getNumWaiting()).isEqualTo(2));
        long clients = jnatsd.server().numClients();
        gone.close();
        checkFor(() -> assertThat(jnatsd.server().numClients()).isEqualTo(clients - 1));

        // The first request in line is the gone client's (no info request in between: it would drop it). It must
        // not keep the pin it was about to get.
        publish(nc, 1);

        Message m = next(b);
        assertThat(pinOf(m)).hasSize(22);
        assertThat(nc.jetStreamManagement().getConsumerInfo("P", "c").getPriorityGroupStates().get(0)
            .getPinnedClientId()).isEqualTo(pinOf(m));
    }

    @Test
    void shouldPinAnotherClient_whenUnpinned() throws Exception {
        Connection nc = setup(pinned("60000000000"), 3);
        Subscription adv = nc.subscribe(ADVISORIES);
        Subscription a = nc.subscribe(nc.createInbox());
        Subscription b = nc.subscribe(nc.createInbox());
        nc.flush(WAIT);
        pull(nc, a, "{\"batch\":1," + LONG + "}");
        String first = pinOf(next(a));
        pull(nc, b, "{\"batch\":1," + LONG + "}");
        checkFor(() -> assertThat(nc.jetStreamManagement().getConsumerInfo("P", "c").getNumWaiting()).isEqualTo(1));

        assertThat(nc.jetStreamManagement().unpinConsumer("P", "c", "A")).isTrue();
        JsonNode u = advisory(adv, "UNPINNED");
        assertThat(u.get("reason").asText()).isEqualTo("admin");
        assertThat(u.get("group").asText()).isEqualTo("A");

        Message toB = next(b);
        String second = pinOf(toB);
        assertThat(second).isNotEqualTo(first).hasSize(22);
        assertThat(toB.metaData().streamSequence()).isEqualTo(2);

        pull(nc, a, "{\"batch\":1,\"id\":\"" + first + "\"," + LONG + "}");
        assertThat(status(next(a))).isEqualTo("423 Nats-Pin-Id mismatch");
    }

    @Test
    void shouldGiveBackPin_whenPinnedRequestCannotTakeMessageForMaxBytes() throws Exception {
        Connection nc = setup(pinned("60000000000"), 1);
        Subscription a = nc.subscribe(nc.createInbox());
        Subscription b = nc.subscribe(nc.createInbox());
        nc.flush(WAIT);
        pull(nc, a, "{\"batch\":1,\"max_bytes\":5," + LONG + "}");
        assertThat(status(next(a))).isEqualTo("409 Message Size Exceeds MaxBytes");
        assertThat(nc.jetStreamManagement().getConsumerInfo("P", "c").getPriorityGroupStates().get(0)
            .getPinnedClientId()).isNull();
        pull(nc, b, "{\"batch\":1," + LONG + "}");
        assertThat(pinOf(next(b))).hasSize(22);
    }

    @Test
    void shouldRefuseUnpin_whenGroupMissingOrUnknown() throws Exception {
        Connection nc = setup(pinned("60000000000"), 0);
        String subject = "$JS.API.CONSUMER.UNPIN.P.c";
        JsonNode unknown = api(nc, subject, "{\"group\":\"B\"}").get("error");
        assertThat(unknown.get("err_code").asInt()).isEqualTo(10160);
        JsonNode missing = api(nc, subject, "{}").get("error");
        assertThat(missing.get("err_code").asInt()).isEqualTo(10025);
        assertThat(missing.get("description").asText()).isEqualTo("invalid JSON: consumer group not specified");
        JsonNode badName = api(nc, subject, "{\"group\":\"not a group\"}").get("error");
        assertThat(badName.get("err_code").asInt()).isEqualTo(10162);
        JsonNode noConsumer = api(nc, "$JS.API.CONSUMER.UNPIN.P.nope", "{\"group\":\"A\"}").get("error");
        assertThat(noConsumer.get("err_code").asInt()).isEqualTo(10014);
        JsonNode ok = api(nc, subject, "{\"group\":\"A\"}");
        assertThat(ok.has("error")).as(ok.toString()).isFalse();
        assertThat(ok.get("type").asText()).isEqualTo("io.nats.jetstream.api.v1.consumer_unpin_response");
    }

    @Test
    void shouldUnpin_whenPinnedClientSendsNothingForPriorityTimeout() throws Exception {
        Connection nc = setup(pinned("300000000"), 2);
        Subscription adv = nc.subscribe(ADVISORIES);
        Subscription a = nc.subscribe(nc.createInbox());
        Subscription b = nc.subscribe(nc.createInbox());
        nc.flush(WAIT);
        pull(nc, a, "{\"batch\":1," + LONG + "}");
        String first = pinOf(next(a));
        JsonNode u = advisory(adv, "UNPINNED");
        assertThat(u.get("reason").asText()).isEqualTo("timeout");
        pull(nc, b, "{\"batch\":1," + LONG + "}");
        String second = pinOf(next(b));
        assertThat(second).isNotEqualTo(first);
        assertThat(nc.jetStreamManagement().getConsumerInfo("P", "c").getPriorityGroupStates().get(0)
            .getPinnedClientId()).isEqualTo(second);
    }

    @Test
    void shouldServeOverflowRequest_onlyWhenThresholdReached() throws Exception {
        Connection nc = setup("{\"durable_name\":\"c\",\"ack_policy\":\"explicit\",\"priority_policy\":\"overflow\","
            + "\"priority_groups\":[\"A\"]}", 3);
        Subscription inbox = nc.subscribe(nc.createInbox());
        nc.flush(WAIT);
        pull(nc, inbox, "{\"batch\":2,\"min_pending\":10," + SHORT + "}");
        Message timeout = next(inbox);
        assertThat(status(timeout)).isEqualTo("408 Request Timeout");
        assertThat(timeout.getHeaders().getFirst("Nats-Pending-Messages")).isEqualTo("2");

        pull(nc, inbox, "{\"batch\":1,\"min_pending\":3," + LONG + "}");
        assertThat(next(inbox).metaData().streamSequence()).isEqualTo(1);

        pull(nc, inbox, "{\"batch\":1,\"min_ack_pending\":5," + SHORT + "}");
        assertThat(status(next(inbox))).isEqualTo("408 Request Timeout");

        pull(nc, inbox, "{\"batch\":1,\"min_ack_pending\":1," + LONG + "}");
        assertThat(next(inbox).metaData().streamSequence()).isEqualTo(2);

        pull(nc, inbox, "{\"batch\":1,\"group\":\"A\",\"id\":\"x\"}");
        assertThat(status(next(inbox))).isEqualTo("400 Bad Request - Not a Pinned Client Priority consumer");
    }

    @Test
    void shouldServeLowestPriorityFirst_whenPrioritizedPolicy() throws Exception {
        Connection nc = setup("{\"durable_name\":\"c\",\"ack_policy\":\"explicit\",\"priority_policy\":\"prioritized\","
            + "\"priority_groups\":[\"A\"]}", 0);
        JetStreamManagement jsm = nc.jetStreamManagement();
        Subscription low = nc.subscribe(nc.createInbox());
        Subscription high = nc.subscribe(nc.createInbox());
        nc.flush(WAIT);
        pull(nc, low, "{\"batch\":1,\"priority\":5," + LONG + "}");
        pull(nc, high, "{\"batch\":1,\"priority\":1," + LONG + "}");
        checkFor(() -> assertThat(jsm.getConsumerInfo("P", "c").getNumWaiting()).isEqualTo(2));
        publish(nc, 1);
        assertThat(next(high).metaData().streamSequence()).isEqualTo(1);
        publish(nc, 1);
        assertThat(next(low).metaData().streamSequence()).isEqualTo(2);

        pull(nc, low, "{\"batch\":1,\"priority\":10," + LONG + "}");
        assertThat(status(next(low))).isEqualTo("400 Bad Request - Priority must be between 0 and 9");
    }

    @Test
    void shouldDeliverToOnePinnedConsumer_whenJnatsConsumesWithGroup() throws Exception {
        Connection nc = setup("{\"durable_name\":\"c\",\"ack_policy\":\"explicit\","
            + "\"priority_policy\":\"pinned_client\",\"priority_groups\":[\"A\"]}", 0);
        Connection nc1 = jnatsd.connect();
        Connection nc2 = jnatsd.connect();
        Queue<String> pins1 = new ConcurrentLinkedQueue<>();
        Queue<String> pins2 = new ConcurrentLinkedQueue<>();
        // One pull takes all 20: jnats sends its follow-up pulls from its reader thread, before its dispatcher has
        // seen the Nats-Pin-Id of the first message, so under load those pulls go without the id and wait (as
        // they would on the reference) until priority_timeout.
        ConsumeOptions co = ConsumeOptions.builder().group("A").batchSize(20).build();
        MessageConsumer c1 = nc1.getConsumerContext("P", "c").consume(co, m -> {
            pins1.add(m.getHeaders().getFirst("Nats-Pin-Id"));
            m.ack();
        });
        MessageConsumer c2 = nc2.getConsumerContext("P", "c").consume(co, m -> {
            pins2.add(m.getHeaders().getFirst("Nats-Pin-Id"));
            m.ack();
        });
        checkFor(() -> assertThat(nc.jetStreamManagement().getConsumerInfo("P", "c").getNumWaiting()).isEqualTo(2));
        publish(nc, 20);
        checkFor(() -> assertThat(pins1.size() + pins2.size()).isEqualTo(20));
        Set<String> firstPins = new HashSet<>(pins1);
        firstPins.addAll(pins2);
        assertThat(firstPins).hasSize(1);
        assertThat(pins1.isEmpty() || pins2.isEmpty()).as("one client pinned: %s / %s", pins1, pins2).isTrue();

        // The pinned client goes away with its connection, so none of its pull requests can take the next pin.
        boolean firstPinned = !pins1.isEmpty();
        (firstPinned ? c1 : c2).stop();
        (firstPinned ? nc1 : nc2).close();
        Queue<String> others = firstPinned ? pins2 : pins1;
        nc.jetStreamManagement().unpinConsumer("P", "c", "A");
        publish(nc, 20);
        checkFor(() -> assertThat(others).hasSize(20));
        assertThat(new HashSet<>(others)).hasSize(1).doesNotContainAnyElementsOf(firstPins);
        (firstPinned ? c2 : c1).stop();
    }
}
