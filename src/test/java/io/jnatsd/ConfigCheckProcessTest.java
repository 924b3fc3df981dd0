package io.jnatsd;

import io.jnatsd.testing.JnatsdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -t} as the reference's main.go does it: the whole configuration is read and checked, then
 * the process exits 0 with {@code configuration file X is valid (sha256:...)} or 1 with the
 * error; nothing listens. jnatsd also runs the checks the reference leaves to server start.
 */
@Timeout(90)
class ConfigCheckProcessTest {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void shouldSayValidWithTheDigestAndExitZero_whenTheFileIsGood() throws Exception {
        Path conf = Files.writeString(dir.resolve("good.conf"),
                "port: 4999\nmax_payload: 2KB\nleafnodes { port: 7999 }\n");
        try (JnatsdProcess p = JnatsdProcess.run(dir, EXIT_TIMEOUT, "-t", "-c", conf.toString())) {
            assertThat(p.awaitExit(EXIT_TIMEOUT)).as(p.stderr()).isZero();
            assertThat(p.stderr()).containsPattern("nats-server: configuration file " + Pattern.quote(conf.toString())
                    + " is valid \\(sha256:[0-9a-f]{64}\\)")
                    .contains("\"leafnodes.port\" is parsed but not implemented by jnatsd yet");
        }
    }

    @Test
    void shouldNameTheConflictAndExitOne_whenOptionsDoNotFitTogether() throws Exception {
        Path conf = Files.writeString(dir.resolve("bad.conf"), "max_payload: 2MB\nmax_pending: 1MB\n");
        try (JnatsdProcess p = JnatsdProcess.run(dir, EXIT_TIMEOUT, "-t", "-c", conf.toString())) {
            assertThat(p.awaitExit(EXIT_TIMEOUT)).isEqualTo(1);
            assertThat(p.stderr()).contains("nats-server: max_payload (2097152) cannot be higher than max_pending (1048576)");
        }
    }

    @Test
    void shouldAskForAFile_whenNoConfigIsGiven() throws Exception {
        try (JnatsdProcess p = JnatsdProcess.run(dir, EXIT_TIMEOUT, "-t")) {
            assertThat(p.awaitExit(EXIT_TIMEOUT)).isEqualTo(1);
            assertThat(p.stderr())
                    .contains("nats-server: must specify [-c, --config] option to check configuration file syntax");
        }
    }
}
