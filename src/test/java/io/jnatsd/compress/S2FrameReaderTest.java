package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xerial.snappy.SnappyFramedOutputStream;

/** The framed format: Snappy streams from snappy-java, chunk types, checksums, concatenation. */
@Timeout(20)
class S2FrameReaderTest {

    @Test
    void shouldReadSnappyFramedStream_whenWrittenBySnappyJava() throws Exception {
        Random rnd = new Random(3);
        for (int len : new int[] {0, 1, 100, 65_536, 65_537, 400_000}) {
            byte[] data = S2BlockEncoderTest.sample(rnd, len);
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (SnappyFramedOutputStream out = new SnappyFramedOutputStream(bos)) {
                out.write(data);
            }
            assertThat(S2FrameReader.decompress(bos.toByteArray())).isEqualTo(data);
        }
    }

    @Test
    void shouldSkipPaddingAndSkippableChunksAndReadConcatenation_whenPresent() throws Exception {
        byte[] a = S2FrameWriter.compress("first part ".repeat(50).getBytes(), false);
        byte[] b = S2FrameWriter.compress("second".getBytes(), true);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(a);
        s.write(new byte[] {(byte) 0xFE, 3, 0, 0, 0, 0, 0});
        s.write(new byte[] {(byte) 0x99, 2, 0, 0, 7, 7});
        s.write(b);
        assertThat(new String(S2FrameReader.decompress(s.toByteArray()))).isEqualTo("first part ".repeat(50)
            + "second");
    }

    @Test
    void shouldRefuse_whenChecksumWrongOrReservedChunkOrNoIdentifier() {
        byte[] ok = S2FrameWriter.compress("checksummed data ".repeat(10).getBytes(), false);
        byte[] badCrc = ok.clone();
        badCrc[14] ^= 1;
        assertThatThrownBy(() -> S2FrameReader.decompress(badCrc)).isInstanceOf(CorruptInputException.class);
        byte[] reserved = java.util.Arrays.copyOf(ok, ok.length + 5);
        System.arraycopy(new byte[] {0x02, 1, 0, 0, 0}, 0, reserved, ok.length, 5);
        assertThatThrownBy(() -> S2FrameReader.decompress(reserved)).isInstanceOf(CorruptInputException.class);
        byte[] noId = java.util.Arrays.copyOfRange(ok, 10, ok.length);
        assertThatThrownBy(() -> S2FrameReader.decompress(noId)).isInstanceOf(CorruptInputException.class);
        byte[] cut = java.util.Arrays.copyOf(ok, ok.length - 2);
        assertThatThrownBy(() -> S2FrameReader.decompress(cut)).isInstanceOf(java.io.EOFException.class);
    }
}
