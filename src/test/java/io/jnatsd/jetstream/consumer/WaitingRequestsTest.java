package io.jnatsd.jetstream.consumer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WaitingRequestsTest {

    private static final long NOW = 1_000_000_000L;
    private final List<String> statuses = new ArrayList<>();

    private static PullRequest request(int batch, int priority) {
        return new PullRequest(batch, 0, 0, false, 0, "A", 0, 0, "", priority, true);
    }

    private String serve(WaitingRequests w, WaitingRequests.Gate gate) {
        WaitingRequests.Request r = w.next(10, NOW, s -> true, (s, h) -> statuses.add(s), gate);
        return r == null ? null : r.reply();
    }

    @Test
    void shouldServeRequestsRoundRobin_whenNoPriority() {
        WaitingRequests w = new WaitingRequests(0);
        w.add("a", request(2, 0), NOW);
        w.add("b", request(2, 0), NOW);
        assertThat(List.of(serve(w, WaitingRequests.OPEN), serve(w, WaitingRequests.OPEN),
            serve(w, WaitingRequests.OPEN), serve(w, WaitingRequests.OPEN))).containsExactly("a", "b", "a", "b");
        assertThat(w.isEmpty()).isTrue();
    }

    @Test
    void shouldServeLowestPriorityFirst_andRequeueWithinLevel_whenPrioritized() {
        WaitingRequests w = new WaitingRequests(0, true);
        w.add("low", request(1, 7), NOW);
        w.add("high1", request(2, 1), NOW);
        w.add("high2", request(1, 1), NOW);
        assertThat(List.of(serve(w, WaitingRequests.OPEN), serve(w, WaitingRequests.OPEN),
            serve(w, WaitingRequests.OPEN), serve(w, WaitingRequests.OPEN)))
            .containsExactly("high1", "high2", "high1", "low");
    }

    @Test
    void shouldSkipHeldRequests_andReturnNull_whenGateHoldsAll() {
        WaitingRequests w = new WaitingRequests(0);
        w.add("a", request(1, 0), NOW);
        w.add("b", request(1, 0), NOW);
        WaitingRequests.Gate onlyB = new WaitingRequests.Gate() {
            @Override
            public int check(WaitingRequests.Request r) {
                return r.reply().equals("b") ? SERVE : SKIP;
            }

            @Override
            public void refused(WaitingRequests.Request r) {
            }
        };
        assertThat(serve(w, onlyB)).isEqualTo("b");
        assertThat(serve(w, onlyB)).isNull();
        assertThat(w.size()).isEqualTo(1);
        assertThat(statuses).isEmpty();
    }

    @Test
    void shouldRemoveRequest_whenGateDrops() {
        WaitingRequests w = new WaitingRequests(0);
        w.add("a", request(1, 0), NOW);
        WaitingRequests.Gate drop = new WaitingRequests.Gate() {
            @Override
            public int check(WaitingRequests.Request r) {
                return DROP;
            }

            @Override
            public void refused(WaitingRequests.Request r) {
            }
        };
        assertThat(serve(w, drop)).isNull();
        assertThat(w.isEmpty()).isTrue();
    }
}
