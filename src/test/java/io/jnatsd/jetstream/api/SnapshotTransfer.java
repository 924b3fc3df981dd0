package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The client side of the snapshot and restore transfers, over raw requests, as {@code nats stream backup} and
 * {@code restore} (jsm.go {@code snapshots.go}) do them: ack each snapshot chunk that has a reply, send restore
 * chunks as requests, end a restore with an empty request.
 */
final class SnapshotTransfer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * @param response the snapshot request's answer
     * @param data     the archive
     * @param chunks   chunks received with data
     * @param endStatus status code of the last (empty) message, 0 when it had no header
     */
    record Snapshot(JsonNode response, byte[] data, int chunks, int endStatus) {
        /** @return the restore request body built from the answer, as the CLI's backup.json is */
        String restoreRequest() {
            ObjectNode req = MAPPER.createObjectNode();
            req.set("config", response.get("config"));
            req.set("state", response.get("state"));
            return req.toString();
        }
    }

    private SnapshotTransfer() {
    }

    /**
     * @param nc      a connection
     * @param stream  the stream
     * @param options extra request fields, e.g. {@code "chunk_size":1024}, or ""
     * @param ack     whether to ack chunks
     * @return what was received
     */
    static Snapshot snapshot(Connection nc, String stream, String options, boolean ack)
        throws IOException, InterruptedException {
        String inbox = nc.createInbox();
        Subscription sub = nc.subscribe(inbox);
        String body = "{\"deliver_subject\":\"" + inbox + "\"" + (options.isEmpty() ? "" : "," + options) + "}";
        JsonNode response = JsRequests.request(nc, "$JS.API.STREAM.SNAPSHOT." + stream, body);
        if (response.has("error")) {
            sub.unsubscribe();
            return new Snapshot(response, new byte[0], 0, -1);
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int chunks = 0;
        while (true) {
            Message m = sub.nextMessage(WAIT);
            if (m == null) {
                throw new AssertionError("snapshot stalled after " + chunks + " chunks");
            }
            byte[] d = m.getData() == null ? new byte[0] : m.getData();
            if (d.length == 0) {
                sub.unsubscribe();
                int status = m.getStatus() == null ? 0 : m.getStatus().getCode();
                return new Snapshot(response, data.toByteArray(), chunks, status);
            }
            data.write(d);
            chunks++;
            if (ack && m.getReplyTo() != null) {
                nc.publish(m.getReplyTo(), new byte[0]);
            }
        }
    }

    /**
     * @param nc          a connection
     * @param stream      the stream
     * @param request     the restore request body
     * @param data        the archive
     * @param chunkBytes  bytes per chunk
     * @return the final answer (a stream_create_response), or the restore request's error answer
     */
    static JsonNode restore(Connection nc, String stream, String request, byte[] data, int chunkBytes)
        throws IOException, InterruptedException {
        JsonNode start = JsRequests.request(nc, "$JS.API.STREAM.RESTORE." + stream, request);
        if (start.has("error")) {
            return start;
        }
        String deliver = start.get("deliver_subject").asText();
        for (int off = 0; off < data.length; off += chunkBytes) {
            byte[] chunk = Arrays.copyOfRange(data, off, Math.min(data.length, off + chunkBytes));
            Message ack = nc.request(deliver, chunk, WAIT);
            if (ack == null) {
                throw new AssertionError("no ack for the chunk at " + off);
            }
            if (ack.getData() != null && ack.getData().length > 0) {
                return MAPPER.readTree(ack.getData());
            }
        }
        Message done = nc.request(deliver, new byte[0], WAIT);
        if (done == null) {
            throw new AssertionError("no answer to the end of the restore");
        }
        return MAPPER.readTree(new String(done.getData(), StandardCharsets.UTF_8));
    }
}
