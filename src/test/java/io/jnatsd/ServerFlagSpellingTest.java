package io.jnatsd;

import io.jnatsd.config.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Go's flag package takes {@code -name} and {@code --name} alike, with the value after a blank or
 * an {@code =}; scripts written for nats-server use all of these. Flags win over the file.
 */
@Timeout(10)
class ServerFlagSpellingTest {

    private static ServerFlags parse(String... args) {
        ServerFlags flags = new ServerFlags();
        new CommandLine(flags).parseArgs(args);
        return flags;
    }

    private static ServerOptions options(String... args) {
        return parse(args).toOptions();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-p 4333", "--p 4333", "-port 4333", "--port 4333", "-p=4333", "--port=4333",
            "-port=4333"})
    void shouldReadThePort_inEverySpellingGoAccepts(String args) {
        assertThat(options(args.split(" ")).port()).isEqualTo(4333);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-sd=/tmp/js", "-sd /tmp/js", "--sd /tmp/js", "-store_dir /tmp/js", "--store_dir=/tmp/js"})
    void shouldReadTheStoreDir_inEverySpellingGoAccepts(String args) {
        assertThat(options(args.split(" ")).storeDir()).isEqualTo(Path.of("/tmp/js"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a", "--a", "-addr", "--addr", "-net", "--net"})
    void shouldReadTheHost_inEverySpelling(String flag) {
        assertThat(options(flag, "10.1.2.3").host()).isEqualTo("10.1.2.3");
    }

    @Test
    void shouldReadTheOtherFlags_inTheirLongSingleDashForms() {
        ServerOptions o = options("-name", "n1", "-http_port", "8333", "-client_advertise", "h:1", "-user", "u",
                "-pass", "p", "-js", "-debug", "-trace", "-pid", "/tmp/p.pid", "-log", "/tmp/l.log");
        assertThat(o.serverName()).isEqualTo("n1");
        assertThat(o.httpPort()).isEqualTo(8333);
        assertThat(o.clientAdvertise()).isEqualTo("h:1");
        assertThat(o.auth().user()).isEqualTo("u");
        assertThat(o.jetStream()).isTrue();
        assertThat(o.debug()).isTrue();
        assertThat(o.trace()).isTrue();
        assertThat(o.pidFile()).isEqualTo(Path.of("/tmp/p.pid"));
        assertThat(o.logFile()).isEqualTo(Path.of("/tmp/l.log"));
    }

    @Test
    void shouldSetDebugAndTrace_whenDvIsGiven() {
        ServerOptions o = options("-DV");
        assertThat(o.debug()).isTrue();
        assertThat(o.trace()).isTrue();
        assertThat(options("-D=false").debug()).isFalse();
    }

    @Test
    void shouldTakeSignalAndTestFlags_inEitherForm() {
        assertThat(parse("-sl", "reload=12").signal).isEqualTo("reload=12");
        assertThat(parse("--signal=stop").signal).isEqualTo("stop");
        assertThat(parse("-t", "-c", "x.conf").testConfig).isTrue();
        assertThat(parse("-help_tls").helpTls).isTrue();
    }

    @Test
    void shouldLetFlagsWinOverTheFile(@TempDir Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("a.conf"),
                "port: 4222\nserver_name: file\nmax_payload: 2KB\nping_interval: \"5s\"\n");
        ServerOptions o = options("-c", conf.toString(), "-port", "4444", "-n", "flag");
        assertThat(o.port()).isEqualTo(4444);
        assertThat(o.serverName()).isEqualTo("flag");
        assertThat(o.maxPayload()).isEqualTo(2048);
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--logtime_utc", "--log_size_limit=10MB", "--log_size_limit=1000", "--profile=6060",
            "--max_traced_msg_len=10", "-T=false", "-syslog", "-r=udp://h:514"})
    void shouldExitNamingTheFlag_whenItCannotBeHonouredYet(String flag) {
        String name = flag.replaceFirst("^-+", "").replaceFirst("=.*", "");
        if (flag.startsWith("--log_size_limit=10MB")) {
            assertThatThrownBy(() -> parse(flag)).isInstanceOf(CommandLine.ParameterException.class);
            return;
        }
        String shown = switch (name) {
            case "T" -> "--logtime=false";
            case "syslog", "r" -> "--syslog/--remote_syslog";
            default -> "--" + name;
        };
        assertThatThrownBy(() -> options(flag)).isInstanceOf(StartupException.class)
                .hasMessageContaining("not supported by this build of jnatsd yet").hasMessageContaining(shown);
    }

    @Test
    void shouldRefuseConflictingOptions_afterTheFlagsAreApplied(@TempDir Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("a.conf"), "max_pending: 1KB\n");
        assertThatThrownBy(() -> options("-c", conf.toString())).isInstanceOf(StartupException.class)
                .hasMessage("max_payload (1048576) cannot be higher than max_pending (1024)");
    }
}
