package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.stream.GoTime;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.Stream;

import java.util.Base64;
import java.util.List;

/**
 * Twin of {@code jsMsgGetRequest} and {@code jsMsgDeleteRequest} in {@code server/jetstream_api.go}: get one
 * message by sequence, last by subject or next by subject, and delete one message (erase or not).
 *
 * <p>Threading: stateless; handlers run on API workers.
 */
public final class MsgApi {
    static final String GET_TYPE = "io.nats.jetstream.api.v1.stream_msg_get_response";
    static final String DELETE_TYPE = "io.nats.jetstream.api.v1.stream_msg_delete_response";

    /**
     * The body of MSG.GET and DIRECT.GET ({@code JSApiMsgGetRequest}).
     *
     * @param seq        by sequence
     * @param lastBySubj last by subject
     * @param nextBySubj next by subject from seq
     * @param batch      batch size (direct get only)
     * @param maxBytes   byte bound of a batch
     * @param startTime  start time (RFC 3339)
     * @param multiLast  last of each of these subjects
     * @param upToSeq    with multi-last: up to this sequence
     * @param upToTime   with multi-last: up to this time
     * @param noHdr      leave the headers out
     */
    record GetRequest(long seq, String lastBySubj, String nextBySubj, int batch, int maxBytes, String startTime,
                      List<String> multiLast, long upToSeq, String upToTime, boolean noHdr) {
        boolean has(String s) {
            return s != null && !s.isEmpty();
        }
    }

    /** MSG.DELETE body. */
    record DeleteRequest(long seq, boolean noErase) {
    }

    /** @param router the router */
    public void registerOn(JsApiRouter router) {
        router.register("$JS.API.STREAM.MSG.GET.*", GET_TYPE, this::get);
        router.register("$JS.API.STREAM.MSG.DELETE.*", DELETE_TYPE, this::delete);
    }

    Object get(ApiRequest req) {
        if (req.isEmptyRequest()) {
            throw ApiError.BAD_REQUEST.toException();
        }
        GetRequest g = req.body(GetRequest.class);
        if (g.batch() > 0 || g.maxBytes() > 0) {
            throw ApiError.BAD_REQUEST.toException();
        }
        boolean start = g.has(g.startTime());
        if ((g.seq() > 0 && g.has(g.lastBySubj()))
            || (g.seq() == 0 && !g.has(g.lastBySubj()) && !g.has(g.nextBySubj()) && !start)
            || (g.seq() > 0 && start) || (start && g.has(g.lastBySubj()))
            || (g.has(g.lastBySubj()) && g.has(g.nextBySubj()))) {
            throw ApiError.BAD_REQUEST.toException();
        }
        Stream s = req.account().get(req.token(5));
        StreamStore store = s.store();
        long seq = start ? store.seqFromTime(GoTime.parse(g.startTime())) : g.seq();
        StoredMsg m;
        try {
            if (seq > 0 && !g.has(g.nextBySubj())) {
                m = store.loadMsg(seq);
            } else if (g.has(g.nextBySubj())) {
                m = store.loadNextMsg(g.nextBySubj(), seq);
            } else {
                m = store.loadLastMsg(g.lastBySubj());
            }
        } catch (StoreException e) {
            throw ApiError.NO_MESSAGE_FOUND.toException();
        }
        ObjectNode out = JsJson.object();
        ObjectNode msg = out.putObject("message");
        msg.put("subject", m.subject());
        msg.put("seq", m.seq());
        if (!g.noHdr() && m.headers().length > 0) {
            msg.put("hdrs", Base64.getEncoder().encodeToString(m.headers()));
        }
        if (m.payload().length > 0) {
            msg.put("data", Base64.getEncoder().encodeToString(m.payload()));
        }
        msg.put("time", GoTime.format(m.timestampNanos()));
        return out;
    }

    Object delete(ApiRequest req) {
        if (req.isEmptyRequest()) {
            throw ApiError.BAD_REQUEST.toException();
        }
        DeleteRequest d = req.body(DeleteRequest.class);
        Stream s = req.account().get(req.token(5));
        boolean removed;
        try {
            removed = s.deleteMsg(d.seq(), d.noErase());
        } catch (StoreException e) {
            throw ApiError.STREAM_MSG_DELETE_FAILED_F.toException(e.error().message());
        }
        if (!removed) {
            // The reference's stores report a missing message as an error, which becomes a delete failure.
            throw ApiError.STREAM_MSG_DELETE_FAILED_F.toException("no message found");
        }
        ObjectNode out = JsJson.object();
        out.put("success", true);
        return out;
    }
}
