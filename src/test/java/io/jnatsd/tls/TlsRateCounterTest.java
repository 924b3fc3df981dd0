package io.jnatsd.tls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference's rate counter: {@code limit} connections per one-second window, the rest counted. */
class TlsRateCounterTest {

    private static final long SECOND_NANOS = 1_000_000_000L;

    @Test
    void shouldAllowLimitPerWindow_whenConnectionsBurst() {
        TlsRateCounter c = new TlsRateCounter(2);
        long t0 = 5 * SECOND_NANOS;
        assertThat(c.allow(t0)).isTrue();
        assertThat(c.allow(t0 + 1)).isTrue();
        assertThat(c.allow(t0 + 2)).isFalse();
        assertThat(c.allow(t0 + SECOND_NANOS)).isFalse();
        assertThat(c.takeBlocked()).isEqualTo(2);
        assertThat(c.takeBlocked()).isZero();
    }

    @Test
    void shouldOpenNewWindow_whenOneSecondPassed() {
        TlsRateCounter c = new TlsRateCounter(1);
        long t0 = -7 * SECOND_NANOS;
        assertThat(c.allow(t0)).isTrue();
        assertThat(c.allow(t0 + 10)).isFalse();
        assertThat(c.allow(t0 + SECOND_NANOS + 1)).isTrue();
        assertThat(c.allow(t0 + SECOND_NANOS + 2)).isFalse();
    }
}
