package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.errors.ApiException;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.Stream;
import io.jnatsd.jetstream.stream.StreamConfig;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.subject.Subjects;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Twin of the stream handlers of {@code server/jetstream_api.go} ({@code jsStreamCreateRequest},
 * {@code jsStreamUpdateRequest}, {@code jsStreamInfoRequest}, {@code jsStreamDeleteRequest},
 * {@code jsStreamPurgeRequest}, {@code jsStreamNamesRequest}, {@code jsStreamListRequest}).
 *
 * <p>Threading: stateless apart from its collaborators; handlers run on API workers.
 */
public final class StreamApi {
    /** Page size of STREAM.NAMES ({@code JSApiNamesLimit}). */
    static final int NAMES_LIMIT = 1024;
    /** Page size of STREAM.LIST ({@code JSApiListLimit}). */
    static final int LIST_LIMIT = 256;
    static final String CREATE_TYPE = "io.nats.jetstream.api.v1.stream_create_response";
    static final String UPDATE_TYPE = "io.nats.jetstream.api.v1.stream_update_response";
    static final String INFO_TYPE = "io.nats.jetstream.api.v1.stream_info_response";
    static final String DELETE_TYPE = "io.nats.jetstream.api.v1.stream_delete_response";
    static final String PURGE_TYPE = "io.nats.jetstream.api.v1.stream_purge_response";
    static final String NAMES_TYPE = "io.nats.jetstream.api.v1.stream_names_response";
    static final String LIST_TYPE = "io.nats.jetstream.api.v1.stream_list_response";

    /** STREAM.INFO body. */
    record InfoRequest(boolean deletedDetails, String subjectsFilter, int offset) {
    }

    /** STREAM.PURGE body. */
    record PurgeRequest(String filter, long seq, long keep) {
    }

    /** STREAM.NAMES and STREAM.LIST body. */
    record ListRequest(int offset, String subject) {
    }

    private final String serverName;
    private final String domain;
    private final Advisories advisories;

    /**
     * @param serverName the name cluster.leader shows
     * @param domain     the JetStream domain, "" for none
     * @param advisories where stream created/updated/deleted advisories go
     */
    public StreamApi(String serverName, String domain, Advisories advisories) {
        this.serverName = serverName;
        this.domain = domain;
        this.advisories = advisories;
    }

    /** @param router the router to register the stream subjects on */
    public void registerOn(JsApiRouter router) {
        router.register("$JS.API.STREAM.CREATE.*", CREATE_TYPE, this::create);
        router.register("$JS.API.STREAM.UPDATE.*", UPDATE_TYPE, this::update);
        router.register("$JS.API.STREAM.INFO.*", INFO_TYPE, this::info);
        router.register("$JS.API.STREAM.DELETE.*", DELETE_TYPE, this::delete);
        router.register("$JS.API.STREAM.PURGE.*", PURGE_TYPE, this::purge);
        router.register("$JS.API.STREAM.NAMES", NAMES_TYPE, this::names);
        router.register("$JS.API.STREAM.LIST", LIST_TYPE, this::list);
    }

    private StreamConfig configBody(ApiRequest req, String name) {
        StreamConfig cfg = req.body(StreamConfig.class);
        if (cfg == null) {
            throw ApiError.INVALID_JSON.toException("expected a stream configuration");
        }
        if (!name.equals(cfg.name())) {
            throw ApiError.STREAM_MISMATCH.toException();
        }
        return cfg;
    }

    ObjectNode infoOf(Stream s, StreamInfoJson.Detail detail) {
        return StreamInfoJson.info(s, serverName, domain, detail);
    }

    Object create(ApiRequest req) {
        String name = req.token(4);
        StreamConfig cfg = configBody(req, name);
        if (cfg.sealed()) {
            throw ApiError.STREAM_INVALID_CONFIG_F.toException("stream configuration for create can not be sealed");
        }
        AccountStreams.CreateResult r;
        try {
            r = req.account().create(cfg);
        } catch (ApiException e) {
            throw e;
        } catch (StoreException | java.io.UncheckedIOException | IllegalStateException e) {
            throw ApiError.STREAM_CREATE.toException(e.getMessage());
        }
        ObjectNode out = infoOf(r.stream(), StreamInfoJson.Detail.NONE);
        out.remove(List.of("total", "offset", "limit"));
        if (r.created()) {
            out.put("did_create", true);
            advisories.streamAction(req.account(), Advisories.STREAM_CREATED, name);
        }
        return out;
    }

    Object update(ApiRequest req) {
        String name = req.token(4);
        StreamConfig cfg = configBody(req, name);
        Stream s = req.account().update(cfg);
        advisories.streamAction(req.account(), Advisories.STREAM_UPDATED, name);
        ObjectNode out = infoOf(s, StreamInfoJson.Detail.NONE);
        out.remove(List.of("total", "offset", "limit"));
        return out;
    }

    Object info(ApiRequest req) {
        Stream s = req.account().get(req.token(4));
        InfoRequest body = req.body(InfoRequest.class);
        StreamInfoJson.Detail d = body == null ? StreamInfoJson.Detail.NONE
            : new StreamInfoJson.Detail(body.deletedDetails(), body.subjectsFilter(), Math.max(0, body.offset()));
        return infoOf(s, d);
    }

    Object delete(ApiRequest req) {
        req.account().delete(req.token(4));
        advisories.streamAction(req.account(), Advisories.STREAM_DELETED, req.token(4));
        ObjectNode out = JsJson.object();
        out.put("success", true);
        return out;
    }

    Object purge(ApiRequest req) {
        Stream s = req.account().get(req.token(4));
        PurgeRequest body = req.body(PurgeRequest.class);
        long purged;
        if (body == null) {
            purged = s.purge(null, 0, 0);
        } else {
            if (body.seq() > 0 && body.keep() > 0) {
                throw ApiError.BAD_REQUEST.toException();
            }
            if (body.filter() != null && !body.filter().isEmpty() && !Subjects.isValidSubject(body.filter())) {
                throw ApiError.STREAM_PURGE_FAILED_F.toException("invalid subject filter");
            }
            purged = s.purge(body.filter(), body.seq(), body.keep());
        }
        ObjectNode out = JsJson.object();
        out.put("success", true);
        out.put("purged", purged);
        return out;
    }

    private static List<Stream> filtered(ApiRequest req, ListRequest body) {
        List<Stream> all = req.account().streams();
        String filter = body == null ? null : body.subject();
        if (filter == null || filter.isEmpty()) {
            return all;
        }
        List<Stream> out = new ArrayList<>();
        for (Stream s : all) {
            for (String subj : s.config().subjects()) {
                if (Subjects.subjectsCollide(subj, filter)) {
                    out.add(s);
                    break;
                }
            }
        }
        return out;
    }

    Object names(ApiRequest req) {
        return page(req, NAMES_LIMIT, s -> TextNode.valueOf(s.name()));
    }

    Object list(ApiRequest req) {
        return page(req, LIST_LIMIT, s -> {
            ObjectNode info = infoOf(s, StreamInfoJson.Detail.NONE);
            info.remove(List.of("total", "offset", "limit"));
            return info;
        });
    }

    /** One page of the account's streams, filtered by the request's subject, each as {@code item} makes it. */
    private ObjectNode page(ApiRequest req, int limit, Function<Stream, JsonNode> item) {
        ListRequest body = req.body(ListRequest.class);
        List<Stream> streams = filtered(req, body);
        int offset = body == null ? 0 : Math.max(0, body.offset());
        ObjectNode out = JsJson.object();
        out.put("total", streams.size());
        out.put("offset", offset);
        out.put("limit", limit);
        ArrayNode items = out.putArray("streams");
        for (int i = offset; i < streams.size() && i < offset + limit; i++) {
            items.add(item.apply(streams.get(i)));
        }
        return out;
    }
}
