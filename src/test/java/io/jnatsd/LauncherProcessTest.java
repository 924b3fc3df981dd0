package io.jnatsd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JnatsdProcess;
import io.jnatsd.testing.RawNatsSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher as a process, as tools that start {@code nats-server} see it: version flag,
 * random port with a ports file, pid file, the start-up log lines, signals and exit codes.
 */
@Timeout(60)
class LauncherProcessTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The reference's log line: {@code [pid] 2006/01/02 15:04:05.000000 [INF] message}. */
    private static final Pattern LOG_LINE =
            Pattern.compile("^\\[(\\d+)] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}(\\d{3}) \\[(INF|WRN|ERR|DBG|TRC|FTL)] (.*)$");

    @TempDir
    Path dir;

    private final List<JnatsdProcess> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (JnatsdProcess p : processes) {
            p.close();
        }
    }

    @Test
    void shouldPrintReferenceVersion_whenVersionFlagGiven() throws Exception {
        JnatsdProcess p = track(JnatsdProcess.run(dir, EXIT_TIMEOUT, "-v"));

        assertThat(p.awaitExit(EXIT_TIMEOUT)).isZero();
        assertThat(p.stdout()).startsWith("nats-server: v2.").matches("(?s)nats-server: v\\d+\\.\\d+\\.\\d+.*\\R");
    }

    @Test
    void shouldWriteFilesLogReadyLinesAndExitZero_whenStartedOnRandomPortThenTerminated() throws Exception {
        Path pidFile = dir.resolve("jnatsd.pid");
        JnatsdProcess p = track(JnatsdProcess.start(dir, "-a", "127.0.0.1", "-p", "-1",
                "--ports_file_dir", dir.toString(), "-P", pidFile.toString()));
        Path portsFile = dir.resolve("nats-server_" + p.pid() + ".ports");

        awaitReady(p);

        checkFor(START_TIMEOUT, Duration.ofMillis(20), () -> assertThat(portsFile).isNotEmptyFile());
        JsonNode ports = JSON.readTree(Files.readString(portsFile));
        assertThat(ports.fieldNames()).toIterable().containsExactly("nats");
        assertThat(ports.get("nats").isArray()).isTrue();
        URI url = URI.create(ports.get("nats").get(0).asText());
        assertThat(url.getScheme()).isEqualTo("nats");
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(p.pid()));
        assertThat(logMessages(p)).contains("Listening for client connections on 127.0.0.1:" + url.getPort());
        try (RawNatsSocket raw = RawNatsSocket.open(url.getPort())) {
            assertThat(JSON.readTree(raw.readInfoJson()).get("port").asInt()).isEqualTo(url.getPort());
        }

        p.process().destroy();

        assertThat(p.awaitExit(EXIT_TIMEOUT)).as("exit code after SIGTERM; stderr:%n%s", p.stderr()).isZero();
        assertThat(logMessages(p)).contains("Trapped \"terminated\" signal", "Server Exiting..");
        assertThat(portsFile).doesNotExist();
    }

    @Test
    void shouldEnterLameDuckAndExit_whenSignalLdmIsSent() throws Exception {
        JnatsdProcess server = track(JnatsdProcess.start(dir, "-a", "127.0.0.1", "-p", "-1"));
        awaitReady(server);

        JnatsdProcess signal = track(JnatsdProcess.run(dir, EXIT_TIMEOUT, "--signal", "ldm=" + server.pid()));

        assertThat(signal.awaitExit(EXIT_TIMEOUT)).as("signal sender; stderr:%n%s", signal.stderr()).isZero();
        checkFor(START_TIMEOUT, Duration.ofMillis(20),
                () -> assertThat(logMessages(server)).contains("Entering lame duck mode, stop accepting new clients"));
        // Without clients there is nothing to spread over the lame duck duration: the server stops.
        assertThat(server.awaitExit(EXIT_TIMEOUT)).isZero();
    }

    @Test
    void shouldExitOneNamingTheFlag_whenFlagIsNotSupported() throws Exception {
        JnatsdProcess p = track(JnatsdProcess.run(dir, EXIT_TIMEOUT, "-p", "-1", "--syslog"));

        assertThat(p.awaitExit(EXIT_TIMEOUT)).isEqualTo(1);
        assertThat(p.stderr()).contains("--syslog");
    }

    @Test
    void shouldExitOne_whenFlagIsUnknown() throws Exception {
        JnatsdProcess p = track(JnatsdProcess.run(dir, EXIT_TIMEOUT, "--no-such-flag"));

        assertThat(p.awaitExit(EXIT_TIMEOUT)).isEqualTo(1);
        assertThat(p.stderr()).contains("--no-such-flag");
    }

    private JnatsdProcess track(JnatsdProcess p) {
        processes.add(p);
        return p;
    }

    /**
     * Waits for "Server is ready" and checks that every log line so far has the reference's
     * format and pid, with real microseconds (not milliseconds padded with zeros).
     */
    private static void awaitReady(JnatsdProcess p) {
        checkFor(START_TIMEOUT, Duration.ofMillis(20), () -> assertThat(logMessages(p)).contains("Server is ready"));
        List<String> micros = new ArrayList<>();
        for (String line : p.stderr().lines().toList()) {
            Matcher m = LOG_LINE.matcher(line);
            assertThat(m.matches()).as("log line in the reference's format: %s", line).isTrue();
            assertThat(m.group(1)).isEqualTo(Long.toString(p.pid()));
            micros.add(m.group(2));
        }
        assertThat(micros).as("microsecond digits of the start-up lines").anyMatch(digits -> !digits.equals("000"));
    }

    /** The message part of each log line on stderr. */
    private static List<String> logMessages(JnatsdProcess p) {
        List<String> messages = new ArrayList<>();
        for (String line : p.stderr().lines().toList()) {
            Matcher m = LOG_LINE.matcher(line);
            if (m.matches()) {
                messages.add(m.group(4));
            }
        }
        return messages;
    }
}
