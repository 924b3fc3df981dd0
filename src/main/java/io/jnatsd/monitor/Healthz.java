package io.jnatsd.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jnatsd.jetstream.JetStreamModule;
import io.jnatsd.server.NatsServer;

/**
 * Twin of {@code HealthStatus} and {@code healthz} in {@code server/monitor.go}: "ok" with
 * 200 when the server takes clients, else 503 with the reason. A server whose options ask for
 * JetStream but that runs without it reports it unavailable with the reference's
 * "JetStream not enabled", whatever {@code js-enabled-only} or {@code js-server-only} say
 * (the reference checks that before either). A lone server has no stream or consumer groups
 * whose health could fail, so a running JetStream is healthy.
 *
 * @param status "ok", "error" or "unavailable"
 * @param error  why not ok, or empty
 */
record Healthz(@JsonProperty("status") String status,
               @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_EMPTY) String error) {

    static final String JS_NOT_ENABLED = "JetStream not enabled";
    static final String NOT_READY = "server not ready for connections";

    /** Decodes the flags as the reference does (bad values are a 400), then checks. */
    static Healthz check(NatsServer server, QueryParams q) throws BadRequestException {
        q.bool("js-enabled");
        q.bool("js-enabled-only");
        q.bool("js-server-only");
        if (server.info() == null) {
            return new Healthz("error", NOT_READY);
        }
        if (server.options().jetStream() && server.module(JetStreamModule.class).isEmpty()) {
            return new Healthz("unavailable", JS_NOT_ENABLED);
        }
        return new Healthz("ok", "");
    }

    int httpStatus() {
        return error.isEmpty() ? 200 : 503;
    }
}
