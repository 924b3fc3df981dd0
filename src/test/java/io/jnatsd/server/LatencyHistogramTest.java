package io.jnatsd.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LatencyHistogramTest {

    @Test
    void shouldCountInFirstBucketWhoseBoundHoldsIt_whenRecorded() {
        LatencyHistogram h = new LatencyHistogram();
        long[] bounds = h.boundsNanos();
        h.record(0);
        h.record(bounds[0]);
        h.record(bounds[0] + 1);
        h.record(bounds[bounds.length - 1] + 1);
        long[] counts = h.counts();
        assertThat(counts).hasSize(bounds.length + 1);
        assertThat(counts[0]).isEqualTo(2);
        assertThat(counts[1]).isEqualTo(1);
        assertThat(counts[counts.length - 1]).isEqualTo(1);
        assertThat(h.sumNanos()).isEqualTo(2 * bounds[0] + 1 + bounds[bounds.length - 1] + 1);
    }
}
