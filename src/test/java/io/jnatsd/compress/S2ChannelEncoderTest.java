package io.jnatsd.compress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The route encoder's two levels: compressed chunks, or chunks stored as they are (s2_uncompressed). */
class S2ChannelEncoderTest {

    private static final byte[] TEXT = "RMSG $G foo 30\r\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(20)
            .getBytes(StandardCharsets.US_ASCII);

    private static byte[] encode(EmbeddedChannel ch) {
        ch.writeOutbound(Unpooled.wrappedBuffer(TEXT));
        ByteBuf out = ch.readOutbound();
        try {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    @Test
    void shouldStoreChunksUncompressed_whenCompressIsOff() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new S2ChannelEncoder(false));
        byte[] framed = encode(ch);
        // Stream identifier (10 bytes), then a chunk of type 0x01 (uncompressed) holding the text after its CRC.
        assertThat(framed[10] & 0xFF).isEqualTo(S2Frames.CHUNK_UNCOMPRESSED);
        assertThat(framed).hasSize(10 + 4 + 4 + TEXT.length);
        assertThat(S2FrameReader.decompress(framed)).isEqualTo(TEXT);
        ch.finishAndReleaseAll();
    }

    @Test
    void shouldCompressLaterChunks_whenSwitchedOn() throws Exception {
        S2ChannelEncoder encoder = new S2ChannelEncoder(false);
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        byte[] first = encode(ch);
        encoder.setCompress(true);
        byte[] second = encode(ch);
        assertThat(second[0] & 0xFF).isEqualTo(S2Frames.CHUNK_COMPRESSED);
        assertThat(second.length).isLessThan(TEXT.length / 2);
        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        assertThat(S2FrameReader.decompress(whole)).hasSize(2 * TEXT.length);
        ch.finishAndReleaseAll();
    }
}
