package io.jnatsd.jetstream.api;

import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.stream.StreamConfig;
import io.jnatsd.subject.Subjects;

/**
 * Twin of the request checks of {@code jsStreamSnapshotRequest} and {@code jsStreamRestoreRequest} in
 * {@code server/jetstream_api.go}. The checks answer as the reference does (bad request, stream not found,
 * invalid JSON, deliver subject, name mismatch, name in use); the transfer itself is not built yet and answers
 * with the reference's snapshot and restore failure errors.
 *
 * <p>Threading: stateless.
 */
public final class SnapshotApi {
    static final String SNAPSHOT_TYPE = "io.nats.jetstream.api.v1.stream_snapshot_response";
    static final String RESTORE_TYPE = "io.nats.jetstream.api.v1.stream_restore_response";

    /** SNAPSHOT body. */
    record SnapshotRequest(String deliverSubject, boolean noConsumers, int chunkSize, int windowSize,
                           boolean jsck) {
    }

    /** RESTORE body. */
    record RestoreRequest(StreamConfig config) {
    }

    /** @param router the router */
    public void registerOn(JsApiRouter router) {
        router.register("$JS.API.STREAM.SNAPSHOT.*", SNAPSHOT_TYPE, this::snapshot);
        router.register("$JS.API.STREAM.RESTORE.*", RESTORE_TYPE, this::restore);
    }

    Object snapshot(ApiRequest req) {
        if (req.isEmptyRequest()) {
            throw ApiError.BAD_REQUEST.toException();
        }
        req.account().get(req.token(4));
        SnapshotRequest body = req.body(SnapshotRequest.class);
        if (body.deliverSubject() == null || !Subjects.isValidPublishSubject(body.deliverSubject())) {
            throw ApiError.SNAPSHOT_DELIVER_SUBJECT_INVALID.toException();
        }
        throw ApiError.STREAM_SNAPSHOT.toException("snapshots are not supported by this server yet");
    }

    Object restore(ApiRequest req) {
        if (req.isEmptyRequest()) {
            throw ApiError.BAD_REQUEST.toException();
        }
        RestoreRequest body = req.body(RestoreRequest.class);
        String stream = req.token(4);
        String name = body.config() == null || body.config().name() == null ? "" : body.config().name();
        if (!name.isEmpty() && !stream.equals(name)) {
            throw ApiError.STREAM_MISMATCH.toException();
        }
        if (req.account().lookup(stream).isPresent()) {
            throw ApiError.STREAM_NAME_EXIST_RESTORE_FAILED.toException();
        }
        throw ApiError.STREAM_RESTORE.toException("restores are not supported by this server yet");
    }
}
