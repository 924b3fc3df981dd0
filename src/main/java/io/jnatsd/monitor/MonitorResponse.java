package io.jnatsd.monitor;

import java.nio.charset.StandardCharsets;

/**
 * One HTTP answer of the monitor: status, content type and body.
 *
 * @param status      HTTP status code
 * @param contentType the Content-Type header
 * @param body        the body bytes
 */
record MonitorResponse(int status, String contentType, byte[] body) {

    static final String JSON = "application/json";
    static final String JAVASCRIPT = "application/javascript";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";
    /** Longest JSONP callback name accepted. */
    static final int MAX_CALLBACK_CHARS = 128;

    /** A 200 with JSON, or JSONP when the request named a {@code callback}, as the reference's ResponseHandler. */
    static MonitorResponse json(int status, byte[] json, QueryParams query) {
        String callback = query.get("callback");
        if (callback.isEmpty()) {
            return new MonitorResponse(status, JSON, json);
        }
        String body = callback + "(" + new String(json, StandardCharsets.UTF_8) + ")";
        return new MonitorResponse(status, JAVASCRIPT, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code callback} is empty or a JavaScript name path ({@code a.b_c$1}). The
     * reference echoes any text; jnatsd refuses the rest, so that the endpoint cannot be
     * made to serve script of the caller's choosing.
     */
    static boolean isValidCallback(String callback) {
        return callback.length() <= MAX_CALLBACK_CHARS && callback.matches("[A-Za-z0-9_$.]*");
    }

    static MonitorResponse ok(byte[] json, QueryParams query) {
        return json(200, json, query);
    }

    static MonitorResponse text(int status, String text) {
        return new MonitorResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Go's {@code http.NotFound}. */
    static MonitorResponse notFound() {
        return text(404, "404 page not found\n");
    }
}
