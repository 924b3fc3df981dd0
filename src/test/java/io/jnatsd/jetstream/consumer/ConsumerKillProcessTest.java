package io.jnatsd.jetstream.consumer;

import io.jnatsd.testing.JnatsdProcess;
import io.jnatsd.testing.QuietErrorListener;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A durable file consumer after a SIGKILL of its server (a child JVM): it resumes from its ack floor, what was
 * acked with a confirmed ack (double ack) is never delivered again, and a plain ack lost with the coalesced state
 * write only makes its message come again: no unacked message is skipped.
 */
@Timeout(120)
class ConsumerKillProcessTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Set<Long> ACKED = Set.of(1L, 2L, 3L, 5L, 8L);

    @TempDir
    Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void shouldRedeliverOnlyUnacked_whenServerKilledAfterConfirmedAcks() throws Exception {
        Path conf = dir.resolve("js.conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\njetstream { store_dir: \""
            + dir.resolve("store").toString().replace("\\", "/") + "\" }\n");
        JnatsdProcess first = start(conf);
        Connection nc = connect(first.awaitClientPort(dir, START_TIMEOUT));
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("K").subjects("k")
            .storageType(StorageType.File).build());
        for (int i = 1; i <= 10; i++) {
            nc.jetStream().publish("k", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        ConsumerConfiguration cc = ConsumerConfiguration.builder().durable("d").ackPolicy(AckPolicy.Explicit)
            .ackWait(Duration.ofSeconds(1)).build();
        JetStreamSubscription sub = nc.jetStream().subscribe("k",
            PullSubscribeOptions.builder().configuration(cc).build());
        List<Message> msgs = sub.fetch(10, WAIT);
        assertThat(msgs).hasSize(10);
        for (Message m : msgs) {
            if (ACKED.contains(m.metaData().streamSequence())) {
                m.ackSync(WAIT);
            }
        }
        first.kill9(WAIT);
        nc.close();

        JnatsdProcess second = start(conf);
        Connection nc2 = connect(second.awaitClientPort(dir, START_TIMEOUT));
        ConsumerInfo ci = nc2.jetStreamManagement().getConsumerInfo("K", "d");
        assertThat(ci.getAckFloor().getStreamSequence()).isEqualTo(3);
        JetStreamSubscription again = nc2.jetStream().subscribe("k", PullSubscribeOptions.bind("K", "d"));
        Set<Long> redelivered = new TreeSet<>();
        checkFor(Duration.ofSeconds(20), Duration.ofMillis(10), () -> {
            for (Message m : again.fetch(10, Duration.ofMillis(500))) {
                long seq = m.metaData().streamSequence();
                assertThat(ACKED).as("confirmed ack of %d lost", seq).doesNotContain(seq);
                redelivered.add(seq);
                m.ackSync(WAIT);
            }
            assertThat(redelivered).containsExactly(4L, 6L, 7L, 9L, 10L);
        });
        checkFor(() -> assertThat(nc2.jetStreamManagement().getConsumerInfo("K", "d").getAckFloor()
            .getStreamSequence()).isEqualTo(10));
    }

    @Test
    void shouldRedeliverEveryUnackedAndSkipNone_whenServerKilledWithPlainAcksNotYetWritten() throws Exception {
        Path conf = dir.resolve("js.conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\njetstream { store_dir: \""
            + dir.resolve("store").toString().replace("\\", "/") + "\" }\n");
        int n = 300;
        JnatsdProcess first = start(conf);
        Connection nc = connect(first.awaitClientPort(dir, START_TIMEOUT));
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("P").subjects("p")
            .storageType(StorageType.File).build());
        for (int i = 1; i <= n; i++) {
            nc.jetStream().publish("p", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        ConsumerConfiguration cc = ConsumerConfiguration.builder().durable("d").ackPolicy(AckPolicy.Explicit)
            .ackWait(Duration.ofSeconds(1)).build();
        JetStreamSubscription sub = nc.jetStream().subscribe("p",
            PullSubscribeOptions.builder().configuration(cc).build());
        Set<Long> unacked = new TreeSet<>();
        int fetched = 0;
        while (fetched < n) {
            for (Message m : sub.fetch(100, WAIT)) {
                fetched++;
                long seq = m.metaData().streamSequence();
                if (seq % 3 == 0) {
                    unacked.add(seq);
                } else {
                    m.ack(); // plain ack: written with the next coalesced state write, which the kill may beat
                }
            }
        }
        nc.flush(WAIT);
        first.kill9(WAIT);
        nc.close();

        JnatsdProcess second = start(conf);
        Connection nc2 = connect(second.awaitClientPort(dir, START_TIMEOUT));
        JetStreamSubscription again = nc2.jetStream().subscribe("p", PullSubscribeOptions.bind("P", "d"));
        Set<Long> redelivered = new TreeSet<>();
        checkFor(Duration.ofSeconds(30), Duration.ofMillis(10), () -> {
            for (Message m : again.fetch(100, Duration.ofMillis(500))) {
                redelivered.add(m.metaData().streamSequence());
                m.ackSync(WAIT);
            }
            assertThat(redelivered).as("every unacked message comes again").containsAll(unacked);
        });
        checkFor(() -> assertThat(nc2.jetStreamManagement().getConsumerInfo("P", "d").getAckFloor()
            .getStreamSequence()).isEqualTo(n));
    }

    private JnatsdProcess start(Path conf) throws Exception {
        JnatsdProcess p = JnatsdProcess.start(dir, "-c", conf.toString(), "--ports_file_dir", dir.toString());
        toClose.add(p);
        return p;
    }



    private Connection connect(int port) throws Exception {
        Connection nc = Nats.connect(Options.builder().server("nats://127.0.0.1:" + port)
            .connectionTimeout(WAIT).noReconnect().errorListener(new QuietErrorListener()).build());
        toClose.add(nc);
        return nc;
    }
}
