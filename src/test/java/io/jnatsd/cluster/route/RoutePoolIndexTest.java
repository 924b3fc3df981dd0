package io.jnatsd.cluster.route;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The account to pool index hash of the reference's computeRoutePoolIdx. */
class RoutePoolIndexTest {

    @Test
    void shouldMatchThePublishedFnv1aVectors_whenHashing() {
        assertThat(RoutePoolIndex.fnv1a32(new byte[0])).isEqualTo(0x811c9dc5);
        assertThat(RoutePoolIndex.fnv1a32("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xe40c292c);
        assertThat(RoutePoolIndex.fnv1a32("foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xbf9cf968);
    }

    @ParameterizedTest(name = "{1} in a pool of {0} -> {2}")
    @CsvSource({
        "3, $G, 2",
        "5, $G, 3",
        "3, $SYS, 0",
        "3, ACC1, 2",
        "2, ACC1, 1",
        "1, ACC1, 0",
        "0, ACC1, 0",
    })
    void shouldPickTheSameIndexAsTheReference_whenGivenAnAccount(int poolSize, String account, int want) {
        assertThat(RoutePoolIndex.of(poolSize, account)).isEqualTo(want);
    }
}
