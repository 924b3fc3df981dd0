package io.jnatsd.cluster.route;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mode selection table of the reference's {@code selectCompressionMode}. */
class RouteCompressionTest {

    @ParameterizedTest(name = "local {0}, remote ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
        "s2_fast   | ''              | not supported",
        "s2_fast   | not supported   | not supported",
        "s2_fast   | off             | off",
        "accept    | accept          | off",
        "s2_best   | accept          | s2_best",
        "accept    | s2_auto         | s2_fast",
        "accept    | s2_better       | s2_better",
        "s2_fast   | s2_best         | s2_fast",
        "s2_auto   | s2_fast         | s2_auto",
    })
    void shouldSelectTheReferenceMode_whenBothSidesAnnounceTheirs(String local, String remote, String want) {
        assertThat(RouteCompression.select(local, remote)).isEqualTo(want);
    }

    @Test
    void shouldRefuse_whenThePeerAnnouncesAnUnknownMode() {
        assertThatThrownBy(() -> RouteCompression.select("s2_fast", "zstd"))
                .hasMessage("unsupported route compression mode \"zstd\"");
    }

    @Test
    void shouldRunS2Fast_whenS2AutoIsSelected() {
        assertThat(RouteCompression.level("s2_auto")).isEqualTo("s2_fast");
        assertThat(RouteCompression.infoMode("s2_auto", "s2_fast")).isEqualTo("s2_auto");
        assertThat(RouteCompression.infoMode("accept", "s2_best")).isEqualTo("s2_best");
    }

    @Test
    void shouldNotNegotiate_whenOffOrNotSupported() {
        assertThat(RouteCompression.needsCompression("off")).isFalse();
        assertThat(RouteCompression.needsCompression("not supported")).isFalse();
        assertThat(RouteCompression.needsCompression("accept")).isTrue();
    }
}
