package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code *} and {@code >} wildcards, seen from subscribers of the official client. */
@Timeout(30)
class WildcardIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> PUBLISHED = List.of(
            "foo", "foo.bar", "foo.baz", "foo.bar.baz", "bar.foo", "a.bar.c", "a.bar.c.d", "x.bar");

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    @Test
    void shouldMatchExactlyOneToken_whenSubscribedWithStar() throws Exception {
        assertThat(receivedFor("foo.*")).containsExactly("foo.bar", "foo.baz");
    }

    @Test
    void shouldMatchOneOrMoreTokens_whenSubscribedWithGreaterThan() throws Exception {
        assertThat(receivedFor("foo.>")).containsExactly("foo.bar", "foo.baz", "foo.bar.baz");
    }

    @Test
    void shouldMatchEverything_whenSubscribedToFullWildcard() throws Exception {
        assertThat(receivedFor(">")).containsExactlyElementsOf(PUBLISHED);
    }

    @Test
    void shouldMatchMixedWildcards_whenStarLeadsAndGreaterThanEnds() throws Exception {
        assertThat(receivedFor("*.bar.>")).containsExactly("foo.bar.baz", "a.bar.c", "a.bar.c.d");
        assertThat(receivedFor("*.bar")).containsExactly("foo.bar", "x.bar");
    }

    @Test
    void shouldDeliverOncePerSubscription_whenTwoWildcardsOfOneConnectionMatch() throws Exception {
        Connection sub = jnatsd.connect();
        Connection pub = jnatsd.connect();
        Subscription star = sub.subscribe("foo.*");
        Subscription full = sub.subscribe("foo.>");
        Subscription literal = sub.subscribe("foo.bar");
        sub.flush(WAIT);

        pub.publish("foo.bar", new byte[] {1});
        pub.flush(WAIT);
        sub.flush(WAIT);

        for (Subscription s : List.of(star, full, literal)) {
            assertThat(s.getPendingMessageCount()).as(s.getSubject()).isEqualTo(1);
            assertThat(s.nextMessage(WAIT).getSubject()).isEqualTo("foo.bar");
        }
    }

    /** Subscribes to {@code pattern}, publishes {@link #PUBLISHED} and returns the subjects received, in order. */
    private List<String> receivedFor(String pattern) throws Exception {
        Connection sub = jnatsd.connect();
        Connection pub = jnatsd.connect();
        Subscription s = sub.subscribe(pattern);
        sub.flush(WAIT);
        for (String subject : PUBLISHED) {
            pub.publish(subject, subject.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        // The publisher's PONG means every PUB was routed; the subscriber's PONG comes after its MSGs.
        pub.flush(WAIT);
        sub.flush(WAIT);
        List<String> subjects = new ArrayList<>();
        long pending = s.getPendingMessageCount();
        for (long i = 0; i < pending; i++) {
            Message m = s.nextMessage(WAIT);
            subjects.add(m.getSubject());
        }
        return subjects;
    }
}
