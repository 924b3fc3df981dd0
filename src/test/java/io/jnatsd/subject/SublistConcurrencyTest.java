package io.jnatsd.subject;

import io.jnatsd.subject.SubTestSupport.Sub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static io.jnatsd.subject.SubTestSupport.groupOf;
import static io.jnatsd.subject.SubTestSupport.plainOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Writers and matchers at once: results stay sound while racing and exact once the writers are done. */
@Timeout(60)
class SublistConcurrencyTest {

    private static final List<String> PATTERNS = List.of("race.a", "race.*", "race.>", ">", "*.a", "*.*",
            "race.a.b", "race.*.b", "other.a", "*.>");
    private static final List<String> PROBES = List.of("race.a", "race.b", "race.a.b", "race.c.b", "other.a",
            "other.b", "race", "x.a");
    private static final String[] QUEUES = {null, null, "q1", "q2"};
    private static final List<String> RACE_KEYS = IntStream.range(0, 32).mapToObj(i -> "race." + i).toList();

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    @AfterEach
    void shutdown() throws InterruptedException {
        stop.set(true);
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldNeverReturnStaleResult_whenMatchedRightAfterInsertOrRemoveReturns() throws Exception {
        Sublist<Sub> sl = new Sublist<>();
        CountDownLatch started = new CountDownLatch(2);
        List<Future<?>> matchers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            matchers.add(pool.submit(() -> refillCacheUntilStopped(sl, started)));
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 2_000; i++) {
            String pattern = i % 2 == 0 ? "race.>" : "race.*";
            Sub sub = Sub.plain(pattern);
            sl.insert(pattern, null, sub);
            for (String key : RACE_KEYS) {
                assertThat(plainOf(sl.match(key))).as("%s after insert %d", key, i).containsOnlyOnce(sub);
            }
            assertThat(sl.remove(pattern, null, sub)).isTrue();
            for (String key : RACE_KEYS) {
                assertThat(plainOf(sl.match(key))).as("%s after remove %d", key, i).doesNotContain(sub);
            }
        }
        stop.set(true);
        for (Future<?> matcher : matchers) {
            matcher.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Keeps matching the race keys. Each remove of a wildcard evicts them all, so the matchers are busy
     * refilling them when the next insert runs: a fill that lands after the insert's cache update would be
     * stale.
     */
    private void refillCacheUntilStopped(Sublist<Sub> sl, CountDownLatch started) {
        started.countDown();
        for (int i = 0; i < 50_000_000 && !stop.get(); i++) {
            sl.match(RACE_KEYS.get(i % RACE_KEYS.size()));
        }
    }

    @ParameterizedTest
    @MethodSource("io.jnatsd.subject.SubTestSupport#sublists")
    void shouldMatchFinalState_whenWritersAndMatchersRanConcurrently(Supplier<Sublist<Sub>> factory)
            throws Exception {
        Sublist<Sub> sl = factory.get();
        List<List<Sub>> live = List.of(new ArrayList<>(), new ArrayList<>());
        CountDownLatch writersDone = new CountDownLatch(2);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            List<Sub> mine = live.get(t);
            int seed = 17 * (t + 1);
            tasks.add(pool.submit(() -> churn(sl, mine, new Random(seed), writersDone)));
            tasks.add(pool.submit(() -> checkSoundUntil(sl, writersDone)));
        }
        for (Future<?> task : tasks) {
            task.get(30, TimeUnit.SECONDS);
        }
        assertThat(failures).isEmpty();
        List<Sub> all = new ArrayList<>(live.get(0));
        all.addAll(live.get(1));
        assertThat(sl.count()).isEqualTo(all.size());
        for (String probe : PROBES) {
            assertExact(sl, all, probe);
        }
    }

    private static void churn(Sublist<Sub> sl, List<Sub> mine, Random random, CountDownLatch done) {
        try {
            for (int i = 0; i < 20_000; i++) {
                if (!mine.isEmpty() && random.nextInt(3) == 0) {
                    Sub gone = mine.remove(random.nextInt(mine.size()));
                    assertThat(sl.remove(gone.subject, gone.queue, gone)).isTrue();
                } else {
                    Sub sub = new Sub(PATTERNS.get(random.nextInt(PATTERNS.size())),
                            QUEUES[random.nextInt(QUEUES.length)]);
                    sl.insert(sub.subject, sub.queue, sub);
                    mine.add(sub);
                }
            }
        } finally {
            done.countDown();
        }
    }

    private void checkSoundUntil(Sublist<Sub> sl, CountDownLatch writersDone) {
        int round = 0;
        while (writersDone.getCount() > 0 && round++ < 2_000_000) {
            String probe = PROBES.get(round % PROBES.size());
            SublistResult<Sub> r = sl.match(probe);
            for (int i = 0; i < r.plainCount(); i++) {
                Sub sub = r.plain(i);
                if (sub.queue != null || !Subjects.matchLiteral(probe, sub.subject)) {
                    failures.add("plain " + sub + " for " + probe);
                }
            }
            for (int g = 0; g < r.queueGroupCount(); g++) {
                for (int i = 0; i < r.queueMemberCount(g); i++) {
                    Sub sub = r.queueMember(g, i);
                    if (!r.queueName(g).equals(sub.queue) || !Subjects.matchLiteral(probe, sub.subject)) {
                        failures.add("queue " + sub + " in " + r.queueName(g) + " for " + probe);
                    }
                }
            }
        }
    }

    private static void assertExact(Sublist<Sub> sl, List<Sub> all, String probe) {
        List<Sub> plain = new ArrayList<>();
        List<Sub> q1 = new ArrayList<>();
        List<Sub> q2 = new ArrayList<>();
        for (Sub sub : all) {
            if (Subjects.matchLiteral(probe, sub.subject)) {
                (sub.queue == null ? plain : "q1".equals(sub.queue) ? q1 : q2).add(sub);
            }
        }
        SublistResult<Sub> r = sl.match(probe);
        assertThat(plainOf(r)).as(probe).containsExactlyInAnyOrderElementsOf(plain);
        assertThat(groupOf(r, "q1")).as(probe).containsExactlyInAnyOrderElementsOf(q1);
        assertThat(groupOf(r, "q2")).as(probe).containsExactlyInAnyOrderElementsOf(q2);
        assertThat(r.queueGroupCount()).as(probe).isEqualTo((q1.isEmpty() ? 0 : 1) + (q2.isEmpty() ? 0 : 1));
    }
}
