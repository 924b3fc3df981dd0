package io.jnatsd.jetstream.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PubAcksTest {

    @Test
    void shouldWriteTheSameBytesAsOk_whenAckBuiltFromTemplate() {
        for (String domain : new String[] {null, "", "hub"}) {
            PubAcks.OkTemplate t = PubAcks.OkTemplate.of("S\"1", domain);
            for (long seq : new long[] {0, 1, 9, 10, 99, 100, 123_456_789L, Long.MAX_VALUE}) {
                assertThat(new String(t.ok(seq), StandardCharsets.UTF_8))
                    .isEqualTo(new String(PubAcks.ok("S\"1", seq, domain, false), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void shouldTellItsStreamAndDomain_whenAskedIsFor() {
        PubAcks.OkTemplate t = PubAcks.OkTemplate.of("S", "d");
        assertThat(t.isFor("S", "d")).isTrue();
        assertThat(t.isFor("T", "d")).isFalse();
        assertThat(t.isFor("S", "")).isFalse();
    }
}
