package io.jnatsd.jetstream.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The six-field cron patterns of {@code server/cron.go}. */
class CronSpecTest {

    private static long nanos(String rfc3339) {
        Instant i = Instant.parse(rfc3339);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static String next(String pattern, String after) {
        return CronSpec.next(pattern, null, nanos(after)).toInstant().toString();
    }

    @Test
    void shouldFireNextSecond_whenEveryFieldIsStar() {
        assertThat(next("* * * * * *", "2026-01-01T10:00:00.400Z")).isEqualTo("2026-01-01T10:00:01Z");
        assertThat(next("* * * * * *", "2026-01-01T10:00:00Z")).isEqualTo("2026-01-01T10:00:01Z");
    }

    @Test
    void shouldFindNextMatch_whenFieldsHaveRangesStepsAndNames() {
        assertThat(next("0 30 9 * * mon-fri", "2026-01-03T12:00:00Z")).isEqualTo("2026-01-05T09:30:00Z");
        assertThat(next("*/15 * * * * *", "2026-01-01T10:00:16Z")).isEqualTo("2026-01-01T10:00:30Z");
        assertThat(next("0 0 0 1 jan *", "2026-06-01T00:00:00Z")).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(next("5,10 0 0 * * *", "2026-01-01T00:00:05Z")).isEqualTo("2026-01-01T00:00:10Z");
        assertThat(next("0 0 12 ? * *", "2026-01-01T13:00:00Z")).isEqualTo("2026-01-02T12:00:00Z");
        assertThat(next("0 0 0 29 2 *", "2026-03-01T00:00:00Z")).isEqualTo("2028-02-29T00:00:00Z");
    }

    @Test
    void shouldMatchEitherDay_whenBothDayFieldsAreRestricted() {
        // 2026-01-02 is a Friday (5): day 15 or a Friday, whichever comes first.
        assertThat(next("0 0 0 15 * 5", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-02T00:00:00Z");
        // With a star in day-of-week, both must match: only the 15th.
        assertThat(next("0 0 0 15 * *", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-15T00:00:00Z");
    }

    @Test
    void shouldReadFieldsInZone_whenZoneGiven() {
        ZonedDateTime t = CronSpec.next("0 0 9 * * *", ZoneId.of("Europe/Amsterdam"), nanos("2026-07-01T08:00:00Z"));
        assertThat(t.toInstant().toString()).isEqualTo("2026-07-02T07:00:00Z");
        assertThat(t.getZone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "* * * * * * *", "60 * * * * *", "* * 24 * * *", "* * * 0 * *",
        "* * * * 13 *", "* * * * * 7", "5-1 * * * * *", "*/0 * * * * *", "1-2-3 * * * * *", "1/2/3 * * * * *",
        "x * * * * *", "-1 * * * * *", "* * * 31 2 *", ""})
    void shouldRefuse_whenPatternInvalidOrNeverFires(String pattern) {
        assertThatThrownBy(() -> CronSpec.next(pattern, null, nanos("2026-01-01T00:00:00Z")))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
