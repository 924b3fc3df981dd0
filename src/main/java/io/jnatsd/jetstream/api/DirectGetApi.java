package io.jnatsd.jetstream.api;

import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.store.SubjectFilter;
import io.jnatsd.jetstream.stream.GoTime;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.Stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Twin of {@code processDirectGetRequest}, {@code processDirectGetLastBySubjectRequest}, {@code getDirectRequest}
 * and {@code getDirectMulti} in {@code server/stream.go}: Direct Get answers with the message itself, its
 * stream, subject, sequence and time in headers, and status headers for errors ({@code 408}, {@code 404},
 * {@code 204 EOB} after a batch). A stream without {@code allow_direct} answers as if nobody listened
 * ({@code 503}), since the reference subscribes only for such streams.
 *
 * <p>Threading: stateless; handlers run on API workers.
 */
public final class DirectGetApi {
    /** Most answers of a multi-last request. */
    static final int MULTI_MAX_RESPONSES = 1024;
    /** Byte bound of a batch when the request sets none (the reference's default max pending). */
    static final int MAX_BYTES_DEFAULT = 64 * 1024 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NO_RESPONDERS = status("503");
    private static final byte[] EMPTY_REQUEST = status("408 Empty Request");
    private static final byte[] MALFORMED = status("408 Malformed Request");
    private static final byte[] BAD_REQUEST = status("408 Bad Request");
    private static final byte[] NOT_FOUND = status("404 Message Not Found");
    private static final byte[] NO_RESULTS = status("404 No Results");
    private static final byte[] TOO_MANY = status("413 Too Many Results");
    private static final byte[] API_LEVEL = status("412 Required Api Level");

    /** @param router the router */
    public void registerOn(JsApiRouter router) {
        router.register("$JS.API.DIRECT.GET.*", "", this::direct);
        router.register("$JS.API.DIRECT.GET.*.>", "", this::lastBySubject);
    }

    private static byte[] status(String s) {
        return ("NATS/1.0 " + s + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static Optional<Stream> directStream(ApiRequest req) {
        return req.account().lookup(req.token(4)).filter(s -> s.config().allowDirect());
    }

    private static void send(ApiRequest req, byte[] hdr, byte[] payload) {
        req.account().client().publish(req.reply(), null, hdr, payload == null ? EMPTY : payload);
    }

    Object direct(ApiRequest req) {
        if (req.reply() == null || req.reply().isEmpty()) {
            return JsApiRouter.NO_REPLY;
        }
        Optional<Stream> s = directStream(req);
        if (s.isEmpty()) {
            send(req, NO_RESPONDERS, null);
            return JsApiRouter.NO_REPLY;
        }
        if (JsApiRouter.requiresHigherApiLevel(req.headers())) {
            send(req, API_LEVEL, null);
            return JsApiRouter.NO_REPLY;
        }
        if (req.isEmptyBody()) {
            send(req, EMPTY_REQUEST, null);
            return JsApiRouter.NO_REPLY;
        }
        MsgApi.GetRequest g;
        try {
            g = JsJson.read(req.payload(), MsgApi.GetRequest.class);
        } catch (IOException e) {
            send(req, MALFORMED, null);
            return JsApiRouter.NO_REPLY;
        }
        boolean multi = g.multiLast() != null && !g.multiLast().isEmpty();
        boolean start = g.has(g.startTime());
        if (g.seq() == 0 && !g.has(g.lastBySubj()) && !g.has(g.nextBySubj()) && !multi && !start) {
            send(req, EMPTY_REQUEST, null);
            return JsApiRouter.NO_REPLY;
        }
        if ((g.seq() > 0 && g.has(g.lastBySubj())) || (g.seq() > 0 && start) || (start && g.has(g.lastBySubj()))
            || (g.has(g.lastBySubj()) && g.has(g.nextBySubj())) || (g.has(g.lastBySubj()) && g.batch() > 0)
            || (g.has(g.lastBySubj()) && multi) || (g.has(g.nextBySubj()) && multi)
            || (g.upToSeq() > 0 && g.has(g.upToTime()))) {
            send(req, BAD_REQUEST, null);
            return JsApiRouter.NO_REPLY;
        }
        answer(req, s.get(), g);
        return JsApiRouter.NO_REPLY;
    }

    Object lastBySubject(ApiRequest req) {
        if (req.reply() == null || req.reply().isEmpty()) {
            return JsApiRouter.NO_REPLY;
        }
        Optional<Stream> s = directStream(req);
        if (s.isEmpty()) {
            send(req, NO_RESPONDERS, null);
            return JsApiRouter.NO_REPLY;
        }
        if (JsApiRouter.requiresHigherApiLevel(req.headers())) {
            send(req, API_LEVEL, null);
            return JsApiRouter.NO_REPLY;
        }
        String prefix = "$JS.API.DIRECT.GET." + req.token(4) + ".";
        String key = req.subject().substring(prefix.length());
        MsgApi.GetRequest g = null;
        if (!req.isEmptyBody()) {
            try {
                g = JsJson.read(req.payload(), MsgApi.GetRequest.class);
            } catch (IOException e) {
                send(req, MALFORMED, null);
                return JsApiRouter.NO_REPLY;
            }
        }
        if (g != null && (g.has(g.lastBySubj()) || g.has(g.nextBySubj()) || g.seq() != 0 || g.batch() != 0
            || (g.multiLast() != null && !g.multiLast().isEmpty()) || g.has(g.startTime()) || g.upToSeq() != 0
            || g.has(g.upToTime()))) {
            send(req, BAD_REQUEST, null);
            return JsApiRouter.NO_REPLY;
        }
        boolean noHdr = g != null && g.noHdr();
        answer(req, s.get(), new MsgApi.GetRequest(0, key, null, 0, 0, null, null, 0, null, noHdr));
        return JsApiRouter.NO_REPLY;
    }

    private void answer(ApiRequest req, Stream s, MsgApi.GetRequest g) {
        if (g.multiLast() != null && !g.multiLast().isEmpty()) {
            multi(req, s, g);
            return;
        }
        StreamStore store = s.store();
        long seq = g.has(g.startTime()) ? store.seqFromTime(GoTime.parse(g.startTime())) : g.seq();
        boolean isBatch = g.batch() > 0;
        int batch = isBatch ? g.batch() : 1;
        String nextFor = g.has(g.nextBySubj()) ? g.nextBySubj() : null;
        long np = isBatch ? store.numPending(seq, nextFor == null ? ">" : nextFor, false) : 0;
        int maxBytes = g.maxBytes() > 0 ? g.maxBytes() : MAX_BYTES_DEFAULT;
        long lastSeq = 0;
        int sentBytes = 0;
        for (int i = 0; i < batch; i++) {
            StoredMsg m;
            try {
                if (seq > 0 && nextFor == null) {
                    m = i == 0 && !isBatch ? store.loadMsg(seq) : store.loadNextMsg(">", seq);
                } else if (nextFor != null) {
                    m = store.loadNextMsg(nextFor, seq);
                } else {
                    m = store.loadLastMsg(g.lastBySubj());
                }
            } catch (StoreException e) {
                if (batch > 1 && i > 0) {
                    break;
                }
                send(req, NOT_FOUND, null);
                return;
            }
            seq = m.seq() + 1;
            byte[] hdr = null;
            if (!g.noHdr()) {
                if (isBatch && np > 0) {
                    np--;
                }
                hdr = headers(s.name(), m, isBatch, np, lastSeq);
            }
            lastSeq = m.seq();
            send(req, hdr, m.payload());
            sentBytes += m.subject().length() + m.headers().length + m.payload().length;
            if (sentBytes >= maxBytes) {
                break;
            }
        }
        if (isBatch) {
            long pending = store.numPending(seq, nextFor == null ? ">" : nextFor, false);
            send(req, ("NATS/1.0 204 EOB\r\nNats-Num-Pending: " + pending + "\r\nNats-Last-Sequence: " + lastSeq
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), null);
        }
    }

    private void multi(ApiRequest req, Stream s, MsgApi.GetRequest g) {
        StreamStore store = s.store();
        long upTo = g.upToSeq();
        if (g.has(g.upToTime())) {
            upTo = store.seqFromTime(GoTime.parse(g.upToTime()));
            if (upTo <= store.state().firstSeq()) {
                send(req, NO_RESULTS, null);
                return;
            }
            upTo--;
        }
        if (upTo == 0) {
            upTo = store.state().lastSeq();
        }
        List<SubjectFilter> filters = new ArrayList<>();
        g.multiLast().forEach(f -> filters.add(SubjectFilter.of(f)));
        List<Long> seqs;
        try {
            seqs = store.multiLastSeqs(filters, upTo, MULTI_MAX_RESPONSES);
        } catch (StoreException e) {
            send(req, TOO_MANY, null);
            return;
        }
        if (seqs.isEmpty()) {
            send(req, NO_RESULTS, null);
            return;
        }
        long lastSeq = 0;
        int sent = 0;
        int sentBytes = 0;
        int maxBytes = g.maxBytes() > 0 ? g.maxBytes() : MAX_BYTES_DEFAULT;
        long np = seqs.size();
        for (long seq : seqs) {
            StoredMsg m;
            try {
                m = store.loadMsg(seq);
            } catch (StoreException e) {
                continue;
            }
            np--;
            send(req, headers(s.name(), m, true, np, lastSeq), m.payload());
            lastSeq = m.seq();
            sent++;
            sentBytes += m.subject().length() + m.headers().length + m.payload().length;
            if (sentBytes >= maxBytes || (g.batch() > 0 && sent >= g.batch())) {
                break;
            }
        }
        send(req, ("NATS/1.0 204 EOB\r\nNats-Num-Pending: " + np + "\r\nNats-Last-Sequence: " + lastSeq
            + "\r\nNats-UpTo-Sequence: " + upTo + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), null);
    }

    /** The message's own headers followed by the direct-get ones, as {@code genHeader} appends them. */
    static byte[] headers(String stream, StoredMsg m, boolean batch, long numPending, long lastSeq) {
        StringBuilder sb = new StringBuilder(160);
        byte[] own = m.headers();
        if (own.length >= 4) {
            sb.append(new String(own, 0, own.length - 2, StandardCharsets.UTF_8));
        } else {
            sb.append("NATS/1.0\r\n");
        }
        sb.append("Nats-Stream: ").append(stream).append("\r\n");
        sb.append("Nats-Subject: ").append(m.subject()).append("\r\n");
        sb.append("Nats-Sequence: ").append(m.seq()).append("\r\n");
        sb.append("Nats-Time-Stamp: ").append(GoTime.format(m.timestampNanos())).append("\r\n");
        if (batch) {
            sb.append("Nats-Num-Pending: ").append(numPending).append("\r\n");
            sb.append("Nats-Last-Sequence: ").append(lastSeq).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
