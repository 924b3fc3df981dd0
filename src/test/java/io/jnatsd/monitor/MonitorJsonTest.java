package io.jnatsd.monitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MonitorJsonTest {

    @Test
    void shouldTrimTrailingZeros_whenTimeWritten() {
        assertThat(MonitorJson.goTime(Instant.parse("2026-11-27T02:42:47.107779605Z")))
                .isEqualTo("2026-11-27T02:42:47.107779605Z");
        assertThat(MonitorJson.goTime(Instant.parse("2026-11-27T02:42:47.100Z"))).isEqualTo("2026-11-27T02:42:47.1Z");
        assertThat(MonitorJson.goTime(Instant.parse("2026-11-27T02:42:47Z"))).isEqualTo("2026-11-27T02:42:47Z");
    }

    @Test
    void shouldIndentLikeMarshalIndent_whenPretty() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("list", List.of("x", "y"));
        m.put("empty", List.of());
        m.put("obj", Map.of());
        m.put("whole", 2.0);
        m.put("frac", 0.8);
        String out = new String(MonitorJson.pretty(m), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("{\n  \"a\": 1,\n  \"list\": [\n    \"x\",\n    \"y\"\n  ],\n"
                + "  \"empty\": [],\n  \"obj\": {},\n  \"whole\": 2,\n  \"frac\": 0.8\n}");
    }
}
