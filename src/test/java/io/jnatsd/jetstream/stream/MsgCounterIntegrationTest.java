package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.Source;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.SubjectTransform;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Counter streams ({@code allow_msg_counter}, {@code Nats-Incr}) over the wire, with the reference's errors. */
@Timeout(60)
class MsgCounterIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    @Test
    void shouldKeepRunningTotalPerSubject_whenIncrementsArePublished() throws Exception {
        Connection nc = jnatsd.connect();
        counterStream(nc, "COUNT", "count.>");

        assertThat(increment(nc, "count.a", "5").get("val").asText()).isEqualTo("5");
        assertThat(increment(nc, "count.a", "-2").get("val").asText()).isEqualTo("3");
        assertThat(increment(nc, "count.b", "+7").get("val").asText()).isEqualTo("7");
        JsonNode big = increment(nc, "count.a", "99999999999999999999999999");

        assertThat(big.get("val").asText()).isEqualTo("100000000000000000000000002");
        assertThat(big.get("seq").asLong()).isEqualTo(4);
        MessageInfo last = nc.jetStreamManagement().getLastMessage("COUNT", "count.a");
        assertThat(new String(last.getData(), StandardCharsets.US_ASCII))
            .isEqualTo("{\"val\":\"100000000000000000000000002\"}");
        assertThat(last.getHeaders().getFirst("Nats-Incr")).isEqualTo("99999999999999999999999999");
    }

    @Test
    void shouldRefuseWithReferenceErrors_whenIncrementIsMisused() throws Exception {
        Connection nc = jnatsd.connect();
        counterStream(nc, "COUNT", "count.>");
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("PLAIN").subjects("plain")
            .storageType(StorageType.Memory).build());

        assertError(increment(nc, "plain", "1"), 10168, "message counters is disabled");
        assertError(publish(nc, "count.x", null, new byte[0]), 10169, "message counter increment is missing");
        assertError(publish(nc, "count.x", incr("1"), new byte[] {1}), 10170, "message counter has payload");
        assertError(increment(nc, "count.x", "one"), 10171, "message counter increment is invalid");
        Headers withRollup = incr("1").add("Nats-Rollup", "sub");
        assertError(publish(nc, "count.x", withRollup, new byte[0]), 10171, "message counter increment is invalid");
        assertThat(nc.jetStreamManagement().getStreamInfo("COUNT").getStreamState().getMsgCount()).isZero();
    }

    @Test
    void shouldAggregateTotalsOfSourcedCounters_whenStreamSourcesTwoCounters() throws Exception {
        Connection nc = jnatsd.connect();
        counterStream(nc, "EU", "eu.hits");
        counterStream(nc, "US", "us.hits");
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("ALL").storageType(StorageType.Memory)
            .allowMessageCounter(true)
            .sources(Source.builder().name("EU").subjectTransforms(new SubjectTransform("eu.hits", "all.hits")).build(),
                Source.builder().name("US").subjectTransforms(new SubjectTransform("us.hits", "all.hits")).build())
            .build());

        increment(nc, "eu.hits", "10");
        increment(nc, "us.hits", "5");
        increment(nc, "eu.hits", "1");

        checkFor(() -> assertThat(lastValue(jsm, "ALL", "all.hits")).isEqualTo("16"));
        String sources = jsm.getLastMessage("ALL", "all.hits").getHeaders().getFirst("Nats-Counter-Sources");
        JsonNode perOrigin = JSON.readTree(sources);
        assertThat(perOrigin.get("EU").get("eu.hits").asText()).isEqualTo("11");
        assertThat(perOrigin.get("US").get("us.hits").asText()).isEqualTo("5");
    }

    private static void counterStream(Connection nc, String name, String subject) throws Exception {
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name(name).subjects(subject)
            .storageType(StorageType.File).allowMessageCounter(true).build());
    }

    private static String lastValue(JetStreamManagement jsm, String stream, String subject) throws Exception {
        return JSON.readTree(jsm.getLastMessage(stream, subject).getData()).get("val").asText();
    }

    private static Headers incr(String value) {
        return new Headers().add("Nats-Incr", value);
    }

    private static JsonNode increment(Connection nc, String subject, String value) throws Exception {
        return publish(nc, subject, incr(value), new byte[0]);
    }

    private static JsonNode publish(Connection nc, String subject, Headers headers, byte[] payload) throws Exception {
        Message reply = nc.request(NatsMessage.builder().subject(subject).headers(headers).data(payload).build(), WAIT);
        assertThat(reply).as("PubAck for %s", subject).isNotNull();
        return JSON.readTree(reply.getData());
    }

    private static void assertError(JsonNode ack, int errCode, String description) {
        assertThat(ack.path("error").path("err_code").asInt()).as(ack.toString()).isEqualTo(errCode);
        assertThat(ack.path("error").path("description").asText()).isEqualTo(description);
        assertThat(ack.path("error").path("code").asInt()).isEqualTo(400);
    }
}
