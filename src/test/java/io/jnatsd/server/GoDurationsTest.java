package io.jnatsd.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GoDurationsTest {

    private static final long S = 1_000_000_000L;

    @Test
    void shouldFormatLikeMyUptime_whenUptimeAsked() {
        assertThat(GoDurations.uptime(0)).isEqualTo("0s");
        assertThat(GoDurations.uptime(62 * S + 999_999_999)).isEqualTo("1m2s");
        assertThat(GoDurations.uptime(3600 * S)).isEqualTo("1h0m0s");
        assertThat(GoDurations.uptime((86_400 + 61) * S)).isEqualTo("1d0h1m1s");
        assertThat(GoDurations.uptime((366L * 86_400 + 1) * S)).isEqualTo("1y1d0h0m1s");
    }

    @Test
    void shouldFormatLikeGoDurationString_whenRttAsked() {
        assertThat(GoDurations.string(0)).isEqualTo("0s");
        assertThat(GoDurations.string(999)).isEqualTo("999ns");
        assertThat(GoDurations.string(1_500)).isEqualTo("1.5µs");
        assertThat(GoDurations.string(1_176_911)).isEqualTo("1.176911ms");
        assertThat(GoDurations.string(2_000_000)).isEqualTo("2ms");
        assertThat(GoDurations.string(S)).isEqualTo("1s");
        assertThat(GoDurations.string(90 * S + 500_000_000)).isEqualTo("1m30.5s");
        assertThat(GoDurations.string(3600 * S)).isEqualTo("1h0m0s");
    }
}
