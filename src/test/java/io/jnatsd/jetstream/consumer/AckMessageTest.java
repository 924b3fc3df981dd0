package io.jnatsd.jetstream.consumer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AckMessageTest {

    private static AckMessage parse(String s) {
        return AckMessage.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldBeAck_whenEmptyOrAckOrOk() {
        assertThat(AckMessage.parse(new byte[0]).kind()).isEqualTo(AckMessage.Kind.ACK);
        assertThat(parse("+ACK").kind()).isEqualTo(AckMessage.Kind.ACK);
        assertThat(parse("+OK").kind()).isEqualTo(AckMessage.Kind.ACK);
    }

    @Test
    void shouldReadNakDelay_whenJsonOrDuration() {
        assertThat(parse("-NAK")).isEqualTo(new AckMessage(AckMessage.Kind.NAK, -1, ""));
        assertThat(parse("-NAK {\"delay\": 2000000000}").delayNanos()).isEqualTo(2_000_000_000L);
        assertThat(parse("-NAK 150ms").delayNanos()).isEqualTo(150_000_000L);
        assertThat(parse("-NAK nonsense").delayNanos()).isEqualTo(-1);
    }

    @Test
    void shouldReadOtherKinds_whenProgressNextTerm() {
        assertThat(parse("+WPI").kind()).isEqualTo(AckMessage.Kind.PROGRESS);
        assertThat(parse("+NXT {\"batch\":5}")).isEqualTo(new AckMessage(AckMessage.Kind.NEXT, -1, " {\"batch\":5}"));
        assertThat(parse("+TERM  poison  ")).isEqualTo(new AckMessage(AckMessage.Kind.TERM, -1, "poison"));
        assertThat(parse("what").kind()).isEqualTo(AckMessage.Kind.UNKNOWN);
    }
}
