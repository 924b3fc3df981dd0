package io.jnatsd.server;

import io.jnatsd.account.Subscriber;
import io.jnatsd.account.Subscription;
import io.jnatsd.subject.Sublist;
import io.jnatsd.subject.SublistResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReplyMatchesTest {

    private final Sublist<Subscription> sublist = new Sublist<>();
    private final ReplyMatches replies = new ReplyMatches(sublist);

    private Subscription sub(String subject) {
        Subscription s = new Subscription((Subscriber) null, subject, null, subject);
        sublist.insert(subject, null, s);
        return s;
    }

    private static List<String> subjects(SublistResult<Subscription> r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.plainCount(); i++) {
            out.add(r.plain(i).subject());
        }
        return out;
    }

    @Test
    void shouldMatchAsTheSublist_whenTheInboxIsAWildcard() {
        sub("_INBOX.abc.*");
        sub("_INBOX.>");
        sub("_INBOX.other.*");
        for (String reply : List.of("_INBOX.abc.1", "_INBOX.abc.2", "_INBOX.abc.300")) {
            assertThat(subjects(replies.match(reply)))
                .containsExactlyInAnyOrderElementsOf(subjects(sublist.match(reply)));
        }
        assertThat(subjects(replies.match("_INBOX.abc.9"))).containsExactlyInAnyOrder("_INBOX.abc.*", "_INBOX.>");
    }

    @Test
    void shouldMatchEachReplyAlone_whenASubscriptionNamesALiteralLastToken() {
        sub("_INBOX.abc.*");
        sub("_INBOX.abc.7");
        assertThat(subjects(replies.match("_INBOX.abc.1"))).containsExactly("_INBOX.abc.*");
        assertThat(subjects(replies.match("_INBOX.abc.7"))).containsExactlyInAnyOrder("_INBOX.abc.*", "_INBOX.abc.7");
        assertThat(subjects(replies.match("_INBOX.abc.2"))).containsExactly("_INBOX.abc.*");
    }

    @Test
    void shouldSeeNewSubscriptions_whenTheSublistChanges() {
        sub("_INBOX.abc.*");
        assertThat(subjects(replies.match("_INBOX.abc.1"))).containsExactly("_INBOX.abc.*");
        sub("_INBOX.abc.2");
        assertThat(subjects(replies.match("_INBOX.abc.2"))).containsExactlyInAnyOrder("_INBOX.abc.*", "_INBOX.abc.2");
        Subscription later = sub("_INBOX.*.*");
        assertThat(subjects(replies.match("_INBOX.abc.3"))).containsExactlyInAnyOrder("_INBOX.abc.*", "_INBOX.*.*");
        sublist.remove(later.subject(), null, later);
        assertThat(subjects(replies.match("_INBOX.abc.4"))).containsExactly("_INBOX.abc.*");
    }

    @Test
    void shouldMatchNothing_whenNobodyListens() {
        sub("_INBOX.abc.*.more");
        assertThat(replies.match("_INBOX.abc.1").isEmpty()).isTrue();
        assertThat(replies.match("single").isEmpty()).isTrue();
    }
}
