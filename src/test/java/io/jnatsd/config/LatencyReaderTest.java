package io.jnatsd.config;

import io.jnatsd.account.ExportConfig;
import io.jnatsd.account.ImportConfig;
import io.jnatsd.account.LatencyConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code latency}, {@code allow_trace} and {@code share} on exports and imports, as the reference reads them. */
class LatencyReaderTest {

    private static ServerOptions read(String conf) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        return b.build();
    }

    private static ExportConfig export(String entry) throws ConfException {
        return read("accounts { A { exports = [ " + entry + " ] } }\n").accounts().accounts().get(0).exports().get(0);
    }

    @Test
    void shouldReadSampling_inEveryForm() throws Exception {
        assertThat(export("{ service: a, latency: lat.a }").latency()).isEqualTo(new LatencyConfig(100, "lat.a"));
        assertThat(export("{ service: a, latency: { sampling: 50%, subject: l } }").latency())
                .isEqualTo(new LatencyConfig(50, "l"));
        assertThat(export("{ service: a, latency: { sampling: 7, subject: l } }").latency())
                .isEqualTo(new LatencyConfig(7, "l"));
        assertThat(export("{ service: a, latency: { sampling: headers, subject: l } }").latency())
                .isEqualTo(new LatencyConfig(LatencyConfig.SAMPLING_HEADERS, "l"));
        assertThat(export("{ service: a, latency: { subject: l } }").latency()).isEqualTo(new LatencyConfig(100, "l"));
        assertThat(export("{ service: a, allow_trace: true }").allowTrace()).isTrue();
        assertThat(export("{ service: a }").latency()).isNull();
    }

    @Test
    void shouldRefuseWhatTheReferenceRefuses() {
        assertThatThrownBy(() -> export("{ service: a, latency: { sampling: 0, subject: l } }"))
                .hasMessageContaining("bad sampling percentage, should be 1-100");
        assertThatThrownBy(() -> export("{ service: a, latency: { sampling: 101%, subject: l } }"))
                .hasMessageContaining("bad sampling percentage, should be 1-100");
        assertThatThrownBy(() -> export("{ service: a, latency: { sampling: 50 } }"))
                .hasMessageContaining("Latency subject required, but missing");
        assertThatThrownBy(() -> export("{ service: a, latency: { sampling: lots, subject: l } }"))
                .hasMessageContaining("Failed to parse latency sample");
        assertThatThrownBy(() -> export("{ stream: a, latency: l }"))
                .hasMessageContaining("Detected latency directive on non-service");
        assertThatThrownBy(() -> export("{ stream: a, allow_trace: true }"))
                .hasMessageContaining("Detected allow_trace directive on non-service");
        assertThatThrownBy(() -> read("no_system_account: true\naccounts { A { exports = [ { service: a, latency: l } ] } }\n"))
                .hasMessageContaining("Error adding service latency sampling for \"a\": system account not setup");
    }

    @Test
    void shouldReadShareAndAllowTrace_onImports() throws Exception {
        ImportConfig imp = read("""
                accounts {
                  A { exports = [ { service: a }, { stream: s } ] }
                  B { imports = [ { service: { account: A, subject: a }, share: true },
                                  { stream: { account: A, subject: s }, allow_trace: true } ] }
                }
                """).accounts().accounts().get(1).imports().get(0);
        assertThat(imp.share()).isTrue();
        assertThat(imp.allowTrace()).isFalse();
        ImportConfig stream = read("""
                accounts {
                  A { exports = [ { stream: s } ] }
                  B { imports = [ { stream: { account: A, subject: s }, allow_trace: true } ] }
                }
                """).accounts().accounts().get(1).imports().get(0);
        assertThat(stream.allowTrace()).isTrue();
    }

    @Test
    void shouldRefuseAllowTrace_onServiceImport() {
        assertThatThrownBy(() -> read("""
                accounts {
                  A { exports = [ { service: a } ] }
                  B { imports = [ { service: { account: A, subject: a }, allow_trace: true } ] }
                }
                """)).hasMessageContaining("Detected allow_trace directive on a non-stream");
    }
}
