package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.compress.S2FrameWriter;
import io.jnatsd.config.JetStreamOptions;
import io.jnatsd.jetstream.snapshot.TarWriter;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.CheckFor;
import io.jnatsd.testing.JetStreamDirs;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream snapshot and restore over the wire, with the transfer protocol of the reference (chunks acked through
 * their reply subjects, a window, an empty message at the end; restore chunks as requests).
 */
@Timeout(60)
class SnapshotApiIntegrationTest {
    private static final String SNAP_OPTIONS = "\"chunk_size\":1024,\"window_size\":4096";
    private final List<NatsServer> servers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Connection c : connections) {
            c.close();
        }
        for (NatsServer s : servers) {
            s.shutdown();
            s.awaitShutdown(5, TimeUnit.SECONDS);
        }
    }

    private Connection start(Path storeDir, JetStreamOptions js) throws Exception {
        NatsServer s = TestServers.start(o -> o.jetStream(true).storeDir(storeDir).jetStreamOptions(js));
        servers.add(s);
        Connection nc = TestServers.connect(s);
        connections.add(nc);
        return nc;
    }

    private Connection start(Path storeDir) throws Exception {
        return start(storeDir, JetStreamOptions.DEFAULTS);
    }

    /** 30 messages of 1000 random bytes on two subjects, some with headers; 4, 10 and 30 deleted; consumer D. */
    private static void fill(Connection nc, StorageType storage) throws Exception {
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("S").subjects("s.>").storageType(storage).build());
        JetStream js = nc.jetStream();
        Random random = new Random(42);
        for (int i = 1; i <= 30; i++) {
            byte[] data = new byte[1000];
            random.nextBytes(data);
            NatsMessage.Builder m = NatsMessage.builder().subject(i % 2 == 0 ? "s.a" : "s.b").data(data);
            if (i % 3 == 0) {
                m.headers(new Headers().add("k", "v" + i));
            }
            js.publish(m.build());
        }
        jsm.deleteMessage("S", 4);
        jsm.deleteMessage("S", 10, false);
        jsm.deleteMessage("S", 30);
        jsm.addOrUpdateConsumer("S", ConsumerConfiguration.builder().durable("D").ackPolicy(AckPolicy.Explicit)
            .ackWait(Duration.ofSeconds(60)).build());
        JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("S", "D"));
        List<Message> got = sub.fetch(6, Duration.ofSeconds(2));
        assertThat(got).hasSize(6);
        for (int i = 0; i < 3; i++) {
            got.get(i).ackSync(Duration.ofSeconds(5));
        }
        sub.unsubscribe();
    }

    /** What must come back identical: stream info (config, created, state with deleted), messages, consumer. */
    private static List<String> describe(Connection nc) throws Exception {
        List<String> out = new ArrayList<>();
        JsonNode info = JsRequests.request(nc, "$JS.API.STREAM.INFO.S", "{\"deleted_details\":true}");
        out.add("config " + info.get("config"));
        out.add("created " + info.get("created"));
        out.add("state " + info.get("state"));
        for (int seq = 1; seq <= 31; seq++) {
            JsonNode m = JsRequests.request(nc, "$JS.API.STREAM.MSG.GET.S", "{\"seq\":" + seq + "}");
            JsonNode msg = m.path("message");
            out.add(seq + " " + (m.has("error") ? m.get("error") : msg.path("subject").asText() + " "
                + msg.path("time").asText() + " " + msg.path("hdrs").asText() + " " + msg.path("data").asText().hashCode()));
        }
        JsonNode c = JsRequests.request(nc, "$JS.API.CONSUMER.INFO.S.D", "");
        for (String f : new String[]{"config", "created", "num_ack_pending", "num_redelivered", "num_pending"}) {
            out.add("consumer " + f + " " + c.get(f));
        }
        for (String f : new String[]{"delivered", "ack_floor"}) {
            out.add("consumer " + f + " " + c.path(f).path("consumer_seq") + "/" + c.path(f).path("stream_seq"));
        }
        return out;
    }

    private static boolean snapshotFilesGone(Path storeDir) throws Exception {
        try (var paths = Files.walk(storeDir)) {
            return paths.noneMatch(p -> p.getParent() != null
                && p.getParent().getFileName().toString().equals("__snapshots__"));
        }
    }

    @Test
    void shouldRestoreIdenticalStream_whenFileSnapshotIsRestoredOnAFreshServer() throws Exception {
        Connection a = start(JetStreamDirs.newStoreDir());
        fill(a, StorageType.File);
        List<String> before = describe(a);
        List<String> advisoriesA = new ArrayList<>();
        Subscription advA = a.subscribe("$JS.EVENT.ADVISORY.STREAM.>");
        a.flush(Duration.ofSeconds(2));
        SnapshotTransfer.Snapshot snap = SnapshotTransfer.snapshot(a, "S", SNAP_OPTIONS, true);
        assertThat(snap.response().path("type").asText()).isEqualTo(SnapshotApi.SNAPSHOT_TYPE);
        assertThat(snap.response().path("state").path("messages").asLong()).isEqualTo(27);
        assertThat(snap.chunks()).isGreaterThan(4);
        assertThat(snap.endStatus()).isEqualTo(204);

        Connection b = start(JetStreamDirs.newStoreDir());
        Subscription advB = b.subscribe("$JS.EVENT.ADVISORY.STREAM.>");
        b.flush(Duration.ofSeconds(2));
        JsonNode done = SnapshotTransfer.restore(b, "S", snap.restoreRequest(), snap.data(), 4096);
        assertThat(done.path("type").asText()).isEqualTo(StreamApi.CREATE_TYPE);
        assertThat(done.has("error")).as(done.toString()).isFalse();
        assertThat(describe(b)).containsExactlyElementsOf(before);

        CheckFor.checkFor(() -> {
            Message m = advA.nextMessage(Duration.ofMillis(100));
            if (m != null) {
                advisoriesA.add(new String(m.getData(), StandardCharsets.UTF_8));
            }
            assertThat(String.join("\n", advisoriesA)).contains("io.nats.jetstream.advisory.v1.snapshot_create")
                .contains("io.nats.jetstream.advisory.v1.snapshot_complete");
        });
        List<String> advisoriesB = new ArrayList<>();
        CheckFor.checkFor(() -> {
            Message m = advB.nextMessage(Duration.ofMillis(100));
            if (m != null) {
                advisoriesB.add(m.getSubject() + " " + new String(m.getData(), StandardCharsets.UTF_8));
            }
            assertThat(String.join("\n", advisoriesB))
                .contains("$JS.EVENT.ADVISORY.STREAM.RESTORE_CREATE.S")
                .contains("$JS.EVENT.ADVISORY.STREAM.RESTORE_COMPLETE.S")
                .contains("io.nats.jetstream.advisory.v1.restore_complete");
        });
    }

    @Test
    void shouldRestoreIdenticalStream_whenRestoredOnTheSameServerAfterDelete() throws Exception {
        Path dir = JetStreamDirs.newStoreDir();
        Connection a = start(dir);
        fill(a, StorageType.File);
        List<String> before = describe(a);
        SnapshotTransfer.Snapshot snap = SnapshotTransfer.snapshot(a, "S", "", true);
        a.jetStreamManagement().deleteStream("S");
        JsonNode done = SnapshotTransfer.restore(a, "S", snap.restoreRequest(), snap.data(), 64 * 1024);
        assertThat(done.has("error")).as(done.toString()).isFalse();
        assertThat(describe(a)).containsExactlyElementsOf(before);
        CheckFor.checkFor(() -> assertThat(snapshotFilesGone(dir)).isTrue());
    }

    @Test
    void shouldRestoreIdenticalStream_whenMemoryStreamIsRestored() throws Exception {
        Connection a = start(JetStreamDirs.newStoreDir());
        fill(a, StorageType.Memory);
        List<String> before = describe(a);
        SnapshotTransfer.Snapshot snap = SnapshotTransfer.snapshot(a, "S", SNAP_OPTIONS, true);
        Connection b = start(JetStreamDirs.newStoreDir());
        JsonNode done = SnapshotTransfer.restore(b, "S", snap.restoreRequest(), snap.data(), 4096);
        assertThat(done.has("error")).as(done.toString()).isFalse();
        assertThat(describe(b)).containsExactlyElementsOf(before);
    }

    @Test
    void shouldLeaveConsumersOut_whenNoConsumersIsAsked() throws Exception {
        Connection a = start(JetStreamDirs.newStoreDir());
        fill(a, StorageType.File);
        SnapshotTransfer.Snapshot snap = SnapshotTransfer.snapshot(a, "S", "\"no_consumers\":true", true);
        Connection b = start(JetStreamDirs.newStoreDir());
        JsonNode done = SnapshotTransfer.restore(b, "S", snap.restoreRequest(), snap.data(), 4096);
        assertThat(done.path("state").path("consumer_count").asInt()).isZero();
        assertThat(JsRequests.errCode(JsRequests.request(b, "$JS.API.CONSUMER.INFO.S.D", ""))).isEqualTo(10014);
    }

    @Test
    void shouldRefuseRestore_whenTheStreamExists() throws Exception {
        Connection a = start(JetStreamDirs.newStoreDir());
        fill(a, StorageType.File);
        SnapshotTransfer.Snapshot snap = SnapshotTransfer.snapshot(a, "S", "", true);
        JsonNode answer = SnapshotTransfer.restore(a, "S", snap.restoreRequest(), snap.data(), 4096);
        assertThat(answer.path("type").asText()).isEqualTo(SnapshotApi.RESTORE_TYPE);
        assertThat(JsRequests.errCode(answer)).isEqualTo(10130);
    }

    @Test
    void shouldFailRestoreAndCleanUp_whenChunksAreNotASnapshot() throws Exception {
        Path dir = JetStreamDirs.newStoreDir();
        Connection a = start(dir);
        byte[] junk = new byte[10_000];
        new Random(7).nextBytes(junk);
        JsonNode answer = SnapshotTransfer.restore(a, "S", "{\"config\":{\"name\":\"S\",\"subjects\":[\"s.>\"]}}",
            junk, 4096);
        assertThat(answer.path("type").asText()).isEqualTo(StreamApi.CREATE_TYPE);
        assertThat(JsRequests.errCode(answer)).isEqualTo(10062);
        assertThat(answer.path("error").path("description").asText())
            .startsWith("restore failed: not a jnatsd stream snapshot");
        assertThat(JsRequests.errCode(JsRequests.request(a, "$JS.API.STREAM.INFO.S", ""))).isEqualTo(10059);
        CheckFor.checkFor(() -> assertThat(snapshotFilesGone(dir)).isTrue());
    }

    @Test
    void shouldRefuseRestore_whenTheArchiveIsAReferenceStoreSnapshot() throws Exception {
        Connection a = start(JetStreamDirs.newStoreDir());
        ByteArrayOutputStream goLike = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(S2FrameWriter.s2(goLike))) {
            tar.add("meta.inf", "{\"name\":\"S\"}".getBytes(StandardCharsets.UTF_8));
            tar.add("msgs/1.blk", new byte[100]);
        }
        JsonNode answer = SnapshotTransfer.restore(a, "S", "{\"config\":{\"name\":\"S\"}}", goLike.toByteArray(),
            4096);
        assertThat(JsRequests.errCode(answer)).isEqualTo(10062);
        assertThat(answer.path("error").path("description").asText())
            .contains("not a jnatsd stream snapshot").contains("'meta.inf'");
    }

    @Test
    void shouldDropTheRestore_whenTheTransferStalls() throws Exception {
        Path dir = JetStreamDirs.newStoreDir();
        Connection a = start(dir);
        JsonNode start = JsRequests.request(a, "$JS.API.STREAM.RESTORE.S", "{\"config\":{\"name\":\"S\"}}");
        String deliver = start.path("deliver_subject").asText();
        assertThat(deliver).startsWith("$JS.SNAPSHOT.RESTORE.S.");
        assertThat(a.request(deliver, new byte[100], Duration.ofSeconds(5))).isNotNull();
        assertThat(snapshotFilesGone(dir)).isFalse();
        CheckFor.checkFor(Duration.ofSeconds(15), Duration.ofMillis(100),
            () -> assertThat(snapshotFilesGone(dir)).isTrue());
        assertThat(JsRequests.errCode(JsRequests.request(a, "$JS.API.STREAM.INFO.S", ""))).isEqualTo(10059);
        Message late;
        try {
            late = a.request(deliver, new byte[1], Duration.ofMillis(500));
        } catch (RuntimeException e) {
            late = null;
        }
        assertThat(late == null || late.isStatusMessage()).as("nobody answers the dropped transfer").isTrue();
    }

    @Test
    void shouldEndTheSnapshotWith408_whenChunksAreNotAcked() throws Exception {
        Connection a = start(JetStreamDirs.newStoreDir());
        fill(a, StorageType.File);
        SnapshotTransfer.Snapshot snap = SnapshotTransfer.snapshot(a, "S", "\"chunk_size\":1024,"
            + "\"window_size\":2048", false);
        assertThat(snap.chunks()).isEqualTo(2);
        assertThat(snap.endStatus()).isEqualTo(408);
    }

    @Test
    void shouldFailRestore_whenTheDataExceedsTheStorageLimit() throws Exception {
        Connection a = start(JetStreamDirs.newStoreDir());
        fill(a, StorageType.File);
        SnapshotTransfer.Snapshot snap = SnapshotTransfer.snapshot(a, "S", "", true);
        JetStreamOptions small = new JetStreamOptions(-1, 10_000, "", null, "", false, 0, 0, 0, 0, 0, 0, null);
        Connection b = start(JetStreamDirs.newStoreDir(), small);
        JsonNode answer = SnapshotTransfer.restore(b, "S", snap.restoreRequest(), snap.data(), 64 * 1024);
        assertThat(JsRequests.errCode(answer)).as(answer.toString()).isEqualTo(10047);
        assertThat(JsRequests.errCode(JsRequests.request(b, "$JS.API.STREAM.INFO.S", ""))).isEqualTo(10059);
    }
}
