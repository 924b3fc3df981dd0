package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Raw $JS.API requests for tests: send JSON text, get the answer as a tree. */
final class JsRequests {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsRequests() {
    }

    static JsonNode request(Connection nc, String subject, String body) throws IOException, InterruptedException {
        Message m = nc.request(subject, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(5));
        if (m == null) {
            throw new AssertionError("no answer on " + subject);
        }
        return MAPPER.readTree(m.getData());
    }

    static int errCode(JsonNode answer) {
        return answer.path("error").path("err_code").asInt(-1);
    }
}
