package io.jnatsd.subject;

import io.jnatsd.subject.SubTestSupport.Sub;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Supplier;

import static io.jnatsd.subject.SubTestSupport.groupOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Remote queue subscriptions stand for several members and are listed once per member. */
@Timeout(10)
class SublistQueueWeightTest {

    /** A route's queue subscription carrying the remote member count. */
    static final class RemoteSub extends Sub implements QueueWeight {
        volatile int weight;

        RemoteSub(String subject, String queue, int weight) {
            super(subject, queue);
            this.weight = weight;
        }

        @Override
        public int queueWeight() {
            return weight;
        }
    }

    @ParameterizedTest
    @MethodSource("io.jnatsd.subject.SubTestSupport#sublists")
    void shouldListRemoteMemberByWeight_whenQueueGroupIsMatched(Supplier<Sublist<Sub>> factory) {
        Sublist<Sub> sl = factory.get();
        Sub local1 = Sub.queue("foo", "bar");
        Sub local2 = Sub.queue("foo", "bar");
        sl.insert("foo", "bar", local1);
        sl.insert("foo", "bar", local2);
        assertThat(groupOf(sl.match("foo"), "bar")).hasSize(2);

        RemoteSub remote1 = new RemoteSub("foo", "bar", 10);
        RemoteSub remote2 = new RemoteSub("foo", "bar", 10);
        sl.insert("foo", "bar", remote1);
        sl.insert("foo", "bar", remote2);
        assertThat(sl.count()).isEqualTo(4);
        List<Sub> group = groupOf(sl.match("foo"), "bar");
        assertThat(group).hasSize(22);
        assertThat(group.stream().filter(s -> s == remote1)).hasSize(10);
        assertThat(sl.numInterest("foo")).isEqualTo(new Sublist.Interest(0, 22));

        sl.remove("foo", "bar", local1);
        sl.remove("foo", "bar", remote1);
        assertThat(sl.count()).isEqualTo(2);
        assertThat(groupOf(sl.match("foo"), "bar")).hasSize(11);

        long generation = sl.generation();
        remote2.weight = 1;
        sl.queueWeightChanged("foo");
        assertThat(sl.generation()).isGreaterThan(generation);
        assertThat(groupOf(sl.match("foo"), "bar")).containsExactlyInAnyOrder(local2, remote2);
        assertThat(sl.numInterest("foo")).isEqualTo(new Sublist.Interest(0, 2));
    }

    @ParameterizedTest
    @MethodSource("io.jnatsd.subject.SubTestSupport#sublists")
    void shouldRebuildWildcardMatches_whenWeightOfWildcardSubscriptionChanges(Supplier<Sublist<Sub>> factory) {
        Sublist<Sub> sl = factory.get();
        RemoteSub remote = new RemoteSub("foo.*", "q", 3);
        sl.match("foo.new");
        sl.insert("foo.*", "q", remote);
        assertThat(groupOf(sl.match("foo.new"), "q")).hasSize(3);
        remote.weight = 0;
        sl.queueWeightChanged("foo.*");
        assertThat(groupOf(sl.match("foo.new"), "q")).containsExactly(remote);
        assertThat(groupOf(sl.match("foo.other"), "q")).containsExactly(remote);
    }
}
