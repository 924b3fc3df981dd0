package io.jnatsd.jetstream.consumer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerConfigJsonTest {

    @Test
    void shouldWriteReferenceNamesAndOmitEmpty_whenSerialised() {
        ConsumerConfig.Builder b = ConsumerConfig.builder();
        b.durable = "d";
        b.ackPolicy = AckPolicy.EXPLICIT;
        b.ackWaitNanos = 30_000_000_000L;
        String json = new String(ConsumerJson.write(b.build()), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"durable_name\":\"d\",\"deliver_policy\":\"all\",\"ack_policy\":\"explicit\","
            + "\"ack_wait\":30000000000,\"replay_policy\":\"instant\",\"num_replicas\":0}");
    }

    @Test
    void shouldReadEveryField_whenJnatsSendsThem() throws Exception {
        String json = "{\"durable_name\":\"d\",\"name\":\"d\",\"description\":\"x\",\"deliver_policy\":"
            + "\"by_start_time\",\"opt_start_time\":\"2024-01-02T03:04:05.123456789Z\",\"ack_policy\":\"all\","
            + "\"ack_wait\":5,\"max_deliver\":3,\"backoff\":[1,2],\"filter_subjects\":[\"a\",\"b\"],"
            + "\"replay_policy\":\"original\",\"rate_limit_bps\":9,\"sample_freq\":\"50%\",\"max_ack_pending\":7,"
            + "\"flow_control\":true,\"headers_only\":true,\"deliver_subject\":\"in\",\"deliver_group\":\"q\","
            + "\"idle_heartbeat\":100000000,\"inactive_threshold\":8,\"num_replicas\":1,\"mem_storage\":true,"
            + "\"metadata\":{\"k\":\"v\"},\"pause_until\":\"2030-01-01T00:00:00+01:00\",\"unknown_future\":1}";
        ConsumerConfig c = ConsumerJson.read(json.getBytes(StandardCharsets.UTF_8), ConsumerConfig.class);
        assertThat(c.deliverPolicy()).isEqualTo(DeliverPolicy.BY_START_TIME);
        assertThat(c.optStartTime()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123456789Z"));
        assertThat(c.backoffNanos()).containsExactly(1L, 2L);
        assertThat(c.filters()).containsExactly("a", "b");
        assertThat(c.replayPolicy()).isEqualTo(ReplayPolicy.ORIGINAL);
        assertThat(c.metadata()).isEqualTo(Map.of("k", "v"));
        assertThat(c.pauseUntil()).isEqualTo(Instant.parse("2029-12-31T23:00:00Z"));
        ConsumerConfig again = ConsumerJson.read(ConsumerJson.write(c), ConsumerConfig.class);
        assertThat(again).isEqualTo(c);
        assertThat(new String(ConsumerJson.write(c), StandardCharsets.UTF_8))
            .contains("\"opt_start_time\":\"2024-01-02T03:04:05.123456789Z\"");
    }

    @Test
    void shouldDefaultPolicies_whenAbsent() throws Exception {
        ConsumerConfig c = ConsumerJson.read("{}".getBytes(StandardCharsets.UTF_8), ConsumerConfig.class);
        assertThat(c.ackPolicy()).isEqualTo(AckPolicy.NONE);
        assertThat(c.deliverPolicy()).isEqualTo(DeliverPolicy.ALL);
        assertThat(c.filters()).isEqualTo(List.of());
    }
}
