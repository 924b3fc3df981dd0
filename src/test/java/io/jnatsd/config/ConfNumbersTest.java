package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ConfNumbersTest {

    private static final ConfPosition AT = new ConfPosition("n.conf", 1, 1);

    @Test
    void shouldUseDecimalAndBinaryMultipliers_whenSuffixesDifferByBOrI() throws ConfException {
        assertThat(ConfNumbers.parseInteger("1k", AT)).isEqualTo(1_000L);
        assertThat(ConfNumbers.parseInteger("1KB", AT)).isEqualTo(1_024L);
        assertThat(ConfNumbers.parseInteger("1Ki", AT)).isEqualTo(1_024L);
        assertThat(ConfNumbers.parseInteger("1kib", AT)).isEqualTo(1_024L);
        assertThat(ConfNumbers.parseInteger("3T", AT)).isEqualTo(3_000_000_000_000L);
        assertThat(ConfNumbers.parseInteger("3TiB", AT)).isEqualTo(3L << 40);
        assertThat(ConfNumbers.parseInteger("1EB", AT)).isEqualTo(1L << 60);
        assertThat(ConfNumbers.parseInteger("-2m", AT)).isEqualTo(-2_000_000L);
    }

    @Test
    void shouldRefuse_whenOutOfRangeOrSuffixUnknown() {
        assertThatThrownBy(() -> ConfNumbers.parseInteger("9223372036854775808", AT))
                .isInstanceOf(ConfException.class).hasMessage("n.conf:1:1: integer is out of the 64-bit range"
                        + " (at '9223372036854775808')");
        assertThatThrownBy(() -> ConfNumbers.parseInteger("16E", AT)).hasMessageContaining("out of the 64-bit range");
        assertThatThrownBy(() -> ConfNumbers.parseInteger("1kbi", AT)).hasMessageContaining("unknown size suffix");
        assertThatThrownBy(() -> ConfNumbers.parseInteger("\u0661\u0662", AT)).hasMessageContaining("expected an integer");
    }

    @Test
    void shouldParseLongMinAndMax_whenAtTheEdges() throws ConfException {
        assertThat(ConfNumbers.parseInteger("9223372036854775807", AT)).isEqualTo(Long.MAX_VALUE);
        assertThat(ConfNumbers.parseInteger("-9223372036854775808", AT)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldParseFloatsAndDates_whenWellFormed() throws ConfException {
        assertThat(ConfNumbers.parseFloat("-0.25", AT)).isEqualTo(-0.25);
        assertThatThrownBy(() -> ConfNumbers.parseFloat("1" + "0".repeat(400) + ".0", AT))
                .hasMessageContaining("out of range");
        assertThat(ConfNumbers.parseDateTime("2024-02-29T23:59:59Z", AT)).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThatThrownBy(() -> ConfNumbers.parseDateTime("2023-02-29T00:00:00Z", AT)).hasMessageContaining("invalid");
        assertThatThrownBy(() -> ConfNumbers.parseDateTime("2023-01-01T24:00:00Z", AT)).hasMessageContaining("invalid");
    }
}
