package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.store.MemStore;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.store.StreamStoreConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code MsgScheduling} of {@code server/scheduler.go}: what fires when, driven by an explicit clock. */
class MsgSchedulesTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = nanos("2026-01-01T00:00:00Z");

    private final StreamStore store = new MemStore(StreamStoreConfig.unlimited("S"));
    private final MsgSchedules schedules = new MsgSchedules();

    private static long nanos(String rfc3339) {
        Instant i = Instant.parse(rfc3339);
        return i.getEpochSecond() * SECOND + i.getNano();
    }

    private static byte[] headers(String... nameValues) {
        StringBuilder sb = new StringBuilder("NATS/1.0\r\n");
        for (int i = 0; i < nameValues.length; i += 2) {
            sb.append(nameValues[i]).append(": ").append(nameValues[i + 1]).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private long store(String subject, byte[] hdr, String payload, long now) {
        long seq = store.storeMsg(subject, hdr, payload.getBytes(StandardCharsets.UTF_8), 0);
        schedules.onStored(seq, subject, hdr, now, now);
        return seq;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void shouldProduceOnceWithPurge_whenAtScheduleIsDue() {
        store("sched.a", headers("Nats-Schedule", "@at 2026-01-01T00:00:05Z", "Nats-Schedule-Target", "out.a",
            "Nats-Msg-Id", "m1", "Nats-Expected-Last-Sequence", "0", "Nats-Rollup", "sub", "X-App", "1"), "hi", T0);

        assertThat(schedules.nextFireNanos()).isEqualTo(T0 + 5 * SECOND);
        assertThat(schedules.fireDue(store, T0 + 4 * SECOND)).isEmpty();
        List<MsgSchedules.Produced> due = schedules.fireDue(store, T0 + 5 * SECOND);

        assertThat(due).hasSize(1);
        assertThat(due.get(0).subject()).isEqualTo("out.a");
        assertThat(text(due.get(0).payload())).isEqualTo("hi");
        assertThat(text(due.get(0).headers())).isEqualTo(
            "NATS/1.0\r\nX-App: 1\r\nNats-Scheduler: sched.a\r\nNats-Schedule-Next: purge\r\n\r\n");
        assertThat(schedules.fireDue(store, T0 + 6 * SECOND)).as("in flight until stored").isEmpty();
    }

    @Test
    void shouldMoveToNextTime_whenProducedMessageOfRepeatingScheduleIsStored() {
        store("sched.e", headers("Nats-Schedule", "@every 2s", "Nats-Schedule-Target", "out.e",
            "Nats-Schedule-TTL", "5s", "Nats-Schedule-Rollup", "sub"), "tick", T0);
        List<MsgSchedules.Produced> first = schedules.fireDue(store, T0 + 2 * SECOND);
        assertThat(first).hasSize(1);
        assertThat(text(first.get(0).headers())).isEqualTo("NATS/1.0\r\nNats-Scheduler: sched.e\r\n"
            + "Nats-Schedule-Next: 2026-01-01T00:00:04Z\r\nNats-TTL: 5s\r\nNats-Rollup: sub\r\n\r\n");

        store("out.e", first.get(0).headers(), "tick", T0 + 2 * SECOND);

        assertThat(schedules.nextFireNanos()).isEqualTo(T0 + 4 * SECOND);
        assertThat(schedules.fireDue(store, T0 + 4 * SECOND)).hasSize(1);
        assertThat(schedules.size()).isEqualTo(1);
    }

    @Test
    void shouldUseSourceLastMessage_whenSourceHeaderGiven() {
        store("src.a", headers("X-V", "1"), "v1", T0);
        store("src.a", null, "v2", T0);
        store("sched.s", headers("Nats-Schedule", "@at 2026-01-01T00:00:01Z", "Nats-Schedule-Target", "out.s",
            "Nats-Schedule-Source", "src.a"), "own", T0);

        List<MsgSchedules.Produced> due = schedules.fireDue(store, T0 + SECOND);

        assertThat(text(due.get(0).payload())).isEqualTo("v2");
        assertThat(text(due.get(0).headers())).isEqualTo(
            "NATS/1.0\r\nNats-Scheduler: sched.s\r\nNats-Schedule-Next: purge\r\n\r\n");
    }

    @Test
    void shouldDropSchedule_whenItsMessageIsGoneOrReplaced() {
        long seq = store("sched.a", headers("Nats-Schedule", "@every 1s", "Nats-Schedule-Target", "out"), "", T0);
        store("sched.b", headers("Nats-Schedule", "@every 1s", "Nats-Schedule-Target", "out"), "", T0);
        store("sched.c", headers("Nats-Schedule", "@every 1s", "Nats-Schedule-Target", "out"), "", T0);
        store.removeMsg(seq);
        store("sched.b", null, "plain message ends the schedule", T0);

        List<MsgSchedules.Produced> due = schedules.fireDue(store, T0 + SECOND);

        assertThat(due).extracting(p -> text(p.headers())).singleElement().asString().contains("sched.c");
        assertThat(schedules.size()).isEqualTo(1);
    }

    @Test
    void shouldFireInSequenceOrder_whenSeveralAreDue() {
        store("sched.b", headers("Nats-Schedule", "@at 2026-01-01T00:00:02Z", "Nats-Schedule-Target", "o.b"), "", T0);
        store("sched.a", headers("Nats-Schedule", "@at 2026-01-01T00:00:01Z", "Nats-Schedule-Target", "o.a"), "", T0);

        assertThat(schedules.fireDue(store, T0 + 3 * SECOND)).extracting(MsgSchedules.Produced::subject)
            .containsExactly("o.b", "o.a");
    }

    @Test
    void shouldRebuildSchedules_whenRecoveredFromStore() {
        store.storeMsg("sched.a", headers("Nats-Schedule", "@at 2026-01-01T00:00:03Z", "Nats-Schedule-Target", "o"),
            new byte[0], 0);
        store.storeMsg("sched.bad", headers("Nats-Schedule", "nonsense", "Nats-Schedule-Target", "o"), new byte[0], 0);
        store.storeMsg("other", null, new byte[0], 0);

        schedules.recover(store, T0);

        assertThat(schedules.size()).isEqualTo(1);
        assertThat(schedules.nextFireNanos()).isEqualTo(T0 + 3 * SECOND);
    }
}
