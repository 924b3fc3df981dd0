package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ConfDurationsTest {

    @Test
    void shouldFollowGoParseDuration_whenUnitsCombine() {
        assertThat(ConfDurations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ConfDurations.parse("2h45m")).isEqualTo(Duration.ofMinutes(165));
        assertThat(ConfDurations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfDurations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(ConfDurations.parse("-1.5s")).isEqualTo(Duration.ofMillis(-1500));
        assertThat(ConfDurations.parse("+3us")).isEqualTo(Duration.ofNanos(3_000));
        assertThat(ConfDurations.parse("3µs")).isEqualTo(Duration.ofNanos(3_000));
        assertThat(ConfDurations.parse("3μs")).isEqualTo(Duration.ofNanos(3_000));
        assertThat(ConfDurations.parse("7ns")).isEqualTo(Duration.ofNanos(7));
        assertThat(ConfDurations.parse(".5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfDurations.parse("1.s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(ConfDurations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(ConfDurations.parse("1h1m1s1ms1us1ns")).isEqualTo(Duration.ofNanos(3_661_001_001_001L));
    }

    @Test
    void shouldReachTheInt64Limits_whenAtTheEdges() {
        assertThat(ConfDurations.parseNanos("9223372036854775807ns")).isEqualTo(Long.MAX_VALUE);
        assertThat(ConfDurations.parseNanos("-9223372036854775808ns")).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> ConfDurations.parseNanos("9223372036854775808ns"))
                .hasMessage("time: invalid duration \"9223372036854775808ns\"");
        assertThatThrownBy(() -> ConfDurations.parseNanos("3000000h")).hasMessageContaining("invalid duration");
        // Fraction digits past 2^63 are dropped, as Go does (values recorded from time.ParseDuration).
        assertThat(ConfDurations.parseNanos(".92233720368547758081m")).isEqualTo(55_340_232_221L);
        assertThat(ConfDurations.parseNanos("5.922337203685477580892233720368547758072562047h"))
                .isEqualTo(21_320_413_933_267L);
    }

    @Test
    void shouldRefuseLikeGo_whenUnitsAreMissingOrUnknown() {
        assertThatThrownBy(() -> ConfDurations.parse("10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time: missing unit in duration \"10\"");
        assertThatThrownBy(() -> ConfDurations.parse("10d")).hasMessage("time: unknown unit \"d\" in duration \"10d\"");
        assertThatThrownBy(() -> ConfDurations.parse("")).hasMessage("time: invalid duration \"\"");
        assertThatThrownBy(() -> ConfDurations.parse("-")).hasMessage("time: invalid duration \"-\"");
        assertThatThrownBy(() -> ConfDurations.parse(".s")).hasMessage("time: invalid duration \".s\"");
        assertThatThrownBy(() -> ConfDurations.parse("1 s")).hasMessageContaining("unknown unit \" s\"");
    }

    @Test
    void shouldReadIntegersAsSeconds_whenTheLegacyFormIsUsed() throws ConfException {
        ConfValue root = new ConfParser(n -> null).parseString("a = 5\nb = \"2s\"\nc = 2s\ne = \"x\"");
        assertThat(ConfDurations.fromValue(root.asMap().get("a"), "a")).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfDurations.isLegacySeconds(root.asMap().get("a"))).isTrue();
        assertThat(ConfDurations.fromValue(root.asMap().get("b"), "b")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ConfDurations.fromValue(root.asMap().get("c"), "c")).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> ConfDurations.fromValue(root.asMap().get("e"), "e"))
                .isInstanceOf(ConfException.class).hasMessageStartingWith("<string>:4:1: error parsing e: time: invalid duration");
    }
}
