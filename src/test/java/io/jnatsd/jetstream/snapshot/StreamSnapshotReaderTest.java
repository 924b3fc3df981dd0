package io.jnatsd.jetstream.snapshot;

import io.jnatsd.jetstream.store.MemStore;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.store.StreamStoreConfig;
import io.jnatsd.jetstream.stream.ConsumerSnapshots;
import io.jnatsd.jetstream.stream.JsJson;
import io.jnatsd.jetstream.stream.StreamConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamSnapshotReaderTest {

    private static StreamConfig config() throws IOException {
        return JsJson.MAPPER.readValue("{\"name\":\"S\",\"subjects\":[\"s.>\"]}", StreamConfig.class);
    }

    private static byte[] snapshotOf(StreamStore store, List<ConsumerSnapshots.Saved> consumers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamSnapshotWriter.write(config(), 123_000_000L, store, store.state(), consumers, out);
        return out.toByteArray();
    }

    @Test
    void shouldGiveBackTheSameStateAndMessages_whenAnArchiveIsReadIntoANewStore() throws IOException {
        StreamStore src = new MemStore(StreamStoreConfig.unlimited("S"));
        for (int i = 1; i <= 12; i++) {
            src.storeMsg("s." + (i % 3), ("h" + i).getBytes(StandardCharsets.UTF_8), new byte[]{(byte) i}, 0);
        }
        src.removeMsg(1);
        src.removeMsg(5);
        src.removeMsg(12);
        byte[] archive = snapshotOf(src, List.of(new ConsumerSnapshots.Saved("D",
            "{\"name\":\"D\"}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8))));

        StreamSnapshotReader r = new StreamSnapshotReader(new ByteArrayInputStream(archive));
        StreamSnapshotReader.Header h = r.readHeader();
        assertThat(h.config().name()).isEqualTo("S");
        assertThat(h.createdNanos()).isEqualTo(123_000_000L);
        StreamStore dst = new MemStore(StreamStoreConfig.unlimited("S"));
        r.fill(dst, h, h.config(), bytes -> { });
        assertThat(dst.state()).isEqualTo(src.state());
        for (long seq = 2; seq <= 11; seq++) {
            if (seq != 5) {
                assertThat(dst.loadMsg(seq)).isEqualTo(src.loadMsg(seq));
            }
        }
        assertThat(r.readConsumers()).extracting(ConsumerSnapshots.Saved::name).containsExactly("D");
    }

    @Test
    void shouldRefuse_whenTheArchiveIsNotAJnatsdSnapshot() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(io.jnatsd.compress.S2FrameWriter.s2(out))) {
            tar.add("meta.inf", new byte[10]);
        }
        StreamSnapshotReader r = new StreamSnapshotReader(new ByteArrayInputStream(out.toByteArray()));
        assertThatThrownBy(r::readHeader).isInstanceOf(IOException.class)
            .hasMessageContaining("not a jnatsd stream snapshot");
    }

    @Test
    void shouldStopTheFill_whenTheByteCheckRefuses() throws IOException {
        StreamStore src = new MemStore(StreamStoreConfig.unlimited("S"));
        src.storeMsg("s.a", null, new byte[100], 0);
        StreamSnapshotReader r = new StreamSnapshotReader(new ByteArrayInputStream(snapshotOf(src, List.of())));
        StreamSnapshotReader.Header h = r.readHeader();
        StreamStore dst = new MemStore(StreamStoreConfig.unlimited("S"));
        assertThatThrownBy(() -> r.fill(dst, h, h.config(), bytes -> {
            throw new IllegalStateException("too big: " + bytes);
        })).hasMessageStartingWith("too big");
        assertThat(dst.state().msgs()).isZero();
    }
}
