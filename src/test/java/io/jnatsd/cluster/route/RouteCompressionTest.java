package io.jnatsd.cluster.route;

import io.jnatsd.config.ClusterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mode selection table of the reference's {@code selectCompressionMode}. */
class RouteCompressionTest {

    @ParameterizedTest(name = "local {0}, remote ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
        "s2_fast   | ''              | not supported",
        "s2_fast   | not supported   | not supported",
        "s2_fast   | off             | off",
        "accept    | accept          | off",
        "s2_best   | accept          | s2_best",
        "accept    | s2_auto         | s2_fast",
        "accept    | s2_better       | s2_better",
        "s2_fast   | s2_best         | s2_fast",
        "s2_auto   | s2_fast         | s2_auto",
    })
    void shouldSelectTheReferenceMode_whenBothSidesAnnounceTheirs(String local, String remote, String want) {
        assertThat(RouteCompression.select(local, remote)).isEqualTo(want);
    }

    @Test
    void shouldRefuse_whenThePeerAnnouncesAnUnknownMode() {
        assertThatThrownBy(() -> RouteCompression.select("s2_fast", "zstd"))
                .hasMessage("unsupported route compression mode \"zstd\"");
    }

    @Test
    void shouldPickTheLevelByRtt_whenS2AutoIsSelected() {
        List<Duration> defaults = ClusterOptions.RTT_THRESHOLDS_DEFAULT;
        assertThat(RouteCompression.level("s2_auto", ms(1), defaults)).isEqualTo("s2_uncompressed");
        assertThat(RouteCompression.level("s2_auto", ms(10), defaults)).isEqualTo("s2_uncompressed");
        assertThat(RouteCompression.level("s2_auto", ms(11), defaults)).isEqualTo("s2_fast");
        assertThat(RouteCompression.level("s2_auto", ms(75), defaults)).isEqualTo("s2_better");
        assertThat(RouteCompression.level("s2_auto", ms(500), defaults)).isEqualTo("s2_best");
        assertThat(RouteCompression.level("s2_fast", ms(500), defaults)).isEqualTo("s2_fast");
        assertThat(RouteCompression.infoMode("s2_auto", "s2_fast")).isEqualTo("s2_auto");
        assertThat(RouteCompression.infoMode("accept", "s2_best")).isEqualTo("s2_best");
    }

    @Test
    void shouldFollowTheReferenceTable_whenThresholdsSkipLevels() {
        // [0, 0, 20ms]: better up to 20 ms, then best (the reference's own example).
        List<Duration> skip = List.of(Duration.ZERO, Duration.ZERO, Duration.ofMillis(20));
        assertThat(RouteCompression.selectByRtt(ms(1), skip)).isEqualTo("s2_better");
        assertThat(RouteCompression.selectByRtt(ms(21), skip)).isEqualTo("s2_best");
        // Two thresholds: past the last one stays at its level.
        List<Duration> two = List.of(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(RouteCompression.selectByRtt(ms(50), two)).isEqualTo("s2_fast");
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void shouldNotNegotiate_whenOffOrNotSupported() {
        assertThat(RouteCompression.needsCompression("off")).isFalse();
        assertThat(RouteCompression.needsCompression("not supported")).isFalse();
        assertThat(RouteCompression.needsCompression("accept")).isTrue();
    }
}
