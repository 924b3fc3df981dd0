package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.subject.Sublist;

/**
 * Twin of {@code SublistStats} in {@code server/sublist.go} as monitoring writes it: the
 * fields /subsz shows, and /accountz under {@code sublist_stats}.
 */
record SublistStatz(
        @JsonProperty("num_subscriptions") long numSubscriptions,
        @JsonProperty("num_cache") long numCache,
        @JsonProperty("num_inserts") long numInserts,
        @JsonProperty("num_removes") long numRemoves,
        @JsonProperty("num_matches") long numMatches,
        @JsonProperty("cache_hit_rate") double cacheHitRate,
        @JsonProperty("max_fanout") long maxFanout,
        @JsonProperty("avg_fanout") double avgFanout) {

    static SublistStatz of(Sublist.Stats s) {
        return new SublistStatz(s.numSubs(), s.numCache(), s.numInserts(), s.numRemoves(), s.numMatches(),
                s.cacheHitRate(), s.maxFanout(), s.avgFanout());
    }
}
