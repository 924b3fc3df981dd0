package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.api.ApiRequest;
import io.jnatsd.jetstream.api.JsApiRouter;
import io.jnatsd.jetstream.stream.AssetVersioning;
import io.jnatsd.jetstream.stream.HeaderBlock;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.errors.ApiException;
import io.jnatsd.jetstream.stream.Stream;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Twin of the {@code jsConsumer*Request} handlers of {@code server/jetstream_api.go}: CREATE (legacy ephemeral,
 * named with optional filter, legacy durable), INFO, DELETE, NAMES, LIST, PAUSE, UNPIN, with the reference's
 * subject/body reconciliation and error codes. {@code MSG.NEXT} is answered by each consumer's own subscription.
 *
 * <p>Threading: handlers run on the API workers; thread-safe.
 */
public final class ConsumerApi {
    static final String PREFIX = "io.nats.jetstream.api.v1.";
    private static final int NAMES_LIMIT = 1024;
    private static final int LIST_LIMIT = 256;

    private final ConsumerRegistry registry;

    /** @param registry the consumers of every stream */
    public ConsumerApi(ConsumerRegistry registry) {
        this.registry = registry;
    }

    /** @param router the $JS.API router to register on */
    public void registerOn(JsApiRouter router) {
        String create = PREFIX + "consumer_create_response";
        router.register("$JS.API.CONSUMER.CREATE.*", create, this::create);
        router.register("$JS.API.CONSUMER.CREATE.*.>", create, this::create);
        router.register("$JS.API.CONSUMER.DURABLE.CREATE.>", create, this::create);
        router.register("$JS.API.CONSUMER.INFO.*.*", PREFIX + "consumer_info_response", this::info);
        router.register("$JS.API.CONSUMER.DELETE.*.*", PREFIX + "consumer_delete_response", this::delete);
        router.register("$JS.API.CONSUMER.NAMES.*", PREFIX + "consumer_names_response", this::names);
        router.register("$JS.API.CONSUMER.LIST.*", PREFIX + "consumer_list_response", this::list);
        router.register("$JS.API.CONSUMER.PAUSE.*.*", PREFIX + "consumer_pause_response", this::pause);
        router.register("$JS.API.CONSUMER.UNPIN.*.*", PREFIX + "consumer_unpin_response", this::unpin);
        router.register("$JS.API.CONSUMER.RESET.*.*", PREFIX + "consumer_reset_response", this::reset);
        router.register("$JS.API.CONSUMER.MSG.NEXT.*.*", PREFIX + "consumer_getnext_response",
            r -> JsApiRouter.NO_REPLY);
    }

    Object create(ApiRequest req) {
        JsonNode body = readBody(req);
        ConsumerConfig cfg;
        ConsumerAction action;
        String bodyStream;
        try {
            JsonNode c = body.get("config");
            cfg = c == null || c.isNull() ? ConsumerConfig.builder().build()
                : ConsumerJson.MAPPER.treeToValue(c, ConsumerConfig.class);
            JsonNode a = body.get("action");
            action = a == null || a.isNull() ? ConsumerAction.CREATE_OR_UPDATE : ConsumerAction.fromJson(a.asText());
            bodyStream = body.path("stream_name").asText("");
        } catch (IOException | IllegalArgumentException e) {
            throw ApiError.INVALID_JSON.toException(e.getMessage());
        }
        CreateSubject subj = CreateSubject.reconcile(req, cfg, bodyStream);
        if (subj.config().numReplicas() > 1) {
            throw ApiError.STREAM_REPLICAS_NOT_SUPPORTED.toException();
        }
        Stream stream = req.account().get(subj.stream());
        StreamConsumers consumers = registry.of(stream);
        ConsumerConfig requested = subj.config();
        Consumer existing = consumers.lookup(requested.isDurable() ? requested.durable() : requested.name());
        if (existing != null) {
            ConsumerConfig.Builder b = requested.toBuilder();
            b.pauseUntil = existing.config().pauseUntil();
            requested = b.build();
        }
        Map.Entry<Consumer, Boolean> r;
        try {
            r = consumers.createOrUpdate(requested, action);
        } catch (ConsumerException e) {
            throw toApi(e.error());
        }
        Consumer c = r.getKey();
        JsonNode info = infoJson(c);
        if (req.reply() != null && !req.reply().isEmpty()) {
            byte[] answer = ConsumerJson.write(JsApiRouter.withType(PREFIX + "consumer_create_response", info));
            stream.account().client().publish(req.reply(), null, null, answer);
        }
        c.release();
        if (r.getValue()) {
            var adv = ConsumerAdvisories.action("CREATED", stream.name(), c.name());
            stream.account().client().publish(adv.getKey(), null, null, ConsumerJson.write(adv.getValue()));
        }
        return JsApiRouter.NO_REPLY;
    }

    Object info(ApiRequest req) {
        return infoJson(consumer(req));
    }

    Object delete(ApiRequest req) {
        Stream stream = req.account().get(req.token(4));
        String name = req.token(5);
        if (!registry.of(stream).delete(name)) {
            throw ApiError.CONSUMER_NOT_FOUND.toException();
        }
        var adv = ConsumerAdvisories.action("DELETED", stream.name(), name);
        stream.account().client().publish(adv.getKey(), null, null, ConsumerJson.write(adv.getValue()));
        ObjectNode out = ConsumerJson.MAPPER.createObjectNode();
        out.put("success", true);
        return out;
    }

    Object names(ApiRequest req) {
        List<Consumer> all = registry.of(req.account().get(req.token(4))).list();
        int offset = offset(req);
        ObjectNode out = page(all.size(), offset, NAMES_LIMIT);
        ArrayNode names = out.putArray("consumers");
        for (int i = offset; i < all.size() && i < offset + NAMES_LIMIT; i++) {
            names.add(all.get(i).name());
        }
        return out;
    }

    Object list(ApiRequest req) {
        List<Consumer> all = registry.of(req.account().get(req.token(4))).list();
        int offset = offset(req);
        ObjectNode out = page(all.size(), offset, LIST_LIMIT);
        ArrayNode infos = out.putArray("consumers");
        for (int i = offset; i < all.size() && i < offset + LIST_LIMIT; i++) {
            infos.add(infoJson(all.get(i)));
        }
        return out;
    }

    Object pause(ApiRequest req) {
        Consumer c = consumer(req);
        Instant until = null;
        if (!req.isEmptyBody()) {
            JsonNode body = readBody(req);
            JsonNode u = body.get("pause_until");
            if (u != null && !u.isNull()) {
                try {
                    until = ConsumerJson.parseGoTime(u.asText());
                } catch (RuntimeException e) {
                    throw ApiError.INVALID_JSON.toException(e.getMessage());
                }
            }
        }
        if (until != null && until.equals(ConsumerJson.GO_ZERO_TIME)) {
            until = null;
        }
        ConsumerConfig.Builder b = c.config().toBuilder();
        b.pauseUntil = until;
        c.update(ConsumerVersioning.withStaticMetadata(b.build()));
        boolean paused = until != null && until.isAfter(Instant.now());
        var adv = ConsumerAdvisories.pause(c.stream(), c.name(), paused, until);
        req.account().client().publish(adv.getKey(), null, null, ConsumerJson.write(adv.getValue()));
        ObjectNode out = ConsumerJson.MAPPER.createObjectNode();
        out.put("paused", paused);
        out.put("pause_until", ConsumerJson.goTime(until == null ? ConsumerJson.GO_ZERO_TIME : until));
        if (paused) {
            out.put("pause_remaining", Consumer.toNanos(until) - Consumer.toNanos(Instant.now()));
        }
        return out;
    }

    /**
     * Twin of {@code processResetReq}: a request carrying {@code Nats-Stream-Identity} (any value) is not refused on a
     * mismatch; its answer carries the stream's identity in that header, so the caller can tell a recreated stream.
     */
    Object reset(ApiRequest req) {
        Stream stream = req.account().get(req.token(4));
        Consumer c = consumer(req);
        long seq = readBody(req).path("seq").asLong(0);
        long to;
        try {
            to = c.reset(seq);
        } catch (ConsumerException e) {
            throw toApi(e.error());
        }
        ObjectNode out = (ObjectNode) infoJson(c);
        out.put("reset_seq", to);
        if (HeaderBlock.get(req.headers(), StreamIdentity.HEADER) == null || req.reply() == null
            || req.reply().isEmpty()) {
            return out;
        }
        byte[] body = JsJson.bytes(JsApiRouter.withType(PREFIX + "consumer_reset_response", out));
        req.account().client().publish(req.reply(), null, StreamIdentity.header(stream), body);
        return JsApiRouter.NO_REPLY;
    }

    /** Twin of {@code jsConsumerUnpinRequest}: the body's checks first, then the stream, consumer and group. */
    Object unpin(ApiRequest req) {
        JsonNode body;
        try {
            body = ConsumerJson.MAPPER.readTree(req.payload());
        } catch (IOException e) {
            throw ApiError.INVALID_JSON.toException(e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiError.INVALID_JSON.toException("unexpected end of JSON input");
        }
        String group = body.path("group").asText("");
        if (group.isEmpty()) {
            throw ApiError.INVALID_JSON.toException("consumer group not specified");
        }
        if (!ConsumerConfigRules.isValidGroupName(group)) {
            throw ApiError.CONSUMER_INVALID_GROUP_NAME.toException();
        }
        Consumer c = consumer(req);
        List<String> groups = c.config().priorityGroups();
        if (groups == null || !groups.contains(group)) {
            throw ApiError.CONSUMER_INVALID_PRIORITY_GROUP.toException();
        }
        c.unpin(group);
        return ConsumerJson.MAPPER.createObjectNode();
    }

    private Consumer consumer(ApiRequest req) {
        Stream stream = req.account().get(req.token(4));
        Consumer c = registry.of(stream).lookup(req.token(5));
        if (c == null) {
            throw ApiError.CONSUMER_NOT_FOUND.toException();
        }
        return c;
    }

    static JsonNode infoJson(Consumer c) {
        ObjectNode info = ConsumerJson.MAPPER.valueToTree(c.info());
        ((ObjectNode) info.get("config")).set("metadata",
            ConsumerJson.MAPPER.valueToTree(AssetVersioning.answerMetadata(c.config().metadata())));
        return info;
    }

    private static JsonNode readBody(ApiRequest req) {
        if (req.isEmptyBody()) {
            return ConsumerJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode n = ConsumerJson.MAPPER.readTree(req.payload());
            if (n == null || !n.isObject()) {
                throw ApiError.INVALID_JSON.toException("request is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw ApiError.INVALID_JSON.toException(e.getMessage());
        }
    }

    private static int offset(ApiRequest req) {
        return Math.max(0, readBody(req).path("offset").asInt(0));
    }

    private static ObjectNode page(int total, int offset, int limit) {
        ObjectNode out = ConsumerJson.MAPPER.createObjectNode();
        out.put("total", total);
        out.put("offset", offset);
        out.put("limit", limit);
        return out;
    }

    /**
     * @param e a consumer-room error
     * @return the API layer's exception with the same code, error code and text
     */
    static ApiException toApi(ConsumerError e) {
        for (ApiError a : ApiError.values()) {
            if (a.errCode() == e.errCode()) {
                return new ApiException(a, e.description());
            }
        }
        return new ApiException(ApiError.CONSUMER_CREATE, e.description());
    }
}
