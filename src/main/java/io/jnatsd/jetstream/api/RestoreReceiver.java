package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Subscription;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.errors.ApiException;
import io.jnatsd.jetstream.snapshot.StreamSnapshotReader;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.GoTime;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.jetstream.stream.StreamConfig;
import io.jnatsd.server.InternalConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Twin of {@code processStreamRestore} in {@code server/jetstream_api.go}: takes the chunks of a restore on
 * {@code $JS.SNAPSHOT.RESTORE.<stream>.<id>}, acks each with an empty message to its reply, and on the empty
 * message that ends the transfer creates the stream from the archive ({@link StreamSnapshotReader}) and answers
 * that message with a {@code stream_create_response}: the stream's info, or the error. A transfer with no chunk for
 * 5 s is stalled: its subscription and data go, and nothing is answered, as the reference does.
 *
 * <p>Design note: the chunks are written to a file in the account's {@code __snapshots__} directory and the archive
 * is read once the transfer ends, instead of the reference's pipe into a concurrent untar: the stream is created
 * in one step either way, and a publisher's thread never waits for the restore.
 *
 * <p>Threading: {@link #onChunk} runs on publishers' threads and {@link #run} on the restore's own (virtual) thread;
 * they share state under this object's monitor.
 */
final class RestoreReceiver implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreReceiver.class);
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final String RESTORE_CREATE = "$JS.EVENT.ADVISORY.STREAM.RESTORE_CREATE.";
    static final String RESTORE_COMPLETE = "$JS.EVENT.ADVISORY.STREAM.RESTORE_COMPLETE.";
    static final String RESTORE_CREATE_TYPE = "io.nats.jetstream.advisory.v1.restore_create";
    static final String RESTORE_COMPLETE_TYPE = "io.nats.jetstream.advisory.v1.restore_complete";
    private static final byte[] EMPTY = new byte[0];

    private enum Phase { RECEIVING, INPUT_DONE, FAILED, STALLED }

    private final SnapshotApi api;
    private final AccountStreams account;
    private final StreamConfig config;
    private final InternalConnection client;
    private final String deliverSubject;
    private final Path file;
    private final OutputStream out;
    private final long startNanos = GoTime.nowNanos();
    private Subscription sub;
    private Phase phase = Phase.RECEIVING;
    private long lastActivityNanos = System.nanoTime();
    private long totalBytes;
    private String finalReply;
    private String inputError;

    RestoreReceiver(SnapshotApi api, AccountStreams account, StreamConfig config) throws IOException {
        this.api = api;
        this.account = account;
        this.config = config;
        this.client = account.client();
        this.deliverSubject = "$JS.SNAPSHOT.RESTORE." + config.name() + "." + api.advisories().nextId();
        Path dir = Files.createDirectories(account.dir().resolve(SnapshotApi.SNAPSHOTS_DIR));
        this.file = Files.createTempFile(dir, "restore-", ".tar.s2");
        this.out = new BufferedOutputStream(Files.newOutputStream(file));
    }

    /**
     * Publishes the restore-create advisory and subscribes the deliver subject.
     *
     * @return the deliver subject the client sends its chunks to
     */
    String start() {
        ObjectNode created = api.advisories().event(RESTORE_CREATE_TYPE);
        created.put("stream", config.name());
        created.putObject("client").put("acc", account.account().name());
        api.advisories().publish(account, RESTORE_CREATE + config.name(), created);
        LOG.info("Starting restore for stream '{} > {}'", account.account().name(), config.name());
        synchronized (this) {
            sub = client.subscribe(deliverSubject, null, (s, subject, reply, hdr, payload) -> onChunk(reply, payload));
        }
        Thread.ofVirtual().name("jnatsd-js-restore-" + config.name()).start(this);
        return deliverSubject;
    }

    private synchronized void onChunk(String reply, byte[] payload) {
        if (phase != Phase.RECEIVING) {
            return;
        }
        if (reply == null || reply.isEmpty()) {
            fail(null, "restore for stream '" + account.account().name() + " > " + config.name()
                + "' requires reply subject for each chunk");
            return;
        }
        if (payload == null || payload.length == 0) {
            finalReply = reply;
            phase = Phase.INPUT_DONE;
            client.unsubscribe(sub);
            notifyAll();
            return;
        }
        lastActivityNanos = System.nanoTime();
        try {
            out.write(payload);
        } catch (IOException e) {
            fail(reply, e.getMessage());
            return;
        }
        totalBytes += payload.length;
        lastActivityNanos = System.nanoTime();
        client.publish(reply, null, null, EMPTY);
    }

    private void fail(String reply, String error) {
        finalReply = reply;
        inputError = error;
        phase = Phase.FAILED;
        client.unsubscribe(sub);
        notifyAll();
    }

    @Override
    public void run() {
        try {
            if (!awaitInput()) {
                LOG.warn("Restore for stream '{} > {}' is stalled", account.account().name(), config.name());
                return;
            }
            Stream restored = null;
            ApiException error = null;
            if (inputError != null) {
                LOG.warn(inputError);
                error = ApiError.STREAM_RESTORE.toException(inputError);
            } else {
                try {
                    restored = restoreFromFile();
                } catch (ApiException e) {
                    error = e;
                } catch (IOException | RuntimeException e) {
                    error = ApiError.STREAM_RESTORE.toException(String.valueOf(e.getMessage()));
                }
            }
            finish(restored, error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
            SnapshotSender.deleteQuietly(file);
        }
    }

    private synchronized boolean awaitInput() throws InterruptedException {
        while (phase == Phase.RECEIVING) {
            long left = lastActivityNanos + STALL_NANOS - System.nanoTime();
            if (left <= 0) {
                phase = Phase.STALLED;
                client.unsubscribe(sub);
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private Stream restoreFromFile() throws IOException {
        closeQuietly();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            StreamSnapshotReader reader = new StreamSnapshotReader(in);
            StreamSnapshotReader.Header header = reader.readHeader();
            if (!config.name().equals(header.config().name())) {
                throw new IOException("stream names do not match");
            }
            Stream s = account.restore(config, header.createdNanos(),
                store -> reader.fill(store, header, config, bytes -> account.checkRestoreBytes(config, bytes)));
            try {
                account.engine().consumerSnapshots().restore(s, reader.readConsumers());
            } catch (IOException | RuntimeException e) {
                account.delete(s.name());
                throw e;
            }
            return s;
        }
    }

    private void finish(Stream restored, ApiException error) {
        long end = GoTime.nowNanos();
        long total;
        String reply;
        synchronized (this) {
            total = totalBytes;
            reply = finalReply;
        }
        ObjectNode done = api.advisories().event(RESTORE_COMPLETE_TYPE);
        done.put("stream", config.name());
        done.put("start", GoTime.format(startNanos));
        done.put("end", GoTime.format(end));
        done.put("bytes", total);
        done.putObject("client").put("acc", account.account().name());
        api.advisories().publish(account, RESTORE_COMPLETE + config.name(), done);
        byte[] answer;
        if (error != null) {
            LOG.warn("Restore failed for {} bytes for stream '{} > {}': {}", total, account.account().name(),
                config.name(), error.description());
            answer = JsApiRouter.error(StreamApi.CREATE_TYPE, error);
        } else {
            LOG.info("Completed restore of {} bytes for stream '{} > {}'", total, account.account().name(),
                config.name());
            ObjectNode info = api.streamInfo(restored);
            info.remove(List.of("total", "offset", "limit"));
            answer = JsJson.bytes(JsApiRouter.withType(StreamApi.CREATE_TYPE, info));
        }
        if (reply != null && !reply.isEmpty()) {
            client.publish(reply, null, null, answer);
        }
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", file, e.toString());
        }
    }
}
