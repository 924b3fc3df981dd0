package io.jnatsd.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GoDurationsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1, 1ns",
        "1500, 1.5µs",
        "250000000, 250ms",
        "10000000000, 10s",
        "90000000000, 1m30s",
        "120000000000, 2m0s",
        "3723500000000, 1h2m3.5s",
        "-5000000000, -5s",
    })
    void shouldFormatAsGoDoes(long nanos, String expected) {
        assertThat(GoDurations.format(Duration.ofNanos(nanos))).isEqualTo(expected);
    }
}
