package io.jnatsd.jetstream.stream;

import io.jnatsd.config.ConfException;
import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.External;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.Mirror;
import io.nats.client.api.Source;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sources and mirrors of a stream in another account, through {@code external { api, deliver }} and the account
 * imports the reference's documentation prescribes; and a push consumer whose deliveries cross a stream import.
 * Over the wire with jnats.
 */
@Timeout(60)
class ExternalSourceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration CATCH_UP = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    static final String CONF = """
        accounts {
          A {
            users [ { user: a, password: a } ]
            jetstream: enabled
            exports [
              { service: "$JS.API.>" }
              { service: "$JS.FC.>" }
              { stream: "deliver.b.>" }
            ]
          }
          B {
            users [ { user: b, password: b } ]
            jetstream: enabled
            imports [
              { service: { account: A, subject: "$JS.API.>" }, to: "JS.A.API.>" }
              { service: { account: A, subject: "$JS.FC.>" } }
              { stream: { account: A, subject: "deliver.b.>" } }
            ]
          }
        }
        """;

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(ExternalSourceIntegrationTest::configure);

    private static ServerOptions.Builder configure(ServerOptions.Builder b) {
        try {
            new ServerOptionsReader().read(new ConfParser().parseString(CONF), b);
        } catch (ConfException e) {
            throw new IllegalStateException(e);
        }
        return b.jetStream(true).storeDir(JetStreamDirs.newStoreDir());
    }

    private Connection connect(String user) throws Exception {
        return jnatsd.closeAfterTest(jnatsd.connect(jnatsd.clientOptions().userInfo(user, user)));
    }

    private static External external() {
        return External.builder().api("JS.A.API").deliver("deliver.b").build();
    }

    private static void publish(Connection nc, String subject, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            nc.jetStream().publish(subject, new byte[]{(byte) i});
        }
    }

    @Test
    void shouldCopyOriginOfOtherAccount_whenSourceIsExternal() throws Exception {
        Connection a = connect("a");
        a.jetStreamManagement().addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.*").build());
        publish(a, "orders.new", 3);
        publish(a, "orders.old", 2);
        Connection b = connect("b");
        JetStreamManagement jsm = b.jetStreamManagement();

        jsm.addStream(StreamConfiguration.builder().name("COPY").sources(Source.builder().sourceName("ORDERS")
            .filterSubject("orders.new").external(external()).build()).build());
        publish(a, "orders.new", 1);

        checkFor(CATCH_UP, POLL, () -> {
            StreamInfo info = jsm.getStreamInfo("COPY");
            assertThat(info.getStreamState().getMsgCount()).isEqualTo(4);
            assertThat(info.getSourceInfos()).hasSize(1);
            assertThat(info.getSourceInfos().getFirst().getLag()).isZero();
        });
        MessageInfo last = jsm.getMessage("COPY", 4);
        assertThat(last.getSubject()).isEqualTo("orders.new");
        assertThat(last.getHeaders().getFirst("Nats-Stream-Source")).isEqualTo("ORDERS 6");
        assertThat(a.jetStreamManagement().getStreamNames()).containsExactly("ORDERS");
    }

    @Test
    void shouldKeepOriginSequences_whenMirrorIsExternal() throws Exception {
        Connection a = connect("a");
        a.jetStreamManagement().addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.*").build());
        publish(a, "orders.x", 4);
        a.jetStreamManagement().deleteMessage("ORDERS", 2);
        JetStreamManagement jsm = connect("b").jetStreamManagement();

        jsm.addStream(StreamConfiguration.builder().name("M").mirror(Mirror.builder().sourceName("ORDERS")
            .external(external()).build()).build());

        checkFor(CATCH_UP, POLL, () -> assertThat(jsm.getStreamInfo("M").getStreamState().getLastSequence())
            .isEqualTo(4));
        assertThat(jsm.getStreamInfo("M").getStreamState().getMsgCount()).isEqualTo(3);
        assertThat(jsm.getMessage("M", 4).getData()).containsExactly(3);
    }

    @Test
    void shouldCatchUp_whenOriginConsumerWasLost() throws Exception {
        Connection a = connect("a");
        JetStreamManagement origin = a.jetStreamManagement();
        origin.addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.*").build());
        publish(a, "orders.x", 2);
        JetStreamManagement jsm = connect("b").jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("COPY").sources(Source.builder().sourceName("ORDERS")
            .external(external()).build()).build());
        checkFor(CATCH_UP, POLL, () -> assertThat(jsm.getStreamInfo("COPY").getStreamState().getMsgCount())
            .isEqualTo(2));

        for (String name : origin.getConsumerNames("ORDERS")) {
            origin.deleteConsumer("ORDERS", name);
        }
        publish(a, "orders.x", 3);

        checkFor(CATCH_UP, POLL, () -> assertThat(jsm.getStreamInfo("COPY").getStreamState().getMsgCount())
            .isEqualTo(5));
        assertThat(jsm.getMessage("COPY", 5).getHeaders().getFirst("Nats-Stream-Source")).isEqualTo("ORDERS 5");
    }

    @Test
    void shouldDeliverPushConsumerMessagesAcrossAccounts_whenDeliverSubjectIsImported() throws Exception {
        Connection a = connect("a");
        a.jetStreamManagement().addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.*").build());
        publish(a, "orders.x", 2);
        Connection b = connect("b");
        Subscription sub = b.subscribe("deliver.b.push");
        b.flush(WAIT);

        a.jetStreamManagement().addOrUpdateConsumer("ORDERS", ConsumerConfiguration.builder().durable("PUSH")
            .deliverSubject("deliver.b.push").build());

        Message first = sub.nextMessage(WAIT);
        Message second = sub.nextMessage(WAIT);
        assertThat(first).isNotNull();
        assertThat(first.getSubject()).isEqualTo("orders.x");
        assertThat(first.getReplyTo()).startsWith("$JS.ACK.ORDERS.PUSH.1.1.1.");
        assertThat(second.getData()).containsExactly(1);
    }
}
