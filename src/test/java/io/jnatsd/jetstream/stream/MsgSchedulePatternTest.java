package io.jnatsd.jetstream.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code parseMsgSchedule} and the time zone header of the reference, on an explicit clock. */
class MsgSchedulePatternTest {

    private static long nanos(String rfc3339) {
        Instant i = Instant.parse(rfc3339);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static String fire(String pattern, ZoneId zone, String ts, String now) {
        MsgSchedulePattern.Fire f = MsgSchedulePattern.next(pattern, zone, nanos(ts), nanos(now));
        return f == null ? null : f.at().toInstant() + (f.repeat() ? " repeat" : " once");
    }

    @Test
    void shouldFireOnceAtTime_whenAtPattern() {
        assertThat(fire("@at 2026-05-01T10:00:00+02:00", null, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
            .isEqualTo("2026-05-01T08:00:00Z once");
        assertThat(fire("@at 2026-05-01T10:00:00.5Z", null, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
            .isEqualTo("2026-05-01T10:00:00.500Z once");
    }

    @Test
    void shouldRepeatFromRoundedTimestamp_whenEveryPattern() {
        assertThat(fire("@every 5s", null, "2026-01-01T00:00:00.600Z", "2026-01-01T00:00:00.600Z"))
            .isEqualTo("2026-01-01T00:00:06Z repeat");
        assertThat(fire("@every 1m30s", null, "2026-01-01T00:00:00.400Z", "2026-01-01T00:00:00.400Z"))
            .isEqualTo("2026-01-01T00:01:30Z repeat");
    }

    @Test
    void shouldSkipToNow_whenRepeatingScheduleFellBehind() {
        assertThat(fire("@every 10s", null, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00.2Z"))
            .isEqualTo("2026-01-01T01:00:10Z repeat");
        assertThat(fire("@hourly", null, "2026-01-01T00:00:00Z", "2026-01-03T05:10:00Z"))
            .isEqualTo("2026-01-03T06:00:00Z repeat");
    }

    @Test
    void shouldMapPredefinedForms_whenAtSignNamesGiven() {
        String ts = "2026-01-07T10:20:30Z";
        assertThat(fire("@yearly", null, ts, ts)).isEqualTo("2027-01-01T00:00:00Z repeat");
        assertThat(fire("@annually", null, ts, ts)).isEqualTo("2027-01-01T00:00:00Z repeat");
        assertThat(fire("@monthly", null, ts, ts)).isEqualTo("2026-02-01T00:00:00Z repeat");
        assertThat(fire("@weekly", null, ts, ts)).isEqualTo("2026-01-11T00:00:00Z repeat");
        assertThat(fire("@daily", null, ts, ts)).isEqualTo("2026-01-08T00:00:00Z repeat");
        assertThat(fire("@midnight", null, ts, ts)).isEqualTo("2026-01-08T00:00:00Z repeat");
        assertThat(fire("@hourly", null, ts, ts)).isEqualTo("2026-01-07T11:00:00Z repeat");
    }

    @Test
    void shouldReadCronInZone_whenTimeZoneGiven() throws Exception {
        ZoneId ny = MsgSchedulePattern.zone("America/New_York");
        assertThat(fire("@daily", ny, "2026-01-07T10:20:30Z", "2026-01-07T10:20:30Z"))
            .isEqualTo("2026-01-08T05:00:00Z repeat");
        assertThat(MsgSchedulePattern.zone(null)).isNull();
        assertThat(MsgSchedulePattern.zone("UTC")).isEqualTo(ZoneOffset.UTC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Mars/Olympus", "+01:00", "utc"})
    void shouldRefuseZone_whenEmptyOrUnknown(String tz) {
        assertThatThrownBy(() -> MsgSchedulePattern.zone(tz)).isInstanceOf(MsgSchedulePattern.BadZoneException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@every 500ms", "@every", "@every x", "@at 2026-01-01", "@at 2026-01-01T00:00Z",
        "@at", "bogus", "@secondly", "* * * * *"})
    void shouldRefuse_whenPatternInvalid(String pattern) {
        assertThat(fire(pattern, null, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")).isNull();
    }

    @Test
    void shouldRefuse_whenZoneGivenWithAtOrEvery() {
        ZoneId z = ZoneId.of("Europe/Paris");
        assertThat(fire("@every 1s", z, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")).isNull();
        assertThat(fire("@at 2026-05-01T10:00:00Z", z, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")).isNull();
    }

    @Test
    void shouldFormatLikeGo_whenNextTimePrinted() {
        assertThat(MsgSchedulePattern.format(ZonedDateTime.parse("2026-01-01T00:00:05Z")))
            .isEqualTo("2026-01-01T00:00:05Z");
        assertThat(MsgSchedulePattern.format(ZonedDateTime.parse("2026-01-01T00:00:05.120+01:00")))
            .isEqualTo("2026-01-01T00:00:05.12+01:00");
        assertThat(MsgSchedulePattern.parseNanos("2026-01-01T00:00:05.12+01:00"))
            .isEqualTo(nanos("2025-12-31T23:00:05.12Z"));
        assertThat(MsgSchedulePattern.parseNanos("yesterday")).isEqualTo(-1);
    }
}
