package io.jnatsd;

import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadException;
import io.jnatsd.testing.QuietErrorListener;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The reference's own reload configurations ({@code server/configs/reload} of the corpus) through
 * {@link ConfigReloader}, the path SIGHUP takes: the file given with {@code -c} is replaced by the
 * next file of a reference reload test, and the server follows without a restart.
 */
@Timeout(30)
class ReloadCorpusTest {

    private static final Path RELOAD = Path.of("..", "shared", "reference", "configs", "server", "configs", "reload");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private NatsServer server;
    private ConfigReloader reloader;
    private Path conf;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }

    private void start(String corpusFile) throws Exception {
        conf = dir.resolve("server.conf");
        Files.copy(RELOAD.resolve(corpusFile), conf);
        ServerFlags flags = new ServerFlags();
        new CommandLine(flags).parseArgs("-c", conf.toString());
        server = new NatsServer(flags.toOptions()).start();
        reloader = new ConfigReloader(server, flags);
    }

    private void reloadWith(String corpusFile) throws Exception {
        Files.copy(RELOAD.resolve(corpusFile), conf, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        reloader.reload();
    }

    private Connection connect(Options.Builder options) throws IOException, InterruptedException {
        Connection nc = Nats.connect(options.server("nats://127.0.0.1:" + server.clientPort())
                .connectionTimeout(WAIT).noReconnect().errorListener(new QuietErrorListener()).build());
        toClose.add(nc);
        return nc;
    }

    private RawNatsSocket raw(String connectJson) throws IOException {
        RawNatsSocket raw = RawNatsSocket.open(server.clientPort());
        toClose.add(raw);
        return raw.handshake(connectJson);
    }

    @Test
    void shouldAnnounceTheNewMaxPayload_whenBasicIsReloadedAsMaxPayload() throws Exception {
        start("basic.conf");
        Connection before = connect(Options.builder());

        reloadWith("max_payload.conf");

        assertThat(connect(Options.builder()).getServerInfo().getMaxPayload()).isEqualTo(1);
        before.flush(WAIT);
        assertThat(before.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldCloseTheExtraClient_whenBasicIsReloadedAsMaxConnections() throws Exception {
        start("basic.conf");
        raw("{\"verbose\":false}");
        raw("{\"verbose\":false}");

        reloadWith("max_connections.conf");

        checkFor(() -> assertThat(server.numClients()).isEqualTo(1));
    }

    @Test
    void shouldCloseTheOldUser_whenSingleUserIsRotated() throws Exception {
        start("single_user_authentication_1.conf");
        RawNatsSocket tyler = raw("{\"verbose\":false,\"user\":\"tyler\",\"pass\":\"T0pS3cr3t\"}");

        reloadWith("single_user_authentication_2.conf");

        tyler.awaitClosedByServer(WAIT);
        assertThat(connect(Options.builder().userInfo("derek", "passw0rd")).getStatus())
                .isEqualTo(Connection.Status.CONNECTED);
        assertThatThrownBy(() -> connect(Options.builder().userInfo("tyler", "T0pS3cr3t")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void shouldRefuseTheOldToken_whenTheTokenIsRotated() throws Exception {
        start("token_authentication_1.conf");
        RawNatsSocket old = raw("{\"verbose\":false,\"auth_token\":\"T0pS3cr3t\"}");

        reloadWith("token_authentication_2.conf");

        assertThat(old.readLine()).isEqualTo("-ERR 'Authorization Violation'");
        old.awaitClosedByServer(WAIT);
    }

    @Test
    void shouldKeepBobAndRefuseAlice_whenAlicesPasswordChanges() throws Exception {
        start("multiple_users_1.conf");
        RawNatsSocket alice = raw("{\"verbose\":false,\"user\":\"alice\",\"pass\":\"foo\"}");
        RawNatsSocket bob = raw("{\"verbose\":false,\"user\":\"bob\",\"pass\":\"bar\"}");

        reloadWith("multiple_users_2.conf");

        assertThat(alice.readLine()).isEqualTo("-ERR 'Authorization Violation'");
        bob.send("PING\r\n");
        assertThat(bob.readLine()).isEqualTo("PONG");
    }

    @Test
    void shouldChangeNothing_whenTheNewFileIsInvalid() throws Exception {
        start("max_payload.conf");

        ReloadException e = catchThrowableOfType(ReloadException.class, () -> reloadWith("invalid.conf"));

        assertThat(e.getMessage()).contains("server.conf:");
        assertThat(server.options().maxPayload()).isEqualTo(1);
    }

    @Test
    void shouldRefuse_whenStartedWithoutAConfigFile() throws Exception {
        ServerFlags flags = new ServerFlags();
        new CommandLine(flags).parseArgs("-a", "127.0.0.1", "-p", "-1");
        server = new NatsServer(flags.toOptions()).start();

        assertThatThrownBy(() -> new ConfigReloader(server, flags).reload()).isInstanceOf(ReloadException.class)
                .hasMessage("can only reload config when a file is provided using -c or --config");
    }
}
