package io.jnatsd.jetstream;

import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadException;
import io.jnatsd.testing.ConfReloads;
import io.jnatsd.testing.ConfTestServers;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code jetstream {}} block across a reload, as {@code diffOptions} in {@code server/reload.go}
 * sorts it: the limits may grow while streams keep taking messages; a smaller limit, another store
 * directory, a limit that appears, another domain or turning JetStream off are refused with the
 * reference's text and change nothing.
 */
@Timeout(60)
class JetStreamReloadIntegrationTest {

    private static final String CONF = "jetstream { store_dir: \"%s\", max_file_store: %s, domain: \"%s\" }\n";

    private final Path storeDir = JetStreamDirs.newStoreDir();
    private NatsServer server;
    private Connection nc;

    @BeforeEach
    void start() throws Exception {
        server = ConfTestServers.start(conf("1G", "hub"));
        nc = TestServers.connect(server);
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.>")
                .storageType(StorageType.File).build());
    }

    @AfterEach
    void stop() throws Exception {
        nc.close();
        server.shutdown();
        server.awaitShutdown(5, TimeUnit.SECONDS);
    }

    private String conf(String maxFile, String domain) {
        return CONF.formatted(storeDir.toString().replace("\\", "/"), maxFile, domain);
    }

    private String refusal(String conf) {
        ReloadException e = catchThrowableOfType(ReloadException.class, () -> ConfReloads.reload(server, conf));
        assertThat(e).isNotNull();
        return e.getMessage();
    }

    @Test
    void shouldTakeALargerFileStoreLimit_whileTheStreamKeepsTakingMessages() throws Exception {
        JetStream js = nc.jetStream();
        js.publish("orders.1", new byte[] {1});

        assertThat(ConfReloads.reload(server, conf("2G", "hub"))).containsExactly("jetStreamOptions");

        PublishAck ack = js.publish("orders.2", new byte[] {2});
        assertThat(ack.getSeqno()).isEqualTo(2);
        assertThat(server.options().jetStreamOptions().maxFileBytes()).isEqualTo(2_000_000_000L);
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void shouldRefuseWithTheReferenceText_whenALimitShrinksOrTheStoreOrDomainMoves() throws Exception {
        assertThat(refusal(conf("512M", "hub")))
                .isEqualTo("config reload not supported for decreasing jetstream max memory and store");
        assertThat(refusal(conf("1G", "leaf"))).isEqualTo("config reload not supported for JetStreamDomain: old=hub, "
                + "new=leaf");
        assertThat(refusal(conf("1G", "hub").replace("max_file_store: 1G,", "max_file_store: 1G, max_memory_store: 1G,")))
                .isEqualTo("config reload not supported for jetstream dynamic max memory and store");
        assertThat(refusal(conf("1G", "hub").replace(storeDir.toString().replace("\\", "/"),
                JetStreamDirs.newStoreDir().toString().replace("\\", "/"))))
                .isEqualTo("config reload not supported for jetstream storage directory");
        assertThat(refusal("jetstream: disabled\n")).isEqualTo("config reload not supported for JetStream: "
                + "old=true, new=false");

        assertThat(server.options().jetStreamOptions().maxFileBytes()).isEqualTo(1_000_000_000L);
        assertThat(nc.jetStream().publish("orders.1", new byte[] {1}).getSeqno()).isEqualTo(1);
    }
}
