package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.StreamConfig;
import io.jnatsd.subject.Subjects;

import java.io.IOException;

/**
 * Twin of {@code jsStreamSnapshotRequest} and {@code jsStreamRestoreRequest} in {@code server/jetstream_api.go}:
 * the request checks, in the reference's order and with its errors, then the transfer: {@link SnapshotSender} sends
 * a snapshot, {@link RestoreReceiver} takes one. The archive is jnatsd's own ({@code io.jnatsd.jetstream.snapshot});
 * a snapshot of the reference's store is refused when its data arrives.
 *
 * <p>Threading: thread-safe; handlers run on API worker threads, each transfer on its own virtual thread.
 */
public final class SnapshotApi {
    static final String SNAPSHOT_TYPE = "io.nats.jetstream.api.v1.stream_snapshot_response";
    static final String RESTORE_TYPE = "io.nats.jetstream.api.v1.stream_restore_response";
    /** Where snapshot archives wait while they are sent or received, under the account's store directory. */
    static final String SNAPSHOTS_DIR = "__snapshots__";

    private final String serverName;
    private final String domain;
    private final Advisories advisories;

    /**
     * SNAPSHOT body.
     *
     * @param deliverSubject where the chunks go
     * @param noConsumers    leave the consumers out
     * @param chunkSize      bytes per chunk, 0 for the default
     * @param windowSize     bytes in flight, 0 for the default
     * @param jsck           check messages first (the archive is read through the store, which checks them)
     */
    record SnapshotRequest(String deliverSubject, boolean noConsumers, int chunkSize, int windowSize,
                           boolean jsck) {
    }

    /**
     * RESTORE body.
     *
     * @param config the stream's config
     * @param state  the state the snapshot was taken at (not used, as in the reference)
     */
    record RestoreRequest(StreamConfig config, JsonNode state) {
    }

    /**
     * @param serverName the server name (stream info)
     * @param domain     the JetStream domain, "" for none
     * @param advisories where advisories go
     */
    public SnapshotApi(String serverName, String domain, Advisories advisories) {
        this.serverName = serverName;
        this.domain = domain;
        this.advisories = advisories;
    }

    /** @param router the router */
    public void registerOn(JsApiRouter router) {
        router.register("$JS.API.STREAM.SNAPSHOT.*", SNAPSHOT_TYPE, this::snapshot);
        router.register("$JS.API.STREAM.RESTORE.*", RESTORE_TYPE, this::restore);
    }

    Advisories advisories() {
        return advisories;
    }

    ObjectNode streamInfo(Stream s) {
        return StreamInfoJson.info(s, serverName, domain, StreamInfoJson.Detail.NONE);
    }

    Object snapshot(ApiRequest req) {
        if (req.isEmptyRequest()) {
            throw ApiError.BAD_REQUEST.toException();
        }
        Stream stream = req.account().get(req.token(4));
        SnapshotRequest body = req.body(SnapshotRequest.class);
        if (body.deliverSubject() == null || !Subjects.isValidPublishSubject(body.deliverSubject())) {
            throw ApiError.SNAPSHOT_DELIVER_SUBJECT_INVALID.toException();
        }
        SnapshotSender sender = new SnapshotSender(req.account(), stream, body, req.reply(), advisories);
        Thread.ofVirtual().name("jnatsd-js-snapshot-" + stream.name()).start(sender);
        return JsApiRouter.NO_REPLY;
    }

    Object restore(ApiRequest req) {
        if (req.isEmptyRequest()) {
            throw ApiError.BAD_REQUEST.toException();
        }
        RestoreRequest body = req.body(RestoreRequest.class);
        String stream = req.token(4);
        StreamConfig requested = body.config() == null ? JsJson.MAPPER.convertValue(JsJson.object(), StreamConfig.class)
            : body.config();
        String name = requested.name() == null ? "" : requested.name();
        if (name.isEmpty()) {
            requested = requested.toBuilder().name(stream).build();
        } else if (!stream.equals(name)) {
            throw ApiError.STREAM_MISMATCH.toException();
        }
        if (stream.contains("/") || stream.contains("\\")) {
            throw ApiError.STREAM_NAME_CONTAINS_PATH_SEPARATORS.toException();
        }
        StreamConfig cfg = req.account().checkRestore(requested);
        if (req.account().lookup(stream).isPresent()) {
            throw ApiError.STREAM_NAME_EXIST_RESTORE_FAILED.toException();
        }
        String deliver;
        try {
            deliver = new RestoreReceiver(this, req.account(), cfg).start();
        } catch (IOException e) {
            throw ApiError.RESTORE_SUBSCRIBE_FAILED.toException(e.getMessage(), "$JS.SNAPSHOT.RESTORE." + stream);
        }
        ObjectNode out = JsJson.object();
        out.put("deliver_subject", deliver);
        return out;
    }
}
