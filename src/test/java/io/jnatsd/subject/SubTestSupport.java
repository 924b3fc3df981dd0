package io.jnatsd.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import static org.junit.jupiter.api.Named.named;

/** Shared helpers for the Sublist tests: a subscription type compared by identity and result readers. */
final class SubTestSupport {

    private SubTestSupport() {
    }

    /** A subscription: compared by identity, named for readable failures. */
    static class Sub {
        final String subject;
        final String queue;

        Sub(String subject, String queue) {
            this.subject = subject;
            this.queue = queue;
        }

        static Sub plain(String subject) {
            return new Sub(subject, null);
        }

        static Sub queue(String subject, String queue) {
            return new Sub(subject, queue);
        }

        @Override
        public String toString() {
            return queue == null ? "Sub[" + subject + "]@" + hashCode()
                    : "Sub[" + subject + " " + queue + "]@" + hashCode();
        }
    }

    /** Both flavours of Sublist, for tests that must hold with and without the cache. */
    static Stream<Arguments> sublists() {
        return Stream.of(
                Arguments.of(named("cache", (Supplier<Sublist<Sub>>) Sublist::new)),
                Arguments.of(named("noCache", (Supplier<Sublist<Sub>>) Sublist::withoutCache)));
    }

    static Sublist<Sub> insertAll(Sublist<Sub> sublist, Sub... subs) {
        for (Sub sub : subs) {
            sublist.insert(sub.subject, sub.queue, sub);
        }
        return sublist;
    }

    static boolean remove(Sublist<Sub> sublist, Sub sub) {
        return sublist.remove(sub.subject, sub.queue, sub);
    }

    static <T> List<T> plainOf(SublistResult<T> result) {
        List<T> values = new ArrayList<>();
        for (int i = 0; i < result.plainCount(); i++) {
            values.add(result.plain(i));
        }
        return values;
    }

    static <T> List<T> groupOf(SublistResult<T> result, String queue) {
        List<T> values = new ArrayList<>();
        int g = result.queueGroupIndex(queue);
        if (g < 0) {
            return values;
        }
        for (int i = 0; i < result.queueMemberCount(g); i++) {
            values.add(result.queueMember(g, i));
        }
        return values;
    }
}
