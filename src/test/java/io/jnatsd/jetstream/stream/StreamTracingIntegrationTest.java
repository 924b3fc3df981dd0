package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message tracing into JetStream over the wire, as the reference's {@code TestMsgTraceJetStream}: a traced message a
 * stream takes gets a {@code js} event (stream, subject, no-interest, error), the stored copy has its trace
 * destination disabled, and a trace-only message is not stored.
 */
@Timeout(60)
class StreamTracingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    private static void publishTraced(Connection nc, String subject, Headers extra, boolean traceOnly) {
        Headers h = extra == null ? new Headers() : extra;
        h.add("Nats-Trace-Dest", "trace.js");
        if (traceOnly) {
            h.add("Nats-Trace-Only", "true");
        }
        nc.publish(NatsMessage.builder().subject(subject).headers(h).data("m".getBytes(StandardCharsets.UTF_8)).build());
    }

    private static JsonNode jsEvent(Subscription traces) throws Exception {
        Message m = traces.nextMessage(WAIT);
        assertThat(m).as("trace event").isNotNull();
        JsonNode e = JSON.readTree(m.getData());
        for (JsonNode ev : e.path("events")) {
            if (ev.path("type").asText().equals("js")) {
                return ev;
            }
        }
        throw new AssertionError("no js event in " + e);
    }

    @Test
    void shouldReportStream_whenTracedMessageIsStored() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.>")
                .storageType(StorageType.Memory).build());
        Subscription traces = nc.subscribe("trace.js");
        nc.flush(WAIT);
        publishTraced(nc, "orders.new", null, false);
        JsonNode js = jsEvent(traces);
        assertThat(js.path("stream").asText()).isEqualTo("ORDERS");
        assertThat(js.path("subject").asText()).isEqualTo("orders.new");
        assertThat(js.has("nointerest")).isFalse();
        assertThat(js.has("error")).isFalse();
        assertThat(js.path("ts").asText()).endsWith("Z");
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount()).isEqualTo(1);
        Headers stored = jsm.getMessage("ORDERS", 1).getHeaders();
        assertThat(stored.getFirst("Nats-Trace-Dest")).isEqualTo("trace disabled");
    }

    @Test
    void shouldNotStore_whenTraceOnly() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.>")
                .storageType(StorageType.Memory).build());
        Subscription traces = nc.subscribe("trace.js");
        nc.flush(WAIT);
        publishTraced(nc, "orders.new", null, true);
        JsonNode js = jsEvent(traces);
        assertThat(js.path("stream").asText()).isEqualTo("ORDERS");
        assertThat(js.path("subject").asText()).isEqualTo("orders.new");
        assertThat(traces.nextMessage(QUIET)).isNull();
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount()).isZero();
    }

    @Test
    void shouldReportNoInterest_whenInterestStreamHasNoConsumer() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("EVENTS").subjects("events.>")
                .retentionPolicy(RetentionPolicy.Interest).storageType(StorageType.Memory).build());
        Subscription traces = nc.subscribe("trace.js");
        nc.flush(WAIT);
        publishTraced(nc, "events.a", null, false);
        assertThat(jsEvent(traces).path("nointerest").asBoolean()).isTrue();
    }

    @Test
    void shouldReportError_whenStreamRefusesMessage() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.>")
                .storageType(StorageType.Memory).build());
        Subscription traces = nc.subscribe("trace.js");
        nc.flush(WAIT);
        publishTraced(nc, "orders.new", new Headers().add("Nats-Expected-Last-Sequence", "7"), false);
        JsonNode js = jsEvent(traces);
        assertThat(js.path("error").asText()).startsWith("wrong last sequence: 0").endsWith("(10071)");
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount()).isZero();
    }
}
