package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.errors.ApiException;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.HeaderBlock;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.server.ServerInfo;
import io.jnatsd.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Twin of {@code apiDispatch} in {@code server/jetstream_api.go}: the $JS.API router. One internal subscription
 * per JetStream account on {@code $JS.API.>} (and {@code $JS.<domain>.API.>} with a domain) hands each request to
 * an API worker thread, which finds the handler registered for the subject's pattern, runs it and answers with
 * the reference's JSON ({@code type} first, then {@code error} or the body).
 *
 * <p>Other rooms add their subjects with {@link #register}: the consumer room registers {@code CONSUMER.*}.
 * A subject with no handler is answered with a {@code system_response} carrying BAD_REQUEST, as the reference
 * does.
 *
 * <p>Threading: thread-safe. Handlers run on the API workers, never on a network event loop.
 */
public final class JsApiRouter implements AutoCloseable {
    /** What a handler returns when it has answered by itself. */
    public static final Object NO_REPLY = new Object();
    /** The canonical API prefix. */
    public static final String API_PREFIX = "$JS.API.";
    /** The type of answers to requests no handler takes. */
    public static final String SYSTEM_RESPONSE_TYPE = "io.nats.jetstream.api.v1.system_response";
    /** The header by which a request asks for a minimum API level. */
    public static final String REQUIRED_API_LEVEL_HEADER = "Nats-Required-Api-Level";
    /** Direct gets and pull requests check the API level themselves and answer with a status, as in the reference. */
    private static final List<String> STATUS_ANSWERED = List.of("$JS.API.DIRECT.GET.", "$JS.API.CONSUMER.MSG.NEXT.");
    /** Threads that run API handlers. */
    static final int API_WORKERS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(JsApiRouter.class);

    /**
     * Response types whose Go struct has a string field without {@code omitempty} besides the error: their error
     * answers carry it empty ({@code JSApiStreamRestoreResponse.DeliverSubject}).
     */
    private static final Map<String, String> ERROR_EMPTY_FIELDS = Map.of(
        "io.nats.jetstream.api.v1.stream_restore_response", "deliver_subject");

    private record Route(String pattern, String responseType, ApiHandler handler) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final String domain;
    private final ExecutorService workers;
    private final List<RequestObserver> observers = new CopyOnWriteArrayList<>();
    private final Map<String, ApiStats> stats = new ConcurrentHashMap<>();

    /**
     * Per-account request counters, as {@code api} in account info.
     *
     * @param total  requests handled
     * @param errors requests answered with an error
     */
    public record ApiStats(LongAdder total, LongAdder errors) {
    }

    /** Told of every handled request (the API audit advisory). */
    @FunctionalInterface
    public interface RequestObserver {
        /**
         * @param request  the request
         * @param response the JSON answered
         */
        void onRequest(ApiRequest request, byte[] response);
    }

    /** @param domain the JetStream domain, "" for none */
    public JsApiRouter(String domain) {
        this.domain = domain == null ? "" : domain;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(API_WORKERS, r -> {
            Thread t = new Thread(r, "jnatsd-js-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Registers the handler of a subject pattern.
     *
     * @param pattern      a subscription pattern in canonical form, such as {@code $JS.API.STREAM.INFO.*}
     * @param responseType the {@code type} of its answers, such as {@code io.nats.jetstream.api.v1.stream_info_response}
     * @param handler      the handler
     * @throws IllegalArgumentException when the pattern is already registered
     */
    public void register(String pattern, String responseType, ApiHandler handler) {
        for (Route r : routes) {
            if (r.pattern().equals(pattern)) {
                throw new IllegalArgumentException("already registered: " + pattern);
            }
        }
        routes.add(new Route(pattern, responseType, handler));
    }

    /** @param o told of every handled request; thread-safe */
    public void addObserver(RequestObserver o) {
        observers.add(o);
    }

    /**
     * @param subject a canonical API subject, literal
     * @return the pattern registered for it, or null
     */
    public String patternFor(String subject) {
        Route r = route(subject);
        return r == null ? null : r.pattern();
    }

    /**
     * @param subject a canonical API subject, literal
     * @return the {@code type} of the answers of its handler, or null when none handles it; thread-safe
     */
    public String responseTypeFor(String subject) {
        Route r = route(subject);
        return r == null ? null : r.responseType();
    }

    /** @return the JetStream domain, "" for none; thread-safe */
    public String domain() {
        return domain;
    }

    /** @return the registered patterns; thread-safe */
    public List<String> patterns() {
        List<String> out = new ArrayList<>();
        routes.forEach(r -> out.add(r.pattern()));
        return out;
    }

    /**
     * Subscribes the API subjects on the account's JetStream client.
     *
     * @param account an account JetStream is enabled for
     */
    public void attach(AccountStreams account) {
        account.client().subscribe("$JS.API.>", null,
            (sub, subject, reply, hdr, payload) -> submit(account, subject, reply, hdr, payload));
        if (!domain.isEmpty()) {
            String prefix = "$JS." + domain + ".API.";
            account.client().subscribe(prefix + ">", null,
                (sub, subject, reply, hdr, payload) -> submit(account,
                    API_PREFIX + subject.substring(prefix.length()), reply, hdr, payload));
        }
    }

    private void submit(AccountStreams account, String subject, String reply, byte[] hdr, byte[] payload) {
        try {
            workers.execute(() -> dispatch(new ApiRequest(account, subject, reply, hdr, payload)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("JetStream API stopped; dropping request on {}", subject);
        }
    }

    private Route route(String subject) {
        for (Route r : routes) {
            if (Subjects.matchLiteral(subject, r.pattern())) {
                return r;
            }
        }
        return null;
    }

    void dispatch(ApiRequest req) {
        Route r = route(req.subject());
        if (r == null) {
            answer(req, error(SYSTEM_RESPONSE_TYPE, ApiError.BAD_REQUEST.toException()), true);
            return;
        }
        if (STATUS_ANSWERED.stream().noneMatch(r.pattern()::startsWith) && requiresHigherApiLevel(req.headers())) {
            answer(req, error(r.responseType(), ApiError.REQUIRED_API_LEVEL.toException()), true);
            return;
        }
        byte[] response;
        boolean isError = true;
        try {
            Object body = r.handler().handle(req);
            if (body == NO_REPLY) {
                // Answered by the handler itself; counted as the reference counts every request.
                stats(req.account().account().name()).total().increment();
                return;
            }
            response = JsJson.bytes(withType(r.responseType(), body));
            isError = false;
        } catch (ApiException e) {
            response = error(r.responseType(), e);
        } catch (RuntimeException e) {
            LOG.warn("JetStream API handler for {} failed", req.subject(), e);
            response = error(r.responseType(), ApiError.STREAM_GENERAL_ERROR_F.toException(String.valueOf(
                e.getMessage())));
        }
        answer(req, response, isError);
    }

    /**
     * Twin of {@code errorOnRequiredApiLevel} in {@code server/jetstream_versioning.go}: a request whose
     * Nats-Required-Api-Level is above jnatsd's level, or not a number, is refused.
     */
    public static boolean requiresHigherApiLevel(byte[] headers) {
        String required = HeaderBlock.get(headers, REQUIRED_API_LEVEL_HEADER);
        if (required == null || required.isEmpty()) {
            return false;
        }
        try {
            return Integer.parseInt(required) > ServerInfo.JS_API_LEVEL;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * @param accountName an account
     * @return its request counters; thread-safe
     */
    public ApiStats stats(String accountName) {
        return stats.computeIfAbsent(accountName, a -> new ApiStats(new LongAdder(), new LongAdder()));
    }

    /** @return requests waiting for a worker (for monitoring); thread-safe */
    public int pendingRequests() {
        return workers instanceof java.util.concurrent.ThreadPoolExecutor t ? t.getQueue().size() : 0;
    }

    /** @return requests a worker is handling now (for monitoring); thread-safe */
    public int requestsInProgress() {
        return workers instanceof java.util.concurrent.ThreadPoolExecutor t ? t.getActiveCount() : 0;
    }

    private void answer(ApiRequest req, byte[] response, boolean isError) {
        ApiStats st = stats(req.account().account().name());
        st.total().increment();
        if (isError) {
            st.errors().increment();
        }
        if (req.reply() != null && !req.reply().isEmpty()) {
            req.account().client().publish(req.reply(), null, null, response);
        }
        for (RequestObserver o : observers) {
            o.onRequest(req, response);
        }
    }

    /**
     * @param type the response type
     * @param body a record, node or map
     * @return {@code {"type":type, ...body}}
     */
    public static ObjectNode withType(String type, Object body) {
        ObjectNode out = JsJson.object();
        out.put("type", type);
        if (body != null) {
            JsonNode tree = body instanceof JsonNode n ? n : JsJson.tree(body);
            if (tree instanceof ObjectNode o) {
                out.setAll(o);
            }
        }
        return out;
    }

    /**
     * @param type the response type
     * @param e    the error
     * @return the error answer's JSON
     */
    public static byte[] error(String type, ApiException e) {
        ObjectNode out = JsJson.object();
        out.put("type", type);
        ObjectNode err = out.putObject("error");
        err.put("code", e.code());
        err.put("err_code", e.error().errCode());
        err.put("description", e.description());
        String empty = ERROR_EMPTY_FIELDS.get(type);
        if (empty != null) {
            out.put(empty, "");
        }
        return JsJson.bytes(out);
    }

    /** Stops the workers. Idempotent. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
