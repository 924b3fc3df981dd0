package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Subscription;
import io.jnatsd.jetstream.snapshot.StreamSnapshotWriter;
import io.jnatsd.jetstream.store.StreamState;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.ConsumerSnapshots;
import io.jnatsd.jetstream.stream.GoTime;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.jetstream.stream.StreamConfig;
import io.jnatsd.server.InternalConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Twin of the goroutine of {@code jsStreamSnapshotRequest} and of {@code streamSnapshot} in
 * {@code server/jetstream_api.go}: answers the snapshot request with the stream's config and state, writes the
 * archive, and sends it to the deliver subject in chunks under the reference's flow control.
 *
 * <p>The transfer, as the reference's: each full chunk carries the reply {@code $JS.SNAPSHOT.ACK.<stream>.<id>.
 * <chunk bytes>.<index>} that the receiver answers (empty body) to free its slot; at most {@code window_size /
 * chunk_size} chunks are unacked; a short last chunk has no reply; the transfer ends with an empty message whose
 * header is {@code NATS/1.0 204} (no header when only a short chunk was sent), or {@code 408 No Interest} when the
 * receiver unsubscribed, {@code 408 No Flow Response} when no ack came for 5 s, {@code 500 <error>} when the archive
 * could not be written.
 *
 * <p>Threading: {@link #run} runs on its own (virtual) thread; acks and interest changes arrive on publishers'
 * threads through {@link ChunkWindow}.
 */
final class SnapshotSender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSender.class);
    static final int CHUNK_BYTES_DEFAULT = 128 * 1024;
    static final int WINDOW_BYTES_DEFAULT = 8 * 1024 * 1024;
    static final int CHUNK_BYTES_MIN = 1024;
    static final int CHUNK_BYTES_MAX = 1024 * 1024;
    static final int WINDOW_BYTES_MAX = 32 * 1024 * 1024;
    static final long ACK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long INTEREST_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final String SNAPSHOT_CREATE = "$JS.EVENT.ADVISORY.STREAM.SNAPSHOT_CREATE.";
    static final String SNAPSHOT_COMPLETE = "$JS.EVENT.ADVISORY.STREAM.SNAPSHOT_COMPLETE.";
    static final String SNAPSHOT_CREATE_TYPE = "io.nats.jetstream.advisory.v1.snapshot_create";
    static final String SNAPSHOT_COMPLETE_TYPE = "io.nats.jetstream.advisory.v1.snapshot_complete";
    private static final byte[] EOF_HEADER = header("NATS/1.0 204");
    private static final byte[] NO_INTEREST_HEADER = header("NATS/1.0 408 No Interest");
    private static final byte[] NO_FLOW_HEADER = header("NATS/1.0 408 No Flow Response");
    private static final byte[] EMPTY = new byte[0];

    private final AccountStreams account;
    private final Stream stream;
    private final SnapshotApi.SnapshotRequest request;
    private final String apiReply;
    private final Advisories advisories;
    private final InternalConnection client;

    SnapshotSender(AccountStreams account, Stream stream, SnapshotApi.SnapshotRequest request, String apiReply,
                   Advisories advisories) {
        this.account = account;
        this.stream = stream;
        this.request = request;
        this.apiReply = apiReply;
        this.advisories = advisories;
        this.client = account.client();
    }

    @Override
    public void run() {
        long startNanos = GoTime.nowNanos();
        StreamConfig config = stream.config();
        StreamState state = stream.state();
        List<ConsumerSnapshots.Saved> consumers = request.noConsumers() ? List.of()
            : account.engine().consumerSnapshots().save(stream);
        ObjectNode response = JsJson.object();
        response.set("config", JsJson.tree(config));
        StreamInfoJson.putState(response.putObject("state"), state, null);
        response.with("state").put("consumer_count", state.consumers());
        reply(JsApiRouter.withType(SnapshotApi.SNAPSHOT_TYPE, response));
        ObjectNode created = advisories.event(SNAPSHOT_CREATE_TYPE);
        created.put("stream", stream.name());
        created.set("state", response.get("state"));
        created.putObject("client").put("acc", account.account().name());
        advisories.publish(account, SNAPSHOT_CREATE + stream.name(), created);
        String error = null;
        Path archive = null;
        try {
            archive = Files.createTempFile(snapshotsDir(), "snap-", ".tar.s2");
            try (var out = new BufferedOutputStream(Files.newOutputStream(archive))) {
                StreamSnapshotWriter.write(config, stream.createdNanos(), stream.store(), state, consumers, out);
            }
            error = transfer(archive);
        } catch (IOException | RuntimeException e) {
            error = String.valueOf(e.getMessage());
            client.publish(request.deliverSubject(), null, header("NATS/1.0 500 " + error), EMPTY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } finally {
            deleteQuietly(archive);
        }
        complete(startNanos, error);
    }

    private Path snapshotsDir() throws IOException {
        return Files.createDirectories(account.dir().resolve(SnapshotApi.SNAPSHOTS_DIR));
    }

    private String transfer(Path archive) throws IOException, InterruptedException {
        int chunkBytes = clamp(request.chunkSize() == 0 ? CHUNK_BYTES_DEFAULT : request.chunkSize(),
            CHUNK_BYTES_MIN, CHUNK_BYTES_MAX);
        int windowBytes = Math.max(chunkBytes, clamp(request.windowSize() == 0 ? WINDOW_BYTES_DEFAULT
            : request.windowSize(), CHUNK_BYTES_MIN, WINDOW_BYTES_MAX));
        ChunkWindow window = new ChunkWindow(windowBytes / chunkBytes);
        Runnable stopWatch = client.watchInterest(request.deliverSubject(), null, window::onInterest);
        String ackPrefix = "$JS.SNAPSHOT.ACK." + stream.name() + "." + advisories.nextId();
        Subscription ackSub = client.subscribe(ackPrefix + ".>", null, (s, subj, r, h, p) -> window.onAck());
        try (InputStream in = Files.newInputStream(archive)) {
            window.awaitInterest(INTEREST_WAIT_NANOS);
            return sendChunks(in, window, chunkBytes, ackPrefix);
        } finally {
            client.unsubscribe(ackSub);
            stopWatch.run();
        }
    }

    private String sendChunks(InputStream in, ChunkWindow window, int chunkBytes, String ackPrefix)
        throws IOException, InterruptedException {
        String deliver = request.deliverSubject();
        byte[] chunk = new byte[chunkBytes];
        byte[] endHeader = null;
        String error = null;
        long deadline = System.nanoTime() + ACK_TIMEOUT_NANOS;
        for (int index = 1; ; index++) {
            int got = window.acquire(deadline);
            if (got == ChunkWindow.NO_INTEREST) {
                error = "no interest";
                endHeader = NO_INTEREST_HEADER;
                break;
            }
            if (got == ChunkWindow.TIMEOUT) {
                error = "no flow response";
                endHeader = NO_FLOW_HEADER;
                break;
            }
            int n = in.readNBytes(chunk, 0, chunkBytes);
            if (n < chunkBytes) {
                if (n > 0) {
                    client.publish(deliver, null, null, Arrays.copyOf(chunk, n));
                }
                break;
            }
            client.publish(deliver, ackPrefix + "." + n + "." + index, null, chunk.clone());
            endHeader = endHeader == null ? EOF_HEADER : endHeader;
            deadline = System.nanoTime() + ACK_TIMEOUT_NANOS;
        }
        client.publish(deliver, null, endHeader, EMPTY);
        return error;
    }

    private void complete(long startNanos, String error) {
        ObjectNode done = advisories.event(SNAPSHOT_COMPLETE_TYPE);
        done.put("stream", stream.name());
        done.put("start", GoTime.format(startNanos));
        done.put("end", GoTime.format(GoTime.nowNanos()));
        done.putObject("client").put("acc", account.account().name());
        if (error != null) {
            done.put("error", error);
            LOG.warn("Snapshot for stream '{} > {}' failed: {}", account.account().name(), stream.name(), error);
        } else {
            LOG.info("Completed snapshot for stream '{} > {}'", account.account().name(), stream.name());
        }
        advisories.publish(account, SNAPSHOT_COMPLETE + stream.name(), done);
    }

    private void reply(ObjectNode body) {
        if (apiReply != null && !apiReply.isEmpty()) {
            client.publish(apiReply, null, null, JsJson.bytes(body));
        }
    }

    static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", p, e.toString());
        }
    }

    private static int clamp(int v, int min, int max) {
        return Math.min(Math.max(min, v), max);
    }

    private static byte[] header(String statusLine) {
        return (statusLine + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
