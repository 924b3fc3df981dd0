package io.jnatsd.jetstream.limits;

import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server-wide storage check on publish over the wire: once every stream of a kind together stores more than the
 * server's {@code max_file_store}/{@code max_memory_store}, publishes get 10023 "insufficient resources", as the
 * reference answers; the global account itself has no limits here.
 */
@Timeout(30)
class ServerJetStreamLimitsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private Path storeDir;
    private NatsServer server;
    private Connection nc;

    @AfterEach
    void closeAll() throws Exception {
        if (nc != null) {
            nc.close();
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown(5, TimeUnit.SECONDS);
        }
        if (storeDir != null) {
            JetStreamDirs.deleteTree(storeDir);
        }
    }

    private void start() throws Exception {
        storeDir = JetStreamDirs.newStoreDir();
        ServerOptions.Builder b = TestServers.baseOptions();
        new ServerOptionsReader().read(new ConfParser().parseString(
            "jetstream { max_file_store: 4KB, max_memory_store: 4KB }"), b);
        server = TestServers.start(b.jetStream(true).storeDir(storeDir).build());
        nc = Nats.connect(TestServers.clientOptions(server).build());
    }

    /** Publishes 1000-byte messages until one is refused; returns the count stored and the refusal. */
    private Outcome publishUntilRefused(String subject) throws Exception {
        byte[] body = new byte[1000];
        for (int stored = 0; stored < 20; stored++) {
            Message reply = nc.request(subject, body, WAIT);
            String json = new String(reply.getData(), StandardCharsets.UTF_8);
            if (json.contains("\"error\"")) {
                return new Outcome(stored, json);
            }
        }
        throw new AssertionError("twenty 1000-byte messages fitted in 4 KiB");
    }

    private record Outcome(int stored, String error) {
    }

    @Test
    void shouldRefusePublishWithInsufficientResources_whenFileStreamsFillTheServer() throws Exception {
        start();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("F1").subjects("f1").build());
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("F2").subjects("f2").build());
        nc.request("f1", new byte[1000], WAIT);
        nc.request("f1", new byte[1000], WAIT);

        Outcome o = publishUntilRefused("f2");

        assertThat(o.stored()).as("1031 bytes a record: the fifth of both streams finds 4124 > 4096").isEqualTo(2);
        assertThat(o.error()).contains("\"code\":503", "\"err_code\":10023",
            "\"description\":\"insufficient resources\"", "\"stream\":\"F2\"");
    }

    @Test
    void shouldRefuseMemoryPublishButNotFile_whenOnlyMemoryIsFull() throws Exception {
        start();
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("M").subjects("m")
            .storageType(StorageType.Memory).build());
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("F").subjects("f").build());

        Outcome o = publishUntilRefused("m");
        String fileAck = new String(nc.request("f", new byte[10], WAIT).getData(), StandardCharsets.UTF_8);

        assertThat(o.stored()).isPositive();
        assertThat(o.error()).contains("\"err_code\":10023");
        assertThat(fileAck).contains("\"stream\":\"F\"", "\"seq\":1").doesNotContain("error");
    }
}
