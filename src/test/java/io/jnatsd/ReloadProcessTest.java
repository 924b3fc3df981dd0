package io.jnatsd;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JnatsdProcess;
import io.jnatsd.testing.QuietErrorListener;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
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

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reload of a real jnatsd process by signal, as operators do it: the config file is edited, then
 * SIGHUP arrives ({@code kill -HUP} or {@code --signal reload=<pid file>}); the new limit applies
 * to a connection that stays up. A broken file or a refused change is logged and changes nothing.
 */
@Timeout(90)
class ReloadProcessTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void shouldApplyNewMaxPayloadAndKeepTheConnection_whenReloadedBySignal() throws Exception {
        Path conf = dir.resolve("server.conf");
        Path pidFile = dir.resolve("server.pid");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\nserver_name: one\n");
        JnatsdProcess server = start("-c", conf.toString(), "--ports_file_dir", dir.toString(), "-P", pidFile.toString());
        int port = awaitPort(server);
        Connection nc = connect(port);
        Subscription sub = nc.subscribe("live");
        nc.flush(WAIT);
        RawNatsSocket raw = RawNatsSocket.open(port);
        toClose.add(raw);
        raw.handshake("{\"verbose\":false,\"protocol\":1}");

        Files.writeString(conf, "host: 127.0.0.1\nport: -1\nserver_name: one\nmax_payload: 1024\ndebug: true\n");
        sendSignal("reload=" + pidFile);

        checkFor(WAIT, Duration.ofMillis(20), () -> assertThat(server.stderr())
                .contains("Reloaded: max_payload = 1024", "Reloaded: debug = true", "Reloaded server configuration"));
        nc.publish("live", new byte[10]);
        assertThat(sub.nextMessage(WAIT)).isNotNull();
        assertThat(connect(port).getServerInfo().getMaxPayload()).isEqualTo(1024);
        raw.send("PUB big 1025\r\n");
        assertThat(raw.readLine()).isEqualTo("-ERR 'Maximum Payload Violation'");
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldKeepTheRunningConfig_whenTheFileIsBrokenOrChangesANonReloadableOption() throws Exception {
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\nserver_name: one\n");
        JnatsdProcess server = start("-c", conf.toString(), "--ports_file_dir", dir.toString());
        int port = awaitPort(server);
        Connection nc = connect(port);

        Files.writeString(conf, "host: 127.0.0.1\nport: -1\nmax_payload: {\n");
        kill("HUP", server.pid());
        checkFor(WAIT, Duration.ofMillis(20), () -> assertThat(server.stderr())
                .contains("[ERR] Failed to reload server configuration: ").contains("server.conf:"));

        Files.writeString(conf, "host: 127.0.0.1\nport: -1\nserver_name: two\nmax_payload: 1024\n");
        kill("HUP", server.pid());
        checkFor(WAIT, Duration.ofMillis(20), () -> assertThat(server.stderr()).contains(
                "[ERR] Failed to reload server configuration: config reload not supported for ServerName: "
                        + "old=one, new=two"));

        assertThat(server.stderr()).doesNotContain("Reloaded: max_payload");
        assertThat(connect(port).getServerInfo().getMaxPayload()).isEqualTo(1024 * 1024);
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(server.process().isAlive()).isTrue();
    }

    @Test
    void shouldReopenTheLogFile_whenSignalReopenIsSent() throws Exception {
        Path log = dir.resolve("server.log");
        JnatsdProcess server = start("-a", "127.0.0.1", "-p", "-1", "-l", log.toString(),
                "--ports_file_dir", dir.toString());
        awaitPort(server);
        checkFor(START_TIMEOUT, Duration.ofMillis(20), () -> assertThat(log).content().contains("Server is ready"));
        Path rotated = Files.move(log, dir.resolve("server.log.1"));

        sendSignal("reopen=" + server.pid());

        checkFor(WAIT, Duration.ofMillis(20), () -> assertThat(log).exists().content().contains("File log re-opened"));
        assertThat(rotated).content().doesNotContain("File log re-opened");
    }

    private JnatsdProcess start(String... args) throws Exception {
        JnatsdProcess p = JnatsdProcess.start(dir, args);
        toClose.add(p);
        return p;
    }

    private int awaitPort(JnatsdProcess p) throws Exception {
        Path portsFile = dir.resolve("nats-server_" + p.pid() + ".ports");
        checkFor(START_TIMEOUT, Duration.ofMillis(20), () -> assertThat(portsFile).isNotEmptyFile());
        String url = JSON.readTree(Files.readString(portsFile)).get("nats").get(0).asText();
        return URI.create(url).getPort();
    }

    private Connection connect(int port) throws Exception {
        Connection nc = Nats.connect(Options.builder().server("nats://127.0.0.1:" + port)
                .connectionTimeout(WAIT).noReconnect().errorListener(new QuietErrorListener()).build());
        toClose.add(nc);
        return nc;
    }

    private void sendSignal(String spec) throws Exception {
        JnatsdProcess sender = JnatsdProcess.run(dir, EXIT_TIMEOUT, "--signal", spec);
        toClose.add(sender);
        assertThat(sender.awaitExit(EXIT_TIMEOUT)).as("--signal %s; stderr: %s", spec, sender.stderr()).isZero();
    }

    private static void kill(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
