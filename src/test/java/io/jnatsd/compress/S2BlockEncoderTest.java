package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Round trips of the encoder (S2 and Snappy modes), Snappy compatibility, the size bound and repeat codes. */
class S2BlockEncoderTest {

    /** Text-like data with repeats at many distances, some random runs, and long runs. */
    static byte[] sample(Random rnd, int len) {
        byte[] out = new byte[len];
        String[] words = {"subject", "orders.", "NATS/1.0", "\r\n", "payload", "{\"id\":", "aaaa", " "};
        int p = 0;
        while (p < len) {
            int kind = rnd.nextInt(10);
            byte[] piece;
            if (kind < 6) {
                piece = words[rnd.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII);
            } else if (kind < 8) {
                piece = new byte[rnd.nextInt(40)];
                rnd.nextBytes(piece);
            } else if (kind < 9 && p > 0) {
                int from = rnd.nextInt(p);
                piece = java.util.Arrays.copyOfRange(out, from, Math.min(p, from + rnd.nextInt(300)));
            } else {
                piece = new byte[rnd.nextInt(2000)];
                java.util.Arrays.fill(piece, (byte) rnd.nextInt(4));
            }
            int n = Math.min(piece.length, len - p);
            System.arraycopy(piece, 0, out, p, n);
            p += n;
        }
        return out;
    }

    @Property(tries = 300)
    void shouldRoundTrip_whenAnyBytes(@ForAll @Size(max = 5000) byte[] data) throws Exception {
        assertThat(S2BlockDecoder.decode(S2BlockEncoder.encode(data))).isEqualTo(data);
        assertThat(S2BlockDecoder.decode(S2BlockEncoder.encodeSnappy(data))).isEqualTo(data);
        assertThat(S2BlockEncoder.encode(data).length).isLessThanOrEqualTo(S2BlockEncoder.maxEncodedLength(data.length));
    }

    @Property(tries = 200)
    void shouldRoundTripAndDecodeWithSnappy_whenCompressibleInput(@ForAll @IntRange(max = 300_000) int len,
                                                                  @ForAll long seed) throws Exception {
        byte[] data = sample(new Random(seed), len);
        byte[] s2 = S2BlockEncoder.encode(data);
        byte[] snappy = S2BlockEncoder.encodeSnappy(data);
        assertThat(S2BlockDecoder.decode(s2)).isEqualTo(data);
        assertThat(S2BlockDecoder.decode(snappy)).isEqualTo(data);
        assertThat(Snappy.uncompress(snappy)).as("Snappy reads our Snappy-mode output").isEqualTo(data);
        assertThat(s2.length).isLessThanOrEqualTo(S2BlockEncoder.maxEncodedLength(len));
        assertThat(snappy.length).isLessThanOrEqualTo(S2BlockEncoder.maxEncodedLength(len));
    }

    @Test
    void shouldEmitRepeatCodesAndCompressBetter_whenS2ModeOnLongRuns() throws Exception {
        byte[] data = ("0123456789abcdef".repeat(4096) + "x").getBytes(StandardCharsets.US_ASCII);
        byte[] s2 = S2BlockEncoder.encode(data);
        byte[] snappy = S2BlockEncoder.encodeSnappy(data);
        assertThat(s2.length).isLessThan(snappy.length / 10);
        assertThat(S2BlockDecoder.decode(s2)).isEqualTo(data);
        assertThat(hasRepeat(s2)).isTrue();
        assertThat(hasRepeat(snappy)).isFalse();
    }

    @Test
    void shouldStoreAsLiteral_whenInputIncompressible() throws Exception {
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        byte[] enc = S2BlockEncoder.encode(data);
        assertThat(enc.length).isLessThanOrEqualTo(data.length + 16);
        assertThat(S2BlockDecoder.decode(enc)).isEqualTo(data);
    }

    /** Walks a block's elements and says whether any is a repeat (copy1 with offset 0). */
    private static boolean hasRepeat(byte[] block) {
        int s = 0;
        while ((block[s] & 0x80) != 0) {
            s++;
        }
        s++;
        while (s < block.length) {
            int tag = block[s] & 0xFF;
            switch (tag & 3) {
                case 0 -> {
                    int x = tag >>> 2;
                    int extra = x >= 60 ? x - 59 : 0;
                    long len = x < 60 ? x + 1 : 1 + (readLe(block, s + 1, extra));
                    s += 1 + extra + (int) len;
                }
                case 1 -> {
                    int off = ((tag & 0xE0) << 3) | (block[s + 1] & 0xFF);
                    if (off == 0) {
                        return true;
                    }
                    s += 2;
                }
                case 2 -> s += 3;
                default -> s += 5;
            }
        }
        return false;
    }

    private static long readLe(byte[] b, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (b[at + i] & 0xFF) << (8 * i);
        }
        return v;
    }
}
