package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.SnappyFramedInputStream;

/** The framed writer: round trips in chunks of any size, Snappy streams that snappy-java reads. */
class S2FrameWriterTest {

    @Property(tries = 60)
    void shouldRoundTrip_whenWrittenInPieces(@ForAll @IntRange(max = 3_000_000) int len,
                                             @ForAll @IntRange(min = 1, max = 70_000) int piece,
                                             @ForAll @IntRange(min = 1, max = 300_000) int blockBytes,
                                             @ForAll long seed) throws Exception {
        byte[] data = S2BlockEncoderTest.sample(new Random(seed), len);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (S2FrameWriter w = new S2FrameWriter(bos, false, blockBytes)) {
            for (int p = 0; p < len; p += piece) {
                w.write(data, p, Math.min(piece, len - p));
            }
        }
        assertThat(S2FrameReader.decompress(bos.toByteArray())).isEqualTo(data);
    }

    @Test
    void shouldBeReadableBySnappyJava_whenSnappyMode() throws Exception {
        Random rnd = new Random(9);
        for (int len : new int[] {0, 10, 65_536, 200_001}) {
            byte[] data = S2BlockEncoderTest.sample(rnd, len);
            byte[] framed = S2FrameWriter.compress(data, true);
            try (SnappyFramedInputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(framed))) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    void shouldStartWithS2Identifier_whenS2Mode() {
        byte[] framed = S2FrameWriter.compress("x".getBytes(StandardCharsets.US_ASCII), false);
        assertThat(new String(framed, 4, 6, StandardCharsets.US_ASCII)).isEqualTo("S2sTwO");
        assertThat(framed[0] & 0xFF).isEqualTo(0xFF);
    }
}
