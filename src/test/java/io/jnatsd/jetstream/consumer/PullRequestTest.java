package io.jnatsd.jetstream.consumer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PullRequestTest {

    private static PullRequest parse(String s) {
        return PullRequest.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAskForOne_whenBodyEmpty() {
        assertThat(parse("")).isEqualTo(PullRequest.ONE);
        assertThat(parse("  7 ").batch()).isEqualTo(7);
    }

    @Test
    void shouldReadEveryField_whenJson() {
        PullRequest r = parse("{\"batch\":10,\"expires\":5000000000,\"max_bytes\":1024,\"no_wait\":true,"
            + "\"idle_heartbeat\":1000000000,\"group\":\"g\",\"min_pending\":3,\"min_ack_pending\":4,\"id\":\"pin\","
            + "\"priority\":2}");
        assertThat(r).isEqualTo(new PullRequest(10, 5_000_000_000L, 1024, true, 1_000_000_000L, "g", 3, 4, "pin", 2,
            true));
    }

    @Test
    void shouldRefuse_whenHeartbeatOverHalfExpires() {
        assertThatThrownBy(() -> parse("{\"batch\":1,\"expires\":1000,\"idle_heartbeat\":600}"))
            .hasMessage("heartbeat value too large");
    }
}
