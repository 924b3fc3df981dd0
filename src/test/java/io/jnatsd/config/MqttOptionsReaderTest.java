package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.config.GatewayOptionsReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class MqttOptionsReaderTest {

    @Test
    void shouldReadEveryKeyWithDefaults_whenAnMqttBlockIsGiven() throws ConfException {
        List<String> warnings = new ArrayList<>();
        MqttOptions m = read("""
                mqtt {
                  port: 1883
                  authorization { token: tok }
                  ack_wait: "1m"
                  max_inflight: 100
                  js_domain: hub
                  stream_replicas: 3
                  consumer_replicas: 1
                  consumer_memory_storage: true
                  consumer_inactive_threshold: "1h"
                  reject_qos2_publish: true
                  downgrade_qos2_subscribe: true
                }
                """, warnings).mqtt();

        assertThat(m.host()).isEqualTo("0.0.0.0");
        assertThat(m.port()).isEqualTo(1883);
        assertThat(m.token()).isEqualTo("tok");
        assertThat(m.ackWait()).isEqualTo(Duration.ofMinutes(1));
        assertThat(m.jsApiTimeout()).isEqualTo(MqttOptions.JS_API_TIMEOUT_DEFAULT);
        assertThat(m.maxAckPending()).isEqualTo(100);
        assertThat(m.jsDomain()).isEqualTo("hub");
        assertThat(m.streamReplicas()).isEqualTo(3);
        assertThat(m.consumerMemoryStorage()).isTrue();
        assertThat(m.consumerInactiveThreshold()).isEqualTo(Duration.ofHours(1));
        assertThat(m.rejectQos2Publish()).isTrue();
        assertThat(m.downgradeQos2Subscribe()).isTrue();
        assertThat(m.toString()).doesNotContain("tok,");
        assertThat(warnings).anyMatch(w -> w.contains("consumer replicas setting ignored in this server version"));
        assertThat(warnings).anyMatch(w -> w.contains("\"mqtt.ack_wait\" is parsed but not implemented"));
    }

    @Test
    void shouldHaveTheReferenceDefaults_whenNoBlockIsGiven() {
        assertThat(MqttOptions.NONE.ackWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(MqttOptions.NONE.maxAckPending()).isEqualTo(1024);
        assertThat(MqttOptions.NONE.jsApiTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(MqttOptions.NONE.configured()).isFalse();
    }

    @Test
    void shouldRefuseWithTheReferenceErrors_whenTheBlockIsWrong() {
        assertThatThrownBy(() -> read("mqtt { port: 1, max_ack_pending: 70000 }", new ArrayList<>()))
                .hasMessageContaining("invalid value 70000, should in [0..65535] range");
        assertThatThrownBy(() -> read("mqtt { port: 1, stream_replicas: 1, consumer_replicas: 3 }",
                new ArrayList<>())).hasMessageContaining("consumer_replicas (3) cannot be higher than stream_replicas (1)");
        assertThatThrownBy(() -> read("mqtt { port: 1, authorization { colour: red } }", new ArrayList<>()))
                .hasMessageContaining("unknown field \"colour\"");
    }
}
