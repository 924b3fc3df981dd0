package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code cluster { compression: ... }} normalised as the reference's validateAndNormalizeCompressionOption. */
class ClusterCompressionOptionTest {

    private static String read(String conf) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        return b.build().cluster().compression();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "compression: off                  | off",
        "compression: false                | off",
        "compression: true                 | s2_fast",
        "compression: on                   | s2_fast",
        "compression: fast                 | s2_fast",
        "compression: S2_Better            | s2_better",
        "compression: best                 | s2_best",
        "compression: auto                 | s2_auto",
        "compression: accept               | accept",
        "'compression: {mode: s2_auto}'    | s2_auto",
        "'compression: {}'                 | accept",
        "compression: not_supported        | not supported",
    })
    void shouldNormaliseTheMode_whenWrittenAnyWayTheReferenceAccepts(String entry, String want) throws Exception {
        assertThat(read("cluster { port: 6222, " + entry + " }")).isEqualTo(want);
    }

    @Test
    void shouldRefuse_whenTheModeIsUnknown() {
        assertThatThrownBy(() -> read("cluster { port: 6222, compression: zstd }"))
                .hasMessageContaining("unsupported compression mode \"zstd\"");
    }
}
