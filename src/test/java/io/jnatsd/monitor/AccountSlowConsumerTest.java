package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** A subscriber cut as a slow consumer is counted in its account's /accstatz line and metrics. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccountSlowConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long MAX_PENDING_BYTES = 256 * 1024;
    private static final int ROUND_MESSAGES = 128;
    private static final int PAYLOAD_BYTES = 1024;
    private static final int SMALL_RECEIVE_BUFFER_BYTES = 4096;
    /** Far more than the socket buffers and max_pending hold together: a bound on the flood. */
    private static final long FLOOD_LIMIT_MESSAGES = 256L * 1024;

    private MonitorTestSupport env;

    @AfterEach
    void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void shouldCountSlowConsumerInItsAccount_whenASubscriberStopsReading() throws Exception {
        env = MonitorTestSupport.start(ServerOptions.builder().maxPendingBytes(MAX_PENDING_BYTES));
        try (RawNatsSocket stuck = RawNatsSocket.open(env.server.clientPort(), SMALL_RECEIVE_BUFFER_BYTES);
             Connection healthy = env.connect(); Connection pub = env.connect()) {
            stuck.handshake("{\"verbose\":false,\"protocol\":1}");
            stuck.send("SUB flood 1\r\nPING\r\n").readLineStartingWith("PONG");
            Subscription healthySub = healthy.subscribe("flood");
            healthy.flush(WAIT);
            byte[] payload = new byte[PAYLOAD_BYTES];
            long sent = 0;
            while (env.server.stats().slowConsumers() == 0 && sent < FLOOD_LIMIT_MESSAGES) {
                for (int i = 0; i < ROUND_MESSAGES; i++) {
                    pub.publish("flood", payload);
                }
                sent += ROUND_MESSAGES;
                pub.flush(WAIT);
                long expected = sent;
                checkFor(() -> assertThat(healthySub.getPendingMessageCount() + healthySub.getDeliveredCount())
                        .isEqualTo(expected));
            }
            assertThat(env.server.stats().slowConsumers()).isEqualTo(1);
            JsonNode g = env.json("/accstatz").get("account_statz").get(0);
            assertThat(g.get("acc").asText()).isEqualTo("$G");
            assertThat(g.get("slow_consumers").asLong()).isEqualTo(1);
            assertThat(env.get("/metrics").body()).contains("gnatsd_accstatz_slow_consumers{server_id=\""
                    + env.server.serverId() + "\",account=\"$G\",account_id=\"$G\",account_name=\"$G\"} 1\n");
            assertThat(env.get("/accstatz?unused=maybe").statusCode()).isEqualTo(400);
        }
    }
}
