package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JnatsdServerExtension;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.PurgeOptions;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Message schedules ({@code allow_msg_schedules}, {@code Nats-Schedule*}) over the wire with jnats. */
@Timeout(60)
class MsgSchedulesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withJetStream();

    @Test
    void shouldStoreTargetMessageAndRemoveSchedule_whenAtScheduleIsDue() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = scheduleStream(nc, StorageType.Memory);

        JsonNode ack = publish(nc, "sched.a", schedule("@at " + inSeconds(1), "target.a")
            .add("X-App", "kept"), "hello");

        assertThat(ack.path("seq").asLong()).as(ack.toString()).isEqualTo(1);
        checkFor(WAIT, Duration.ofMillis(20), () -> assertThat(count(jsm, "target.a")).isEqualTo(1));
        MessageInfo produced = jsm.getLastMessage("S", "target.a");
        assertThat(new String(produced.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(produced.getHeaders().getFirst("Nats-Scheduler")).isEqualTo("sched.a");
        assertThat(produced.getHeaders().getFirst("Nats-Schedule-Next")).isEqualTo("purge");
        assertThat(produced.getHeaders().getFirst("X-App")).isEqualTo("kept");
        assertThat(produced.getHeaders().containsKey("Nats-Schedule")).isFalse();
        checkFor(() -> assertThat(count(jsm, "sched.a")).isZero());
    }

    @Test
    void shouldFireRepeatedlyWithTtl_whenEverySchedule() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = scheduleStream(nc, StorageType.File);

        publish(nc, "sched.tick", schedule("@every 1s", "target.tick").add("Nats-Schedule-TTL", "1m"), "tick");

        checkFor(WAIT, Duration.ofMillis(50), () -> assertThat(count(jsm, "target.tick")).isGreaterThanOrEqualTo(2));
        MessageInfo last = jsm.getLastMessage("S", "target.tick");
        assertThat(last.getHeaders().getFirst("Nats-TTL")).isEqualTo("1m");
        assertThat(Instant.parse(last.getHeaders().getFirst("Nats-Schedule-Next"))).isAfter(Instant.now().minusSeconds(2));
        assertThat(count(jsm, "sched.tick")).as("a repeating schedule stays").isEqualTo(1);
    }

    @Test
    void shouldFireCronInZoneAndRollUpTarget_whenCronScheduleWithRollup() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = scheduleStream(nc, StorageType.Memory);
        assertThat(publish(nc, "sched.hourly", schedule("@hourly", "target.hourly"), "").has("error")).isFalse();

        publish(nc, "sched.cron", schedule("*/1 * * * * *", "target.cron").add("Nats-Schedule-Time-Zone",
            "Asia/Kolkata").add("Nats-Schedule-Rollup", "sub"), "beat");

        checkFor(WAIT, Duration.ofMillis(50), () -> assertThat(jsm.getLastMessage("S", "target.cron").getSeq())
            .isGreaterThan(3));
        checkFor(() -> assertThat(count(jsm, "target.cron")).as("each produced message rolls up the one before")
            .isEqualTo(1));
        String next = jsm.getLastMessage("S", "target.cron").getHeaders().getFirst("Nats-Schedule-Next");
        assertThat(next).endsWith("+05:30");
        assertThat(count(jsm, "target.hourly")).isZero();
    }

    @Test
    void shouldCopyLatestSourceMessage_whenSourceHeaderGiven() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = scheduleStream(nc, StorageType.Memory);
        publish(nc, "src.price", new Headers(), "1.00");
        publish(nc, "src.price", new Headers(), "1.25");

        publish(nc, "sched.src", schedule("@at " + inSeconds(0), "target.price")
            .add("Nats-Schedule-Source", "src.price"), "fallback");

        checkFor(WAIT, Duration.ofMillis(20), () -> assertThat(count(jsm, "target.price")).isEqualTo(1));
        assertThat(new String(jsm.getLastMessage("S", "target.price").getData(), StandardCharsets.UTF_8))
            .isEqualTo("1.25");
    }

    @Test
    void shouldCancelSchedule_whenScheduleMessageIsPurgedOrDeleted() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = scheduleStream(nc, StorageType.Memory);
        String soon = inSeconds(5);
        publish(nc, "sched.purged", schedule("@at " + soon, "target.purged"), "");
        long deletedSeq = publish(nc, "sched.deleted", schedule("@at " + soon, "target.deleted"), "")
            .path("seq").asLong();
        publish(nc, "sched.sentinel", schedule("@at " + inSeconds(6), "target.sentinel"), "");

        jsm.purgeStream("S", PurgeOptions.subject("sched.purged"));
        jsm.deleteMessage("S", deletedSeq);

        checkFor(WAIT, Duration.ofMillis(20), () -> assertThat(count(jsm, "target.sentinel")).isEqualTo(1));
        assertThat(count(jsm, "target.purged")).isZero();
        assertThat(count(jsm, "target.deleted")).isZero();
    }

    @Test
    void shouldFireAfterRestart_whenScheduleWasStoredBefore() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement before = scheduleStream(nc, StorageType.File);
        publish(nc, "sched.r", schedule("@at " + inSeconds(3), "target.r"), "survives");
        assertThat(count(before, "target.r")).as("not fired before the restart").isZero();
        nc.close();

        jnatsd.restartOnSamePort();

        JetStreamManagement jsm = jnatsd.connect().jetStreamManagement();
        checkFor(WAIT, Duration.ofMillis(50), () -> assertThat(count(jsm, "target.r")).isEqualTo(1));
        assertThat(new String(jsm.getLastMessage("S", "target.r").getData(), StandardCharsets.UTF_8))
            .isEqualTo("survives");
    }

    @Test
    void shouldRefuseWithReferenceErrors_whenScheduleInvalid() throws Exception {
        Connection nc = jnatsd.connect();
        scheduleStream(nc, StorageType.Memory);
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("PLAIN").subjects("plain.>")
            .storageType(StorageType.Memory).build());

        assertError(publish(nc, "plain.a", schedule("@every 1s", "plain.b"), ""), 10188);
        assertError(publish(nc, "sched.x", schedule("every second", "target.x"), ""), 10189);
        assertError(publish(nc, "sched.x", schedule("@every 100ms", "target.x"), ""), 10189);
        assertError(publish(nc, "sched.x", schedule("@every 1s", "target.x").add("Nats-Schedule-Time-Zone",
            "Europe/Paris"), ""), 10189);
        assertError(publish(nc, "sched.x", schedule("@daily", "target.x").add("Nats-Schedule-Time-Zone",
            "Mars/Olympus"), ""), 10223);
        assertError(publish(nc, "sched.x", schedule("@every 1s", "sched.x"), ""), 10190);
        assertError(publish(nc, "sched.x", schedule("@every 1s", "elsewhere"), ""), 10190);
        assertError(publish(nc, "sched.x", schedule("@every 1s", "target.x").add("Nats-Schedule-TTL", "soon"), ""),
            10191);
        assertError(publish(nc, "sched.x", schedule("@every 1s", "target.x").add("Nats-Schedule-Rollup", "all"), ""),
            10192);
        assertError(publish(nc, "sched.x", schedule("@every 1s", "target.x").add("Nats-Schedule-Source",
            "target.x"), ""), 10203);
        assertError(publish(nc, "sched.x", schedule("@every 1s", "target.x").add("Nats-Schedule-TTL", "5s"), ""),
            10166);
        assertError(publish(nc, "target.x", new Headers().add("Nats-Scheduler", "sched.x"), ""), 10212);
        assertError(publish(nc, "target.x", new Headers().add("Nats-Scheduler", "sched.x")
            .add("Nats-Schedule-Next", "2030-01-01T00:00:00Z"), ""), 10212);
        assertThat(nc.jetStreamManagement().getStreamInfo("S").getStreamState().getMsgCount()).isZero();
    }

    @Test
    void shouldEndSchedule_whenClientPublishesPurgeForIt() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = scheduleStream(nc, StorageType.Memory);
        publish(nc, "sched.p", schedule("@every 1h", "target.p"), "");

        JsonNode ack = publish(nc, "target.p", new Headers().add("Nats-Scheduler", "sched.p")
            .add("Nats-Schedule-Next", "purge"), "");

        assertThat(ack.has("error")).as(ack.toString()).isFalse();
        assertThat(count(jsm, "sched.p")).isZero();
    }

    @Test
    void shouldFireSchedules_whenEnabledByStreamUpdate() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        StreamConfiguration plain = jsm.addStream(StreamConfiguration.builder().name("S").subjects("sched.>",
            "target.>").storageType(StorageType.Memory).build()).getConfiguration();
        assertError(publish(nc, "sched.u", schedule("@at " + inSeconds(0), "target.u"), ""), 10188);

        jsm.updateStream(StreamConfiguration.builder(plain).allowMessageSchedules(true).build());
        publish(nc, "sched.u", schedule("@at " + inSeconds(0), "target.u"), "now");

        checkFor(WAIT, Duration.ofMillis(20), () -> assertThat(count(jsm, "target.u")).isEqualTo(1));
    }

    @Test
    void shouldRefuseWholeBatch_whenAtomicBatchHoldsInvalidSchedule() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("B").subjects("b.>").storageType(StorageType.Memory)
            .allowMessageSchedules(true).allowAtomicPublish(true).build());

        publish(nc, "b.first", new Headers().add("Nats-Batch-Id", "x").add("Nats-Batch-Sequence", "1"), "one");
        JsonNode ack = publish(nc, "b.sched", schedule("@every 1s", "nowhere").add("Nats-Batch-Id", "x")
            .add("Nats-Batch-Sequence", "2").add("Nats-Batch-Commit", "1"), "two");

        assertError(ack, 10190);
        assertThat(jsm.getStreamInfo("B").getStreamState().getMsgCount()).isZero();
    }

    @Test
    void shouldApplyReferenceRules_whenStreamConfigAllowsSchedules() throws Exception {
        Connection nc = jnatsd.connect();
        JetStreamManagement jsm = nc.jetStreamManagement();
        StreamConfiguration created = jsm.addStream(StreamConfiguration.builder().name("R").subjects("r.>")
            .storageType(StorageType.Memory).allowMessageSchedules(true).build()).getConfiguration();
        assertThat(created.getAllowRollup()).as("roll-ups are turned on").isTrue();

        assertApiError(() -> jsm.updateStream(StreamConfiguration.builder(created).allowMessageSchedules(false)
            .build()), 10052, "message schedules can not be disabled");
        assertApiError(() -> jsm.addStream(StreamConfiguration.builder().name("DN").subjects("dn")
            .storageType(StorageType.Memory).allowMessageSchedules(true)
            .discardPolicy(io.nats.client.api.DiscardPolicy.New).build()), 10052,
            "message scheduling cannot use discard new");
        assertApiError(() -> jsm.addStream(StreamConfiguration.builder().name("M").storageType(StorageType.Memory)
            .mirror(io.nats.client.api.Mirror.builder().name("R").build()).allowMessageSchedules(true).build()),
            10186, "stream mirrors can not also schedule messages");
        assertApiError(() -> jsm.addStream(StreamConfiguration.builder().name("SRC").storageType(StorageType.Memory)
            .sources(io.nats.client.api.Source.builder().name("R").build()).allowMessageSchedules(true).build()),
            10187, "stream source can not also schedule messages");
    }

    private interface ApiCall {
        void run() throws Exception;
    }

    private static void assertApiError(ApiCall call, int errCode, String descriptionPart) throws Exception {
        try {
            call.run();
            throw new AssertionError("expected error " + errCode);
        } catch (JetStreamApiException e) {
            assertThat(e.getApiErrorCode()).as(e.getMessage()).isEqualTo(errCode);
            assertThat(e.getErrorDescription()).contains(descriptionPart);
        }
    }

    private static JetStreamManagement scheduleStream(Connection nc, StorageType storage) throws Exception {
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("S").subjects("sched.>", "target.>", "src.>")
            .storageType(storage).allowMessageSchedules(true).allowMessageTtl(storage == StorageType.File).build());
        return jsm;
    }

    private static String inSeconds(int seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Headers schedule(String pattern, String target) {
        return new Headers().add("Nats-Schedule", pattern).add("Nats-Schedule-Target", target);
    }

    private static long count(JetStreamManagement jsm, String subject) throws Exception {
        return jsm.getStreamInfo("S", io.nats.client.api.StreamInfoOptions.filterSubjects(subject))
            .getStreamState().getSubjectMap().getOrDefault(subject, 0L);
    }

    private static JsonNode publish(Connection nc, String subject, Headers headers, String payload) throws Exception {
        Message reply = nc.request(NatsMessage.builder().subject(subject).headers(headers)
            .data(payload.getBytes(StandardCharsets.UTF_8)).build(), WAIT);
        assertThat(reply).as("PubAck for %s", subject).isNotNull();
        return JSON.readTree(reply.getData());
    }

    private static void assertError(JsonNode ack, int errCode) {
        assertThat(ack.path("error").path("err_code").asInt()).as(ack.toString()).isEqualTo(errCode);
        assertThat(ack.path("error").path("code").asInt()).isEqualTo(400);
    }
}
