package io.jnatsd.jetstream.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AckSubjectTest {

    @Test
    void shouldRoundTripV1_whenFormattedAndParsed() {
        String s = AckSubject.format(AckSubject.v1Prefix("ORDERS", "dur"), 2, 17, 40, 1_700_000_000_123L, 5);
        assertThat(s).isEqualTo("$JS.ACK.ORDERS.dur.2.17.40.1700000000123.5");
        assertThat(AckSubject.parse(s)).isEqualTo(new AckSubject("ORDERS", "dur", 2, 17, 40, 1_700_000_000_123L, 5));
    }

    @Test
    void shouldParseV2_whenDomainAndAccountHashPresent() {
        String s = AckSubject.format(AckSubject.v2Prefix("hub", "ACC", "S", "C"), 1, 3, 4, 99, 0);
        assertThat(s).startsWith("$JS.ACK.hub." + AckSubject.accountHash("ACC") + ".S.C.");
        assertThat(AckSubject.parse(s)).isEqualTo(new AckSubject("S", "C", 1, 3, 4, 99, 0));
        assertThat(AckSubject.parse(s + ".extra.tokens")).isEqualTo(new AckSubject("S", "C", 1, 3, 4, 99, 0));
        assertThat(AckSubject.v2Prefix(null, "ACC", "S", "C")).startsWith("$JS.ACK._.");
    }

    @Test
    void shouldReturnNull_whenNotAnAckSubject() {
        assertThat(AckSubject.parse("$JS.ACK.S.C.1.2.3")).isNull();
        assertThat(AckSubject.parse("$JS.ACK.a.b.c.S.C.1.2.3")).isNull();
        assertThat(AckSubject.parse("foo.bar")).isNull();
        assertThat(AckSubject.parse("$JS.ACK.S.C.x.2.3.4.5").deliveryCount()).isEqualTo(-1);
    }

    @Test
    void shouldParseNumbersAfterKnownPrefix_whenV1SubjectOfThatConsumer() {
        String prefix = AckSubject.v1Prefix("ORDERS", "dur");
        String s = AckSubject.format(prefix, 2, 17, 40, 1_700_000_000_123L, 5);
        assertThat(AckSubject.parseV1(s, prefix, "ORDERS", "dur")).isEqualTo(AckSubject.parse(s));
        assertThat(AckSubject.parseV1(prefix + "1.2.x.4.5", prefix, "ORDERS", "dur").consumerSeq()).isEqualTo(-1);
        assertThat(AckSubject.parseV1(prefix + "1..3.4.5", prefix, "ORDERS", "dur").streamSeq()).isEqualTo(-1);
        assertThat(AckSubject.parseV1(prefix + "1.2.3.4", prefix, "ORDERS", "dur")).isNull();
        assertThat(AckSubject.parseV1(prefix + "1.2.3.4.5.6", prefix, "ORDERS", "dur")).isNull();
        assertThat(AckSubject.parseV1("$JS.ACK.OTHER.dur.1.2.3.4.5", prefix, "ORDERS", "dur")).isNull();
        assertThat(AckSubject.parseV1(null, prefix, "ORDERS", "dur")).isNull();
    }

    @Test
    void shouldHashAccountLikeReference_whenGlobalAccount() {
        // getHash("$G") of the reference: 8 base-62 characters of sha256
        assertThat(AckSubject.accountHash("$G")).isEqualTo("szMpdrwD");
        assertThat(AckSubject.accountHash("A")).isNotEqualTo(AckSubject.accountHash("B"));
    }
}
