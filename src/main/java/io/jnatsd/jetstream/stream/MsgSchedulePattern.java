package io.jnatsd.jetstream.stream;

import io.jnatsd.config.ConfDurations;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code parseMsgSchedule} in {@code server/scheduler.go} and {@code loadMessageScheduleLocation} in
 * {@code server/stream.go}: when a {@code Nats-Schedule} pattern next fires. The forms are {@code @at <RFC 3339>}
 * (once), {@code @every <Go duration>} (at least one second, repeating), the predefined {@code @yearly},
 * {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}, and
 * six-field cron patterns ({@link CronSpec}). A time zone ({@code Nats-Schedule-Time-Zone}) is only allowed with
 * cron forms. A repeating schedule that would have fired several times already (after a restart) fires once,
 * from now.
 *
 * <p>Every method takes the current time as an argument, so that tests choose the clock. Stateless, thread-safe.
 */
final class MsgSchedulePattern {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Map<String, String> PREDEFINED = Map.of(
        "@yearly", "0 0 0 1 1 *",
        "@annually", "0 0 0 1 1 *",
        "@monthly", "0 0 0 1 * *",
        "@weekly", "0 0 0 * * 0",
        "@daily", "0 0 0 * * *",
        "@midnight", "0 0 0 * * *",
        "@hourly", "0 0 * * * *");
    private static final Set<String> ZONE_IDS = ZoneId.getAvailableZoneIds();
    /** Go's RFC 3339 layout: seconds required, optional fraction, "Z" or a numeric offset. */
    private static final DateTimeFormatter RFC3339 = new DateTimeFormatterBuilder()
        .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
        .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
        .appendOffset("+HH:MM", "Z")
        .toFormatter();

    /**
     * When a schedule fires.
     *
     * @param at     the time, in the schedule's zone
     * @param repeat true for {@code @every} and cron forms
     */
    record Fire(ZonedDateTime at, boolean repeat) {
        /** @return {@link #at} in nanoseconds since the epoch */
        long atNanos() {
            Instant i = at.toInstant();
            return i.getEpochSecond() * NANOS_PER_SECOND + i.getNano();
        }
    }

    /** Thrown for a {@code Nats-Schedule-Time-Zone} that is present but empty or names no known zone. */
    static final class BadZoneException extends Exception {
        private static final long serialVersionUID = 1L;

        BadZoneException() {
            super(null, null, false, false);
        }
    }

    private MsgSchedulePattern() {
    }

    /**
     * @param tz the {@code Nats-Schedule-Time-Zone} value, null when absent
     * @return the zone, null when absent
     * @throws BadZoneException when present but empty or unknown
     */
    static ZoneId zone(String tz) throws BadZoneException {
        if (tz == null) {
            return null;
        }
        if ("UTC".equals(tz)) {
            return ZoneOffset.UTC;
        }
        if ("Local".equals(tz)) {
            return ZoneId.systemDefault();
        }
        if (tz.isEmpty() || !ZONE_IDS.contains(tz)) {
            throw new BadZoneException();
        }
        return ZoneId.of(tz);
    }

    /**
     * @param pattern  the {@code Nats-Schedule} value
     * @param zone     the schedule's zone, null for none
     * @param tsNanos  the time the schedule counts from (its store time, or its last fire time)
     * @param nowNanos the current time
     * @return when it fires, or null when the pattern is not valid
     */
    static Fire next(String pattern, ZoneId zone, long tsNanos, long nowNanos) {
        if (pattern.startsWith("@at ")) {
            if (zone != null) {
                return null;
            }
            try {
                return new Fire(ZonedDateTime.parse(pattern.substring(4), RFC3339), false);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (pattern.startsWith("@every ")) {
            return every(pattern.substring(7), zone, tsNanos, nowNanos);
        }
        String cron = PREDEFINED.getOrDefault(pattern, pattern);
        try {
            ZonedDateTime next = CronSpec.next(cron, zone, tsNanos);
            if (toNanos(next) < nowNanos) {
                next = CronSpec.next(cron, zone, roundToSecond(nowNanos));
            }
            return new Fire(next, true);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Fire every(String duration, ZoneId zone, long tsNanos, long nowNanos) {
        if (zone != null) {
            return null;
        }
        long durNanos;
        try {
            durNanos = ConfDurations.parseNanos(duration);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (durNanos < NANOS_PER_SECOND) {
            return null;
        }
        long next = roundToSecond(tsNanos) + durNanos;
        if (next < nowNanos) {
            next = roundToSecond(nowNanos) + durNanos;
        }
        return new Fire(ZonedDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(next, NANOS_PER_SECOND),
            Math.floorMod(next, NANOS_PER_SECOND)), ZoneOffset.UTC), true);
    }

    /** Go's {@code Round(time.Second)}: to the nearest second, halves up. */
    static long roundToSecond(long nanos) {
        return Math.floorDiv(nanos + NANOS_PER_SECOND / 2, NANOS_PER_SECOND) * NANOS_PER_SECOND;
    }

    private static long toNanos(ZonedDateTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * NANOS_PER_SECOND + i.getNano();
    }

    /**
     * Go's {@code Format(time.RFC3339Nano)}: fraction without trailing zeros, "Z" for a zero offset.
     *
     * @param t a time
     * @return its text
     */
    static String format(ZonedDateTime t) {
        return io.jnatsd.server.GoTimes.format(t);
    }

    /**
     * @param text an RFC 3339 time with optional fraction (the {@code Nats-Schedule-Next} value)
     * @return nanoseconds since the epoch, or -1 when it does not parse
     */
    static long parseNanos(String text) {
        try {
            return toNanos(ZonedDateTime.parse(text, RFC3339));
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
