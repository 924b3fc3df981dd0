package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.store.FileIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerStateFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadBackWhatWasWritten_whenStateAndMetaSaved() throws Exception {
        ConsumerStateFile f = new ConsumerStateFile(FileIo.DEFAULT, dir.resolve("obs").resolve("c"));
        assertThat(f.readState()).isNull();
        ConsumerState s = new ConsumerState(10, 12, 8, 9,
            List.of(new ConsumerState.PendingEntry(11, 9, 123L)), List.of(new ConsumerState.RedeliveredEntry(11, 2)));
        f.writeState(s);
        ConsumerConfig.Builder b = ConsumerConfig.builder();
        b.durable = "c";
        ConsumerMeta meta = new ConsumerMeta(Instant.parse("2026-01-01T00:00:00Z"), "c", b.build());
        f.writeMeta(meta);
        assertThat(f.readState()).isEqualTo(s);
        assertThat(f.readMeta()).isEqualTo(meta);
        assertThat(Files.list(f.dir()).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("o.dat",
            "meta.inf");
        f.delete();
        assertThat(Files.exists(f.dir())).isFalse();
    }

    @Test
    void shouldKeepNewerSnapshot_whenOlderGenerationArrivesLate() throws Exception {
        ConsumerStateFile f = new ConsumerStateFile(FileIo.DEFAULT, dir.resolve("obs").resolve("g"));
        ConsumerState older = new ConsumerState(1, 1, 0, 0, List.of(), List.of());
        ConsumerState newer = new ConsumerState(2, 2, 2, 2, List.of(), List.of());
        assertThat(f.writeStateIfNewer(newer, 2)).isTrue();
        assertThat(f.writeStateIfNewer(older, 1)).isFalse();
        assertThat(f.readState()).isEqualTo(newer);
    }

    @Test
    void shouldWriteNothing_whenDeleted() throws Exception {
        ConsumerStateFile f = new ConsumerStateFile(FileIo.DEFAULT, dir.resolve("obs").resolve("d"));
        f.writeState(new ConsumerState(1, 1, 0, 0, List.of(), List.of()));
        f.delete();
        assertThat(f.writeStateIfNewer(new ConsumerState(2, 2, 2, 2, List.of(), List.of()), 5)).isFalse();
        assertThat(Files.exists(f.dir())).isFalse();
    }
}
