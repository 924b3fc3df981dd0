package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The {@code times} check of a user JWT ({@code validateTimes}): each range is a start and an
 * end {@code HH:MM:SS} in {@code times_location} (the server's zone when empty); a range whose
 * end is before its start runs over midnight. Stateless.
 */
public final class ConnectTimes {

    private ConnectTimes() {
    }

    /** Whether {@code limits} lets a client connect now; no ranges means any time. */
    public static boolean allowNow(JsonNode limits, Clock clock) {
        JsonNode times = limits.path("times");
        if (!times.isArray() || times.isEmpty()) {
            return true;
        }
        ZoneId zone;
        try {
            String location = limits.path("times_location").asText("");
            zone = location.isEmpty() ? clock.getZone() : ZoneId.of(location);
        } catch (DateTimeException e) {
            return false;
        }
        LocalTime now = LocalTime.now(clock.withZone(zone));
        for (JsonNode range : times) {
            try {
                LocalTime start = LocalTime.parse(range.path("start").asText());
                LocalTime end = LocalTime.parse(range.path("end").asText());
                boolean inside = start.isBefore(end) ? !now.isBefore(start) && now.isBefore(end)
                        : !now.isBefore(start) || now.isBefore(end);
                if (inside) {
                    return true;
                }
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }
}
