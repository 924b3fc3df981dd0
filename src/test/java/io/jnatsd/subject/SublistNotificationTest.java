package io.jnatsd.subject;

import io.jnatsd.subject.SubTestSupport.Sub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.subject.SubTestSupport.insertAll;
import static io.jnatsd.subject.SubTestSupport.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Interest listeners: told when exact interest in a literal subject (and queue) starts and stops. */
@Timeout(10)
class SublistNotificationTest {

    /** Records every call; {@link #take()} returns and forgets them. */
    static final class Recorder implements InterestListener {
        private final List<Boolean> calls = new ArrayList<>();

        @Override
        public void onInterestChanged(boolean hasInterest) {
            calls.add(hasInterest);
        }

        List<Boolean> take() {
            List<Boolean> taken = List.copyOf(calls);
            calls.clear();
            return taken;
        }
    }

    private final Sublist<Sub> sl = new Sublist<>();
    private final Recorder recorder = new Recorder();

    @ParameterizedTest
    @ValueSource(strings = {"foo.*", ">", "foo..bar", "", "foo bar"})
    void shouldRejectListener_whenSubjectIsNotAValidLiteral(String subject) {
        assertThatThrownBy(() -> sl.registerInterestListener(subject, null, recorder))
                .isInstanceOf(InvalidSubjectException.class);
        assertThat(recorder.take()).isEmpty();
    }

    @Test
    void shouldReportFirstAndLastExactSubscription_whenPlainSubscriptionsComeAndGo() {
        assertThat(sl.clearInterestListener("foo", null, recorder)).isFalse();
        assertThat(sl.registerInterestListener("foo", null, recorder)).isTrue();
        assertThat(recorder.take()).containsExactly(false);
        assertThat(sl.registerInterestListener("foo", null, recorder)).isFalse();
        assertThat(recorder.take()).isEmpty();

        Sub sub1 = Sub.plain("foo");
        Sub sub2 = Sub.plain("foo");
        insertAll(sl, sub1);
        assertThat(recorder.take()).containsExactly(true);
        insertAll(sl, sub2);
        assertThat(recorder.take()).isEmpty();
        remove(sl, sub1);
        assertThat(recorder.take()).isEmpty();
        remove(sl, sub2);
        assertThat(recorder.take()).containsExactly(false);

        assertThat(sl.clearInterestListener("foo", null, recorder)).isTrue();
        insertAll(sl, sub1);
        assertThat(recorder.take()).isEmpty();
    }

    @Test
    void shouldReportCurrentInterest_whenRegisteredAfterSubscription() {
        Sub sub = Sub.plain("bar");
        insertAll(sl, sub);
        sl.registerInterestListener("bar", null, recorder);
        assertThat(recorder.take()).containsExactly(true);
        remove(sl, sub);
        assertThat(recorder.take()).containsExactly(false);
    }

    @Test
    void shouldIgnoreDeeperAndWildcardSubscriptions_whenWatchingExactInterest() {
        sl.registerInterestListener("test.node", null, recorder);
        recorder.take();
        Sub deeper = Sub.plain("test.node.already.exist");
        Sub partial = Sub.plain("test.*");
        Sub full = Sub.plain(">");
        Sub queued = Sub.queue("test.node", "q");
        insertAll(sl, deeper, partial, full, queued);
        assertThat(recorder.take()).isEmpty();
        Sub exact = Sub.plain("test.node");
        insertAll(sl, exact);
        assertThat(recorder.take()).containsExactly(true);
        remove(sl, deeper);
        remove(sl, partial);
        remove(sl, queued);
        assertThat(recorder.take()).isEmpty();
        remove(sl, exact);
        assertThat(recorder.take()).containsExactly(false);
        remove(sl, full);
        assertThat(recorder.take()).isEmpty();
    }

    @Test
    void shouldReportOnce_whenBatchRemovesAllExactSubscriptions() {
        sl.registerInterestListener("foo", null, recorder);
        Sub a = Sub.plain("foo");
        Sub b = Sub.plain("foo");
        Sub c = Sub.plain("*");
        insertAll(sl, a, b, c);
        assertThat(recorder.take()).containsExactly(false, true);
        sl.removeBatch(List.of(a, b, c), s -> s.subject, s -> s.queue);
        assertThat(recorder.take()).containsExactly(false);
    }

    @Test
    void shouldReportOnlyItsQueue_whenQueueListenersAreRegistered() {
        Recorder other = new Recorder();
        Recorder plain = new Recorder();
        sl.registerInterestListener("some.subject", "queue1", recorder);
        sl.registerInterestListener("some.subject", "queue2", other);
        sl.registerInterestListener("some.subject", null, plain);
        assertThat(recorder.take()).containsExactly(false);
        assertThat(other.take()).containsExactly(false);
        assertThat(plain.take()).containsExactly(false);

        Sub q1 = Sub.queue("some.subject", "queue1");
        Sub q1b = Sub.queue("some.subject", "queue1");
        Sub q2 = Sub.queue("some.subject", "queue2");
        Sub elsewhere = Sub.queue("some.other", "queue1");
        insertAll(sl, q1, q1b, elsewhere);
        assertThat(recorder.take()).containsExactly(true);
        assertThat(other.take()).isEmpty();
        insertAll(sl, q2);
        assertThat(other.take()).containsExactly(true);
        remove(sl, q1);
        remove(sl, elsewhere);
        assertThat(recorder.take()).isEmpty();
        remove(sl, q1b);
        assertThat(recorder.take()).containsExactly(false);
        remove(sl, q2);
        assertThat(other.take()).containsExactly(false);
        assertThat(plain.take()).isEmpty();
        assertThat(sl.clearInterestListener("some.subject", "queue1", recorder)).isTrue();
        assertThat(sl.clearInterestListener("some.subject", "queue1", recorder)).isFalse();
    }

    @Test
    void shouldTellEveryListener_whenSeveralWatchTheSameSubject() {
        Recorder second = new Recorder();
        sl.registerInterestListener("baz", null, recorder);
        sl.registerInterestListener("baz", null, second);
        insertAll(sl, Sub.plain("baz"));
        assertThat(recorder.take()).containsExactly(false, true);
        assertThat(second.take()).containsExactly(false, true);
    }
}
