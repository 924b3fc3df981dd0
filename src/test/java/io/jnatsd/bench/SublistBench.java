package io.jnatsd.bench;

import io.jnatsd.subject.Sublist;
import io.jnatsd.subject.SublistResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Micro benchmarks of the Sublist hot paths, shaped after the reference's {@code Benchmark_Sublist*} set: a
 * trie of every 1..4-token subject over eight tokens (4,680 subscriptions) plus a handful of wildcards.
 *
 * <p>Run (briefly) with {@code java -cp <test classpath> org.openjdk.jmh.Main SublistBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SublistBench {

    private static final String[] TOKENS = {"synadia", "nats", "jetstream", "nkeys", "jwt", "deny", "auth", "drain"};

    private Sublist<Object> cached;
    private Sublist<Object> uncached;
    private final Object churnSub = new Object();

    @Setup
    public void setUp() {
        cached = new Sublist<>();
        uncached = Sublist.withoutCache();
        addAll("", 4);
        for (String wildcard : new String[] {"synadia.>", "*.nats.>", "synadia.*.jetstream", "*.*.*.drain",
            "nats.*", ">"}) {
            cached.insert(wildcard, null, new Object());
            uncached.insert(wildcard, null, new Object());
        }
        cached.insert("synadia.nats.jetstream.nkeys", "workers", new Object());
        uncached.insert("synadia.nats.jetstream.nkeys", "workers", new Object());
        cached.match("synadia.nats");
        cached.match("synadia.nats.jetstream.nkeys");
    }

    private void addAll(String prefix, int depth) {
        if (depth == 0) {
            return;
        }
        for (String token : TOKENS) {
            String subject = prefix.isEmpty() ? token : prefix + "." + token;
            cached.insert(subject, null, new Object());
            uncached.insert(subject, null, new Object());
            addAll(subject, depth - 1);
        }
    }

    /** A cache hit on a two-token literal (literal + wildcard subscribers). */
    @Benchmark
    public SublistResult<Object> matchLiteralCacheHit() {
        return cached.match("synadia.nats");
    }

    /** A cache hit on a four-token subject matched by several wildcards and a queue group. */
    @Benchmark
    public SublistResult<Object> matchWildcardsCacheHit() {
        return cached.match("synadia.nats.jetstream.nkeys");
    }

    /** The trie walk of a miss: the same four-token subject without a cache. */
    @Benchmark
    public SublistResult<Object> matchWildcardsNoCache() {
        return uncached.match("synadia.nats.jetstream.nkeys");
    }

    /** Insert then remove a wildcard subscription: trie update plus the cache patch/evict scan. */
    @Benchmark
    public boolean insertRemoveWildcardChurn() {
        cached.insert("synadia.*.jetstream.>", null, churnSub);
        return cached.remove("synadia.*.jetstream.>", null, churnSub);
    }

    /** Insert then remove a literal subscription: trie update plus one cache key. */
    @Benchmark
    public boolean insertRemoveLiteralChurn() {
        cached.insert("synadia.nats.jetstream.jwt", null, churnSub);
        return cached.remove("synadia.nats.jetstream.jwt", null, churnSub);
    }
}
