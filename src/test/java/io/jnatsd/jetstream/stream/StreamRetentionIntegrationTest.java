package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.subject.Subjects;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The hooks consumers use: append notification, interest and work-queue retention driven by acks. */
@Timeout(30)
class StreamRetentionIntegrationTest {

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(
        o -> o.jetStream(true).storeDir(JetStreamDirs.newStoreDir()));

    /** A consumer as the stream sees it: a filter and the set of acked sequences. */
    private record FakeConsumer(String name, String filter, Set<Long> acked) implements ConsumerInterest {
        FakeConsumer(String name, String filter) {
            this(name, filter, ConcurrentHashMap.newKeySet());
        }

        @Override
        public boolean isInterested(String subject) {
            return Subjects.matchLiteral(subject, filter);
        }

        @Override
        public boolean needsAck(long seq, String subject) {
            return isInterested(subject) && !acked.contains(seq);
        }
    }

    private Stream stream(String name) {
        return jnatsd.server().module(JetStreamModule.class).orElseThrow().engine().account("$G").orElseThrow()
            .get(name);
    }

    @Test
    void shouldRemoveOnFirstAck_whenWorkQueue() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("WQ").subjects("wq")
            .retentionPolicy(RetentionPolicy.WorkQueue).build());
        Stream s = stream("WQ");
        FakeConsumer c = new FakeConsumer("c", ">");
        s.registerConsumer(c);
        var appended = new CopyOnWriteArrayList<Long>();
        s.addAppendListener((st, seq, subject) -> appended.add(seq));
        nc.jetStream().publish("wq", new byte[1]);
        nc.jetStream().publish("wq", new byte[1]);
        checkFor(() -> assertThat(appended).containsExactly(1L, 2L));
        assertThat(s.state().consumers()).isEqualTo(1);
        s.onConsumerAck(c, 1);
        assertThat(s.state().msgs()).isEqualTo(1);
        assertThat(s.state().firstSeq()).isEqualTo(2);
    }

    @Test
    void shouldRemoveWhenAllInterestedAcked_whenInterest() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("IN").subjects("in.*")
            .retentionPolicy(RetentionPolicy.Interest).build());
        Stream s = stream("IN");
        FakeConsumer a = new FakeConsumer("a", "in.*");
        FakeConsumer b = new FakeConsumer("b", "in.x");
        s.registerConsumer(a);
        s.registerConsumer(b);
        nc.jetStream().publish("in.x", new byte[1]);
        nc.jetStream().publish("in.y", new byte[1]);
        a.acked().add(1L);
        s.onConsumerAck(a, 1);
        assertThat(s.state().msgs()).as("b still needs seq 1").isEqualTo(2);
        b.acked().add(1L);
        s.onConsumerAck(b, 1);
        assertThat(s.state().msgs()).isEqualTo(1);
        a.acked().add(2L);
        s.onConsumerAck(a, 2);
        assertThat(s.state().msgs()).as("b does not match in.y").isZero();
        s.unregisterConsumer(b);
        assertThat(s.state().consumers()).isEqualTo(1);
    }

    @Test
    void shouldTellLifecycleListeners_whenPurgedAndDeleted() throws Exception {
        Connection nc = jnatsd.connect();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("L").subjects("l").build());
        Stream s = stream("L");
        var events = new CopyOnWriteArrayList<String>();
        s.addLifecycleListener(new StreamLifecycleListener() {
            @Override
            public void onPurged(Stream stream, long purged, long newFirstSeq) {
                events.add("purged " + purged + " first " + newFirstSeq);
            }

            @Override
            public void onDeleted(Stream stream) {
                events.add("deleted");
            }
        });
        nc.jetStream().publish("l", new byte[1]);
        nc.jetStreamManagement().purgeStream("L");
        nc.jetStreamManagement().deleteStream("L");
        assertThat(events).containsExactly("purged 1 first 2", "deleted");
        assertThat(s.isClosed()).isTrue();
    }
}
