package io.jnatsd.cluster.route;

import io.jnatsd.account.Subscription;
import io.jnatsd.subject.Sublist;
import io.jnatsd.subject.SublistResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An RMSG's queue names resolve to the local groups of the match, also when the last answer is reused. */
class NamedQueuesTest {

    private final Sublist<Subscription> sublist = new Sublist<>();
    private final NamedQueues queues = new NamedQueues();

    private void sub(String queue) {
        sublist.insert("foo", queue, new Subscription(null, "foo", queue, "1"));
    }

    private List<String> resolve(SublistResult<Subscription> matches, String names) {
        ByteBuf buf = Unpooled.copiedBuffer("xx " + names + " yy", StandardCharsets.ISO_8859_1);
        queues.resolve(matches, buf, 3, names.length());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < queues.count(); i++) {
            out.add(matches.queueName(queues.group(i)));
        }
        return out;
    }

    @Test
    void shouldNameOnlyLocalGroups_whenThePeerNamesSeveral() {
        sub("q1");
        sub("q2");
        SublistResult<Subscription> m = sublist.match("foo");

        assertThat(resolve(m, "q2 nope\tq1")).containsExactly("q2", "q1");
        assertThat(resolve(m, "q2 nope\tq1")).containsExactly("q2", "q1");
        assertThat(resolve(m, "q1")).containsExactly("q1");
        assertThat(resolve(m, "q1x")).isEmpty();
    }

    @Test
    void shouldResolveAgain_whenTheLocalMatchChanges() {
        sub("q1");
        SublistResult<Subscription> before = sublist.match("foo");
        assertThat(resolve(before, "q2")).isEmpty();

        sub("q2");
        SublistResult<Subscription> after = sublist.match("foo");

        assertThat(resolve(after, "q2")).containsExactly("q2");
    }
}
