package io.jnatsd.jetstream.snapshot;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarReaderTest {

    private static byte[] archive() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(out)) {
            tar.add("a.json", "{}".getBytes(StandardCharsets.UTF_8));
            tar.add("msgs/1.blk", new byte[1500]);
            tar.add("empty", new byte[0]);
        }
        return out.toByteArray();
    }

    @Test
    void shouldReadEveryEntry_whenWrittenByTarWriter() throws IOException {
        byte[] bytes = archive();
        assertThat(bytes.length % 512).isZero();
        TarReader r = new TarReader(new ByteArrayInputStream(bytes));
        TarReader.Entry a = r.next();
        assertThat(a).isEqualTo(new TarReader.Entry("a.json", 2));
        assertThat(new String(r.readAll(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(r.next()).isEqualTo(new TarReader.Entry("msgs/1.blk", 1500));
        assertThat(r.next()).isEqualTo(new TarReader.Entry("empty", 0));
        assertThat(r.next()).isNull();
    }

    @Test
    void shouldRefuseTheHeader_whenItsChecksumDoesNotHold() throws IOException {
        byte[] bytes = archive();
        bytes[3] ^= 1;
        TarReader r = new TarReader(new ByteArrayInputStream(bytes));
        assertThatThrownBy(r::next).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }

    @Test
    void shouldFail_whenAnEntryIsCutShort() throws IOException {
        byte[] bytes = archive();
        byte[] cut = java.util.Arrays.copyOf(bytes, 512 + 512 + 512 + 100);
        TarReader r = new TarReader(new ByteArrayInputStream(cut));
        r.next();
        r.next();
        assertThatThrownBy(r::readAll).isInstanceOf(IOException.class);
    }
}
