package io.jnatsd;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TLS flags (--tls, --tlscert, --tlskey, --tlscacert, --tlsverify) and -ms, as overrideTLS reads them. */
@Timeout(20)
class ServerTlsFlagsTest {

    private static ServerOptions options(String... args) {
        ServerFlags flags = new ServerFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.toOptions();
    }

    @Test
    void shouldBuildTlsFromFlags_whenCertAndKeyAreGiven(@TempDir Path dir) throws Exception {
        TestCertificates authority = TestCertificates.newAuthority();
        Path[] files = TestCertificates.write(dir, "server", authority.issueServer());
        Path ca = authority.writeCa(dir);
        ServerOptions o = options("--tlsverify", "--tlscert", files[0].toString(), "--tlskey", files[1].toString(),
                "--tlscacert", ca.toString(), "-ms", "8443");
        assertThat(o.tls().certFile()).isEqualTo(files[0]);
        assertThat(o.tls().caFile()).isEqualTo(ca);
        assertThat(o.tls().verify()).isTrue();
        assertThat(o.httpsPort()).isEqualTo(8443);
    }

    @Test
    void shouldRefuseWithReferenceText_whenCertOrKeyIsMissing() {
        assertThatThrownBy(() -> options("--tls")).hasMessageContaining("TLS Server certificate must be present");
        assertThatThrownBy(() -> options("--tls", "--tlscert", "x.pem"))
                .hasMessageContaining("TLS Server private key must be present");
    }
}
