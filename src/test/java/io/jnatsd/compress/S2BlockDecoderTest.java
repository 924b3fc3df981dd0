package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xerial.snappy.Snappy;

/** Hand-built blocks for every tag of the S2 block format, Snappy blocks, and corrupt input. */
@Timeout(10)
class S2BlockDecoderTest {

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static String decode(int... block) throws CorruptInputException {
        return new String(S2BlockDecoder.decode(bytes(block)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldDecodeShortLiteral_whenLengthInTag() throws Exception {
        assertThat(decode(3, 2 << 2, 'a', 'b', 'c')).isEqualTo("abc");
    }

    @Test
    void shouldDecodeLongLiterals_whenLengthInOneToFourExtraBytes() throws Exception {
        for (int extra = 1; extra <= 2; extra++) {
            int n = extra == 1 ? 200 : 300;
            byte[] block = new byte[3 + 1 + extra + n];
            int p = 0;
            block[p++] = (byte) (n & 0x7F | 0x80);
            block[p++] = (byte) (n >>> 7);
            block[p++] = (byte) ((59 + extra) << 2);
            block[p++] = (byte) (n - 1);
            if (extra == 2) {
                block[p++] = (byte) ((n - 1) >>> 8);
            }
            for (int i = 0; i < n; i++) {
                block[p++] = (byte) ('a' + i % 26);
            }
            byte[] out = S2BlockDecoder.decode(java.util.Arrays.copyOf(block, p));
            assertThat(out).hasSize(n);
            assertThat(out[27]).isEqualTo((byte) 'b');
        }
        // 3- and 4-byte literal lengths: 60+2=62 and 63.
        assertThat(decode(2, 62 << 2, 1, 0, 0, 'x', 'y')).isEqualTo("xy");
        assertThat(decode(2, 63 << 2, 1, 0, 0, 0, 'x', 'y')).isEqualTo("xy");
    }

    @Test
    void shouldDecodeCopy1_whenOffsetBelow2048() throws Exception {
        // "abcd" then copy1 len 8 offset 4 -> "abcdabcdabcd" (overlapping copy).
        assertThat(decode(12, 3 << 2, 'a', 'b', 'c', 'd', (4 << 2) | 1, 4)).isEqualTo("abcdabcdabcd");
    }

    @Test
    void shouldDecodeCopy1HighOffsetBits_whenOffsetAbove255() throws Exception {
        byte[] lit = new byte[300];
        for (int i = 0; i < lit.length; i++) {
            lit[i] = (byte) i;
        }
        // A literal of 300 bytes (len-1 = 299 needs the 2-byte form, tag 61).
        byte[] block = new byte[2 + 3 + 300 + 2];
        int p = 0;
        block[p++] = (byte) (304 & 0x7F | 0x80);
        block[p++] = (byte) (304 >>> 7);
        block[p++] = (byte) (61 << 2);
        block[p++] = (byte) (299 & 0xFF);
        block[p++] = (byte) (299 >>> 8);
        System.arraycopy(lit, 0, block, p, 300);
        p += 300;
        // copy1: offset 300 = 0x12C: high bits 1 in bits 5-7, low byte 0x2C; length 4.
        block[p++] = (byte) ((1 << 5) | (0 << 2) | 1);
        block[p++] = (byte) 0x2C;
        byte[] out = S2BlockDecoder.decode(java.util.Arrays.copyOf(block, p));
        assertThat(java.util.Arrays.copyOfRange(out, 300, 304)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void shouldDecodeCopy2AndCopy4_whenLongerOffsetForms() throws Exception {
        assertThat(decode(8, 3 << 2, 'w', 'x', 'y', 'z', (3 << 2) | 2, 4, 0)).isEqualTo("wxyzwxyz");
        assertThat(decode(8, 3 << 2, 'w', 'x', 'y', 'z', (3 << 2) | 3, 4, 0, 0, 0)).isEqualTo("wxyzwxyz");
        // copy2 of 64 bytes (len-1 = 63), offset 1: a run.
        String run = decode(65, 0, 'r', (63 << 2) | 2, 1, 0);
        assertThat(run).isEqualTo("r".repeat(65));
    }

    @Test
    void shouldDecodeRepeatOfEveryLengthForm_whenOffsetIsZero() throws Exception {
        // "ab", copy2 len 4 off 2 -> "ababab", then repeats of the last offset (2).
        assertThat(decode(11, 1 << 2, 'a', 'b', (3 << 2) | 2, 2, 0, (1 << 2) | 1, 0))
            .isEqualTo("ab" + "abab" + "ababa");
        String r5 = decode(6 + 8 + 10, 1 << 2, 'a', 'b', (3 << 2) | 2, 2, 0, (5 << 2) | 1, 0, 10);
        assertThat(r5).isEqualTo("ab".repeat(12));
        int len6 = 260 + 0x0102;
        String r6 = decode(varint(6 + len6, 1 << 2, 'a', 'b', (3 << 2) | 2, 2, 0, (6 << 2) | 1, 0, 0x02, 0x01));
        assertThat(r6).hasSize(6 + len6).startsWith("ababab").endsWith("ab");
        int len7 = 65540 + 5;
        String r7 = decode(varint(6 + len7, 1 << 2, 'a', 'b', (3 << 2) | 2, 2, 0, (7 << 2) | 1, 0, 5, 0, 0));
        assertThat(r7).hasSize(6 + len7).isEqualTo("ab".repeat((6 + len7) / 2) + "a");
    }

    /** Prefixes the given tail with the varint of {@code n}. */
    private static int[] varint(int n, int... tail) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        int x = n;
        while (x >= 0x80) {
            out.add(x & 0x7F | 0x80);
            x >>>= 7;
        }
        out.add(x);
        for (int t : tail) {
            out.add(t);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void shouldRefuse_whenRepeatComesFirstOrCopyReachesBeforeStart() {
        assertThatThrownBy(() -> decode(6, 1 << 2, 'a', 'b', 1, 0)).isInstanceOf(CorruptInputException.class);
        assertThatThrownBy(() -> decode(6, 1 << 2, 'a', 'b', (3 << 2) | 2, 3, 0))
            .isInstanceOf(CorruptInputException.class);
        assertThatThrownBy(() -> decode(4, 3 << 2, 'a', 'b')).isInstanceOf(CorruptInputException.class);
        assertThatThrownBy(() -> decode(5, 1 << 2, 'a', 'b')).as("short of the declared length")
            .isInstanceOf(CorruptInputException.class);
        assertThatThrownBy(() -> decode(0x80, 0x80, 0x80, 0x80, 0x80, 0x01))
            .isInstanceOf(CorruptInputException.class);
    }

    @Test
    void shouldNeverThrowOtherThanCorruptInput_whenInputIsGarbage() {
        java.util.Random rnd = new java.util.Random(7);
        byte[] valid = S2BlockEncoder.encode("hello hello hello hello S2 S2 S2 S2 world".repeat(20)
            .getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 5_000; i++) {
            byte[] b = valid.clone();
            b[1 + rnd.nextInt(b.length - 1)] = (byte) rnd.nextInt();
            try {
                S2BlockDecoder.decode(b);
            } catch (CorruptInputException e) {
                assertThat(e.getMessage()).contains("S2 block").as("only CorruptInputException escapes");
            }
        }
    }

    @Test
    void shouldDecodeSnappyBlocks_whenCompressedBySnappyJava() throws Exception {
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] in = S2BlockEncoderTest.sample(rnd, rnd.nextInt(200_000));
            assertThat(S2BlockDecoder.decode(Snappy.compress(in))).isEqualTo(in);
        }
    }
}
