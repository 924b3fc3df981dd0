package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Random operations, restarts included, run against {@link FileStore} and {@link MemStore} give the same state
 * and the same messages.
 */
class FileStoreVsMemStorePropertyTest {
    private static final List<String> SUBJECTS = List.of("a", "b", "c.x", "c.y", "d.e.f");

    sealed interface Op permits Store, Remove, Erase, Purge, PurgeEx, Compact, Truncate, Skip, Expire, Restart { }

    record Store(int subject, int payloadLen, long ttl) implements Op { }

    record Remove(int back) implements Op { }

    record Erase(int back) implements Op { }

    record Purge() implements Op { }

    record PurgeEx(int subject, int back, int keep) implements Op { }

    record Compact(int back) implements Op { }

    record Truncate(int back) implements Op { }

    record Skip(int count) implements Op { }

    record Expire(int seconds) implements Op { }

    record Restart() implements Op { }

    record Limits(long maxMsgs, long maxPerSubject, long maxAgeSeconds, DiscardPolicy discard, long markerTtl) { }

    private Path dir;

    @BeforeTry
    void makeDir() {
        dir = FastDirs.create("fs-prop");
    }

    @AfterTry
    void removeDir() {
        FastDirs.delete(dir);
    }

    @Provide
    Arbitrary<Limits> limits() {
        return Combinators.combine(Arbitraries.of(0L, 0L, 7L, 30L), Arbitraries.of(0L, 0L, 1L, 3L),
            Arbitraries.of(0L, 0L, 20L), Arbitraries.of(DiscardPolicy.OLD, DiscardPolicy.NEW),
            Arbitraries.of(0L, 0L, 30L)).as(Limits::new);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> back = Arbitraries.integers().between(0, 40);
        Arbitrary<Op> store = Combinators.combine(Arbitraries.integers().between(0, SUBJECTS.size() - 1),
            Arbitraries.integers().between(0, 300), Arbitraries.of(0L, 0L, 0L, 5L, -1L)).as(Store::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(30, store),
            net.jqwik.api.Tuple.of(6, back.map(Remove::new)),
            net.jqwik.api.Tuple.of(2, back.map(Erase::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new Purge())),
            net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.integers().between(-1, SUBJECTS.size() - 1),
                Arbitraries.integers().between(-1, 20), Arbitraries.integers().between(0, 3)).as(PurgeEx::new)),
            net.jqwik.api.Tuple.of(2, back.map(Compact::new)),
            net.jqwik.api.Tuple.of(1, back.map(Truncate::new)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 3).map(Skip::new)),
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 15).map(Expire::new)),
            net.jqwik.api.Tuple.of(3, Arbitraries.just(new Restart())));
        return op.list().ofMinSize(10).ofMaxSize(120);
    }

    @Property(tries = 100)
    void shouldMatchMemStore_whenRandomOpsAndRestarts(@ForAll("limits") Limits limits,
                                                      @ForAll("ops") List<Op> ops) {
        run(limits, ops, FileStoreOptions.defaults(dir).withBlockSizeBytes(700));
    }

    @Property(tries = 60)
    void shouldMatchMemStore_whenBlocksCompressed(@ForAll("limits") Limits limits, @ForAll("ops") List<Op> ops) {
        run(limits, ops, FileStoreOptions.defaults(dir).withBlockSizeBytes(700)
            .withCompression(StoreCompression.S2));
    }

    @Property(tries = 30)
    void shouldMatchMemStore_whenBlocksCompressedAndEncrypted(@ForAll("limits") Limits limits,
                                                              @ForAll("ops") List<Op> ops) {
        run(limits, ops, FileStoreOptions.defaults(dir).withBlockSizeBytes(700)
            .withCompression(StoreCompression.S2)
            .withCipher(StoreCipher.fromPassphrase(StoreCipher.Kind.AES, "property")));
    }

    private void run(Limits limits, List<Op> ops, FileStoreOptions options) {
        ManualClock clock = new ManualClock();
        StreamStoreConfig config = new StreamStoreConfig("P", limits.maxMsgs(), 0,
            limits.maxAgeSeconds() * 1_000_000_000L, limits.maxPerSubject(), limits.discard(), false,
            limits.markerTtl());
        MemStore mem = new MemStore(config, clock);
        FileStore file = FileStore.open(options, config, clock);
        try {
            for (Op op : ops) {
                if (op instanceof Restart) {
                    file.close();
                    file = FileStore.open(options, config, clock);
                    assertThat(file.recoveryReport().clean()).as("recovery report").isTrue();
                } else {
                    long last = mem.state().lastSeq();
                    Object expected = outcome(s -> apply(s, op, last, clock, true), mem);
                    Object actual = outcome(s -> apply(s, op, last, clock, false), file);
                    assertThat(actual).as("outcome of " + op).isEqualTo(expected);
                }
                assertSame(mem, file, op);
            }
            file.close();
            file = FileStore.open(options, config, clock);
            assertSame(mem, file, new Restart());
        } finally {
            file.close();
            mem.close();
        }
    }

    private static Object outcome(Function<StreamStore, Object> f, StreamStore s) {
        try {
            return f.apply(s);
        } catch (StoreException e) {
            return e.error();
        }
    }

    private static Object apply(StreamStore s, Op op, long last, ManualClock clock, boolean moveClock) {
        return switch (op) {
            case Store st -> s.storeMsg(SUBJECTS.get(st.subject()), st.payloadLen() % 3 == 0 ? new byte[]{'h'} : null,
                payload(st.payloadLen()), st.ttl());
            case Remove r -> s.removeMsg(last - r.back());
            case Erase r -> s.eraseMsg(last - r.back());
            case Purge p -> s.purge();
            case PurgeEx p -> s.purgeEx(p.subject() < 0 ? "" : SUBJECTS.get(p.subject()),
                p.back() < 0 ? 0 : Math.max(0, last - p.back()), p.keep());
            case Compact c -> s.compact(Math.max(1, last - c.back() + 2));
            case Truncate t -> {
                s.truncate(Math.max(0, last - t.back()));
                yield "ok";
            }
            case Skip k -> {
                s.skipMsgs(0, k.count());
                yield "ok";
            }
            case Expire e -> {
                if (moveClock) {
                    clock.advanceSeconds(e.seconds());
                }
                yield s.expireMsgs();
            }
            case Restart r -> "restart";
        };
    }

    private static byte[] payload(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 31 + len);
        }
        return b;
    }

    private static void assertSame(MemStore mem, FileStore file, Op after) {
        StreamState m = mem.state();
        StreamState f = file.state();
        String ctx = "after " + after;
        assertThat(f.msgs()).as(ctx).isEqualTo(m.msgs());
        assertThat(f.firstSeq()).as(ctx).isEqualTo(m.firstSeq());
        assertThat(f.lastSeq()).as(ctx).isEqualTo(m.lastSeq());
        assertThat(f.firstTimeNanos()).as(ctx).isEqualTo(m.firstTimeNanos());
        assertThat(f.numDeleted()).as(ctx).isEqualTo(m.numDeleted());
        assertThat(file.deletedSeqs()).as(ctx).isEqualTo(mem.deletedSeqs());
        assertThat(f.numSubjects()).as(ctx).isEqualTo(m.numSubjects());
        assertThat(file.subjectsTotals(">")).as(ctx).isEqualTo(mem.subjectsTotals(">"));
        for (long seq = m.firstSeq(); seq <= m.lastSeq(); seq++) {
            final long s = seq;
            assertThat(outcome(x -> x.loadMsg(s), file)).as(ctx + " seq " + s).isEqualTo(outcome(x -> x.loadMsg(s), mem));
        }
        for (String subj : SUBJECTS) {
            assertThat(outcome(x -> x.loadLastMsg(subj), file)).as(ctx).isEqualTo(outcome(x -> x.loadLastMsg(subj), mem));
        }
        assertThat(outcome(x -> x.loadNextMsg("c.*", m.firstSeq() + 2), file)).as(ctx)
            .isEqualTo(outcome(x -> x.loadNextMsg("c.*", m.firstSeq() + 2), mem));
        List<SubjectFilter> cx = List.of(SubjectFilter.of("c.x"), SubjectFilter.of("a"));
        assertThat(outcome(x -> x.loadPrevMsg(cx, m.lastSeq() - 2), file)).as(ctx)
            .isEqualTo(outcome(x -> x.loadPrevMsg(cx, m.lastSeq() - 2), mem));
        assertThat(file.multiLastSeqs(List.of(SubjectFilter.of(">")), m.lastSeq() - 3, 0)).as(ctx)
            .isEqualTo(mem.multiLastSeqs(List.of(SubjectFilter.of(">")), m.lastSeq() - 3, 0));
    }
}
